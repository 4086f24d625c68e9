"""The environment the shipped deploy files give the app, read from the files themselves:
a Kubernetes overlay's rendered ConfigMap plus the Secret template's keys, or an app
service of compose.yaml with its `${VAR:-default}` fallbacks as a laptop with nothing set
gets them. Used by tests/deploy/test_shipped_env.py (loaded into production settings) and
by deploy/image/smoke (the built image run with it):

    python -m tests.deploy.shipped_env k8s [production|staging]   NAME=VALUE lines (raw)
    python -m tests.deploy.shipped_env compose [web|worker|migrate]
    python -m tests.deploy.shipped_env command OVERLAY WORKLOAD   its container's command
    python -m tests.deploy.shipped_env probe OVERLAY WORKLOAD     its exec liveness probe
    python -m tests.deploy.shipped_env http-probes OVERLAY WORKLOAD   its HTTP probe paths
    python -m tests.deploy.shipped_env compose-command|compose-healthcheck SERVICE
"""

import re
import secrets
import sys
from pathlib import Path

import yaml

from tests.deploy.kustomize import build

ROOT = Path(__file__).resolve().parents[2]
K8S = ROOT / "deploy" / "k8s"
COMPOSE = ROOT / "compose.yaml"
# ${NAME}, ${NAME:-default}, ${NAME-default}: compose's interpolation forms used here.
PLACEHOLDER = "REPLACE_ME"
_VARIABLE = re.compile(r"\$\{(\w+)(?::?-([^}]*))?\}")


def secret_template() -> dict[str, str]:
    """The Secret's keys with each REPLACE_ME placeholder filled as an operator does: a
    random value of its own (50 characters, like a generated key), the rest kept."""
    secret = yaml.safe_load((K8S / "base" / "secret.template.yaml").read_text())
    return {
        key: str(value).replace(PLACEHOLDER, secrets.token_hex(25))
        for key, value in secret["stringData"].items()
    }


def k8s_env(overlay: str = "production") -> dict[str, str]:
    """What every pod of the overlay gets through envFrom: its ConfigMap, then its Secret."""
    docs = build(K8S / "overlays" / overlay)
    configmaps = [doc for doc in docs if doc["kind"] == "ConfigMap"]
    if len(configmaps) != 1:
        raise ValueError(f"{overlay}: expected one ConfigMap, found {len(configmaps)}")
    env = {key: str(value) for key, value in configmaps[0]["data"].items()}
    return {**env, **secret_template()}


def k8s_container(overlay: str, workload: str) -> dict:
    """The one container of a workload (Deployment or Job, e.g. jobboard-web) as rendered."""
    docs = build(K8S / "overlays" / overlay)
    (doc,) = [d for d in docs if d["metadata"]["name"] == workload and "template" in d["spec"]]
    (container,) = doc["spec"]["template"]["spec"]["containers"]
    return container


def compose_env(service: str = "web") -> dict[str, str]:
    compose = yaml.safe_load(COMPOSE.read_text())
    environment = compose["services"][service]["environment"]
    return {
        key: _VARIABLE.sub(lambda m: m.group(2) or "", str(value))
        for key, value in environment.items()
    }


def listing(kind: str, *where: str) -> list[str]:
    """A command, probe command or probe paths of a workload (k8s: OVERLAY WORKLOAD) or a
    compose service (SERVICE), as the deploy files give them."""
    if kind.startswith("compose-"):
        service = yaml.safe_load(COMPOSE.read_text())["services"][where[0]]
        return service["command"] if kind == "compose-command" else service["healthcheck"]["test"]
    container = k8s_container(*where)
    if kind == "command":
        return container["command"]
    if kind == "probe":
        return container["livenessProbe"]["exec"]["command"]
    probes = (container.get(f"{name}Probe", {}) for name in ("readiness", "startup", "liveness"))
    return [probe["httpGet"]["path"] for probe in probes if "httpGet" in probe]


def main(argv: list[str]) -> int:
    kind, *rest = argv or ["k8s"]
    if kind in ("command", "probe", "http-probes", "compose-command", "compose-healthcheck"):
        # One item per line, for `mapfile` in deploy/image/smoke.
        sys.stdout.write("".join(f"{item}\n" for item in listing(kind, *rest)))
        return 0
    env = k8s_env(*rest) if kind == "k8s" else compose_env(*rest)
    for key, value in sorted(env.items()):
        if "\n" in value:
            raise ValueError(f"{key}: a multi-line value cannot be passed as NAME=VALUE")
        sys.stdout.write(f"{key}={value}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
