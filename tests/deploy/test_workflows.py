"""GitHub Actions: CI runs .ci/run (the single source of steps) beside PostgreSQL 15 and
Redis 7; tags build and push the image to GHCR. .ci/run runs every deploy check."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def workflow(name):
    data = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text())
    # YAML 1.1 reads the bare key `on` as True.
    return data, data.get("on", data.get(True))


def test_ci_workflow_runs_ci_run_with_postgres_and_redis():
    data, triggers = workflow("ci.yml")
    assert {"push", "pull_request"} <= set(triggers)
    (job,) = data["jobs"].values()
    assert job["services"]["postgres"]["image"] == "postgres:15"
    assert job["services"]["redis"]["image"] == "redis:7"
    assert job["env"]["CI_DB_HOST"] == "postgres"
    assert job["env"]["CI_REDIS_HOST"] == "redis"
    runs = [step.get("run", "") for step in job["steps"]]
    assert runs[-1] == "bash .ci/run"
    assert not any("pytest" in run or "ruff" in run for run in runs), "steps live in .ci/run"


def test_release_workflow_pushes_the_image_to_ghcr_on_tags():
    data, triggers = workflow("release.yml")
    assert list(triggers) == ["push"]
    assert triggers["push"]["tags"]
    (job,) = data["jobs"].values()
    assert data["permissions"]["packages"] == "write"
    uses = {step.get("uses", "").split("@")[0]: step for step in job["steps"]}
    build = uses["docker/build-push-action"]["with"]
    assert build["push"] is True
    assert build["context"] == "."
    meta = uses["docker/metadata-action"]["with"]
    assert meta["images"].startswith("ghcr.io/")
