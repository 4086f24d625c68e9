"""deploy/terraform parses (python-hcl2), declares every variable it uses, keeps the data
Multi-AZ and encrypted, and holds no secret. `terraform validate` needs the AWS provider
from the Terraform registry, which this machine cannot reach (docs/deploy.md)."""

import functools
import re
import shutil
import subprocess
from pathlib import Path

import hcl2
import pytest

ROOT = Path(__file__).resolve().parents[2]
TF = ROOT / "deploy" / "terraform"
REQUIRED_VARIABLES = {"environment", "resume_bucket_name", "alarm_email"}


def _unquote(value):
    if isinstance(value, str) and len(value) >= 2 and value[0] == value[-1] == '"':
        return value[1:-1]
    return value


def _clean(node):
    if isinstance(node, dict):
        return {_unquote(k): _clean(v) for k, v in node.items() if not k.startswith("__")}
    if isinstance(node, list):
        return [_clean(i) for i in node]
    return _unquote(node)


@functools.cache
def parsed() -> dict[str, dict]:
    return {path.name: _clean(hcl2.loads(path.read_text())) for path in sorted(TF.glob("*.tf"))}


def blocks(kind: str) -> dict:
    found = {}
    for document in parsed().values():
        for block in document.get(kind, []):
            found.update(block)
    return found


def resources(resource_type: str) -> dict:
    found = {}
    for document in parsed().values():
        for block in document.get("resource", []):
            found.update(block.get(resource_type, {}))
    return found


def test_every_file_parses():
    files = parsed()
    assert {"versions.tf", "variables.tf", "network.tf", "eks.tf", "data.tf"} <= set(files)


def test_every_used_variable_is_declared_and_required_ones_have_no_default():
    declared = blocks("variable")
    used = set()
    for path in TF.glob("*.tf"):
        used |= set(re.findall(r"\bvar\.([a-z_][a-z0-9_]*)", path.read_text()))
    assert used <= set(declared), f"undeclared: {used - set(declared)}"
    assert set(declared) <= used, f"declared but unused: {set(declared) - used}"
    for name, body in declared.items():
        assert body.get("description"), f"variable {name} has no description"
        assert ("default" not in body) == (name in REQUIRED_VARIABLES), name


def test_foundation_has_vpc_eks_database_cache_bucket_and_secrets():
    modules = blocks("module")
    assert modules["vpc"]["source"] == "terraform-aws-modules/vpc/aws"
    assert modules["eks"]["source"] == "terraform-aws-modules/eks/aws"
    assert modules["eks"]["cluster_encryption_config"]["resources"] == ["secrets"]
    for resource_type in (
        "aws_db_instance",
        "aws_elasticache_replication_group",
        "aws_s3_bucket",
        "aws_secretsmanager_secret",
    ):
        assert resources(resource_type), f"no {resource_type}"


def test_database_is_multi_az_encrypted_private_and_backed_up():
    db = resources("aws_db_instance")["postgres"]
    assert db["engine"] == "postgres"
    assert db["engine_version"].startswith("15")
    assert db["multi_az"] is True
    assert db["storage_encrypted"] is True
    assert db["publicly_accessible"] is False
    assert db["deletion_protection"] is True
    assert db["manage_master_user_password"] is True
    assert "password" not in db


def test_read_replicas_stream_from_the_primary_encrypted_and_private():
    """The production shape of the replica router (ADR 0068): RDS read replicas of the
    primary, their endpoints an output for DATABASE_REPLICA_URL."""
    replica = resources("aws_db_instance")["postgres_replica"]
    assert replica["replicate_source_db"] == "${aws_db_instance.postgres.identifier}"
    assert replica["count"] == "${var.db_read_replicas}"
    assert replica["storage_encrypted"] is True
    assert replica["publicly_accessible"] is False
    assert "password" not in replica


def test_cache_is_multi_az_and_encrypted_in_transit_and_at_rest():
    (redis,) = resources("aws_elasticache_replication_group").values()
    assert redis["multi_az_enabled"] is True
    assert redis["automatic_failover_enabled"] is True
    assert redis["at_rest_encryption_enabled"] is True
    assert redis["transit_encryption_enabled"] is True
    assert redis["num_cache_clusters"] >= 2


def test_resume_bucket_is_private_encrypted_and_versioned():
    (block,) = resources("aws_s3_bucket_public_access_block").values()
    assert all(
        block[key] is True
        for key in (
            "block_public_acls",
            "block_public_policy",
            "ignore_public_acls",
            "restrict_public_buckets",
        )
    )
    (sse,) = resources("aws_s3_bucket_server_side_encryption_configuration").values()
    rule = sse["rule"][0]["apply_server_side_encryption_by_default"][0]
    assert rule["sse_algorithm"] == "aws:kms"
    (versioning,) = resources("aws_s3_bucket_versioning").values()
    assert versioning["versioning_configuration"][0]["status"] == "Enabled"
    for secret in resources("aws_secretsmanager_secret").values():
        assert secret["kms_key_id"]


SECRET_PATTERNS = [
    re.compile(r"AKIA[0-9A-Z]{16}"),
    re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
    # password/secret/token = "literal" (interpolations and references are fine)
    re.compile(
        r'(?i)\b\w*(password|secret|token|auth)\w*\s*=\s*"(?![^"]*\$\{)[^"]{6,}"', re.MULTILINE
    ),
]


def test_no_hard_coded_secrets():
    files = [*TF.glob("*.tf"), *TF.glob("*.tfvars*")]
    for path in files:
        text = path.read_text()
        for pattern in SECRET_PATTERNS:
            assert not pattern.search(text), f"{path.name}: {pattern.search(text).group(0)}"
    assert not list(TF.glob("*.tfstate*")), "state files never live in the repository"


def test_secret_pattern_catches_a_literal_password():
    assert SECRET_PATTERNS[2].search('  master_password = "hunter2-prod"')
    assert not SECRET_PATTERNS[2].search("  auth_token = random_password.redis_auth.result")


def test_terraform_fmt_when_available():
    terraform = shutil.which("terraform") or shutil.which("tofu")
    if terraform is None:
        pytest.skip("terraform/tofu not installed; python-hcl2 checks above still ran")
    result = subprocess.run(
        [terraform, "fmt", "-check", "-recursive", str(TF)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
