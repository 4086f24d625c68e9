"""deploy/k8s: every rendered manifest validates against the Kubernetes 1.32 schemas
(kubernetes-validate ships them; offline), and the security and rollout rules hold."""

import shutil
import subprocess
from pathlib import Path

import kubernetes_validate
import pytest
import yaml

from tests.deploy.kustomize import build, load_documents

ROOT = Path(__file__).resolve().parents[2]
K8S = ROOT / "deploy" / "k8s"
K8S_VERSION = "1.32.0"
TARGETS = {
    "base": K8S / "base",
    "staging": K8S / "overlays" / "staging",
    "production": K8S / "overlays" / "production",
}
REQUIRED_KINDS = {
    "Deployment",
    "Service",
    "Ingress",
    "HorizontalPodAutoscaler",
    "ConfigMap",
    "Job",
    "PodDisruptionBudget",
    "NetworkPolicy",
    "ServiceAccount",
}


def rendered(target: str) -> list[dict]:
    return build(TARGETS[target])


def by_key(docs):
    return {(d["kind"], d["metadata"]["name"]): d for d in docs}


def pod_spec(doc):
    return doc["spec"]["template"]["spec"]


@pytest.mark.parametrize("target", TARGETS)
def test_manifests_validate_against_kubernetes_schemas(target):
    docs = rendered(target)
    assert {d["kind"] for d in docs} >= REQUIRED_KINDS
    for doc in docs:
        kubernetes_validate.validate(doc, K8S_VERSION, strict=True)


def test_secret_template_validates_and_holds_only_placeholders():
    (secret,) = load_documents(K8S / "base" / "secret.template.yaml")
    kubernetes_validate.validate(secret, K8S_VERSION, strict=True)
    assert {"SECRET_KEY", "JWT_SIGNING_KEY", "DATABASE_URL", "REDIS_URL"} <= set(
        secret["stringData"]
    )
    for key, value in secret["stringData"].items():
        assert "REPLACE_ME" in value, f"{key} looks like a real value"
    base = yaml.safe_load((K8S / "base" / "kustomization.yaml").read_text())
    assert "secret.template.yaml" not in base["resources"]


@pytest.mark.parametrize("target", TARGETS)
def test_every_pod_runs_locked_down(target):
    for doc in rendered(target):
        if doc["kind"] not in ("Deployment", "Job"):
            continue
        spec = pod_spec(doc)
        assert spec["securityContext"]["runAsNonRoot"] is True
        assert spec["securityContext"]["runAsUser"] != 0
        assert spec["automountServiceAccountToken"] is False
        mounts_tmp = {v["name"] for v in spec["volumes"] if "emptyDir" in v}
        for container in spec["containers"]:
            context = container["securityContext"]
            assert context["allowPrivilegeEscalation"] is False
            assert context["readOnlyRootFilesystem"] is True
            assert context["capabilities"]["drop"] == ["ALL"]
            assert container["resources"]["requests"]
            assert container["resources"]["limits"]
            assert any(
                m["mountPath"] == "/tmp" and m["name"] in mounts_tmp
                for m in container["volumeMounts"]
            )
            refs = [next(iter(s.values()))["name"] for s in container["envFrom"]]
            assert refs == ["jobboard-config", "jobboard-secrets"]


@pytest.mark.parametrize("target", TARGETS)
def test_selectors_services_and_autoscaler_point_at_real_objects(target):
    docs = rendered(target)
    keyed = by_key(docs)
    web = keyed["Deployment", "jobboard-web"]
    labels = web["spec"]["template"]["metadata"]["labels"]
    for kind in ("Service", "PodDisruptionBudget"):
        selector = keyed[kind, "jobboard-web"]["spec"]["selector"]
        selector = selector.get("matchLabels", selector)
        assert selector.items() <= labels.items()
    hpa = keyed["HorizontalPodAutoscaler", "jobboard-web"]
    assert ("Deployment", hpa["spec"]["scaleTargetRef"]["name"]) in keyed
    ingress = keyed["Ingress", "jobboard"]
    assert ingress["spec"]["tls"][0]["secretName"]
    host = ingress["spec"]["rules"][0]["host"]
    assert host in ingress["spec"]["tls"][0]["hosts"]
    config = keyed["ConfigMap", "jobboard-config"]["data"]
    assert config["ALLOWED_HOSTS"] == host
    assert config["DJANGO_SETTINGS_MODULE"] == "jobboard.settings.production"
    backend = ingress["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]
    assert ("Service", backend["name"]) in keyed


def test_overlays_set_namespace_tag_and_scale():
    staging, production = by_key(rendered("staging")), by_key(rendered("production"))
    assert {d["metadata"]["namespace"] for d in staging.values()} == {"jobboard-staging"}
    assert {d["metadata"]["namespace"] for d in production.values()} == {"jobboard"}
    image = pod_spec(production["Deployment", "jobboard-web"])["containers"][0]["image"]
    assert image.startswith("ghcr.io/")
    assert not image.endswith(":latest")
    hpa = production["HorizontalPodAutoscaler", "jobboard-web"]["spec"]
    pdb = production["PodDisruptionBudget", "jobboard-web"]["spec"]
    assert hpa["minReplicas"] > pdb["minAvailable"]
    assert production["Deployment", "jobboard-web"]["spec"]["replicas"] >= hpa["minReplicas"]


def _kubectl_with_kustomize() -> str | None:
    kubectl = shutil.which("kubectl")
    if not kubectl:
        return None
    probe = subprocess.run([kubectl, "kustomize", "--help"], capture_output=True, check=False)
    return kubectl if probe.returncode == 0 else None


@pytest.mark.parametrize("target", TARGETS)
def test_renderer_agrees_with_kubectl_kustomize(target):
    kubectl = _kubectl_with_kustomize()
    if kubectl is None:
        pytest.skip("kubectl with kustomize is not installed; the Python renderer stands alone")
    out = subprocess.run(
        [kubectl, "kustomize", str(TARGETS[target])], capture_output=True, check=True, text=True
    ).stdout
    theirs = by_key(d for d in yaml.safe_load_all(out) if d)
    ours = by_key(rendered(target))
    assert theirs.keys() == ours.keys()
    for key, doc in ours.items():
        assert theirs[key] == doc, key
