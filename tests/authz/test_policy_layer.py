"""The authorization layer is enforced, not only agreed (ADR 0036): outside accounts, no code
compares a user's role or reads `is_superuser`, and only `<app>/policies.py` asks for
permissions (`has_perm`); templates ask `{% allowed %}`, never `user.role` or `perms.`.

Each check walks the source as data (the AST for Python, the text for templates), so a new
file is covered the day it is added."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SKIPPED_DIRS = {".venv", "node_modules", "var", ".git", "__pycache__", "tests", "static"}
ROLE_LOOKUPS = {"filter", "exclude", "get", "get_or_create", "update_or_create", "Q"}
# Listing a user's permissions (GET /auth/me) decides nothing; asking for one does.
PERMISSION_CALLS = {"has_perm", "has_perms"}


def _python_files():
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT)
        if SKIPPED_DIRS.isdisjoint(relative.parts):
            yield relative


def _names_role(node: ast.AST) -> bool:
    """`x.role`, `role`, `Role.ADMIN` (any `Role` attribute) or getattr(x, "role")."""
    if isinstance(node, ast.Attribute):
        if node.attr == "role":
            return True
        value = node.value
        return (isinstance(value, ast.Name) and value.id == "Role") or (
            isinstance(value, ast.Attribute) and value.attr == "Role"
        )
    if isinstance(node, ast.Name):
        return node.id in ("role", "Role")
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "getattr":
        return any(isinstance(a, ast.Constant) and a.value == "role" for a in node.args[1:2])
    return False


def _called_name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def role_decisions(tree: ast.AST) -> list[tuple[int, str]]:
    """Every place that decides something by a user's role."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare) and any(
            _names_role(operand) for operand in (node.left, *node.comparators)
        ):
            found.append((node.lineno, "compares a role"))
        elif isinstance(node, ast.Match) and _names_role(node.subject):
            found.append((node.lineno, "matches on a role"))
        elif isinstance(node, ast.Call) and _called_name(node) in ROLE_LOOKUPS:
            if any((k.arg or "").split("__")[0] == "role" for k in node.keywords):
                found.append((node.lineno, "looks rows up by role"))
        elif (
            isinstance(node, ast.Attribute)
            and node.attr == "is_superuser"
            and isinstance(node.ctx, ast.Load)
        ):
            found.append((node.lineno, "reads is_superuser"))
    return found


def permission_checks(tree: ast.AST) -> list[tuple[int, str]]:
    return [
        (node.lineno, f"calls {node.func.attr}()")
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in PERMISSION_CALLS
    ]


def _report(findings) -> str:
    return "\n".join(f"  {path}:{line}: {what}" for path, line, what in findings)


def test_no_role_decisions_outside_accounts():
    findings = [
        (path, line, what)
        for path in _python_files()
        if path.parts[0] != "accounts"
        for line, what in role_decisions(ast.parse((ROOT / path).read_text(), str(path)))
    ]
    assert not findings, (
        "Decide with a can_<verb>_<noun> function of <app>/policies.py (permission data plus "
        "ownership), not by role:\n" + _report(findings)
    )


def test_only_policies_modules_ask_for_permissions():
    findings = [
        (path, line, what)
        for path in _python_files()
        if path.name != "policies.py"
        for line, what in permission_checks(ast.parse((ROOT / path).read_text(), str(path)))
    ]
    assert not findings, (
        "Permission checks belong in <app>/policies.py; call its can_… function instead:\n"
        + _report(findings)
    )


TEMPLATE_ROLE_OR_PERMS = re.compile(r"\buser\.role\b|\.is_superuser\b|\{%[^%]*\bperms\.")


def test_templates_ask_policies_not_roles_or_permissions():
    findings = [
        (path.relative_to(ROOT), number, "decides by role or permission")
        for path in sorted((ROOT / "templates").rglob("*.html"))
        for number, text in enumerate(path.read_text().splitlines(), start=1)
        if TEMPLATE_ROLE_OR_PERMS.search(text)
    ]
    assert not findings, (
        'Use {% load policies %}{% allowed "app.can_…" obj as may %} in templates:\n'
        + _report(findings)
    )


# The checks must catch what they are for: each sample below is one way to decide by role.
CAUGHT = [
    'if user.role == "admin": pass',
    "if request.user.role in (Role.ADMIN, Role.RECRUITER): pass",
    "allowed = Role.RECRUITER != user.role",
    'if getattr(user, "role") == "admin": pass',
    "match user.role:\n    case 'admin': pass",
    "User.objects.filter(role=Role.ADMIN)",
    'Q(role__in=["admin"])',
    "if user.is_superuser: pass",
]
NOT_CAUGHT = [
    'User.objects.create(email="a@b.c", role=Role.RECRUITER)',
    'User.objects.get_or_create(email="a@b.c", defaults={"role": "admin"})',
    "if actor_role == ActorRole.EMPLOYER: pass",
    "make_user(is_superuser=True)",
]


def test_role_check_catches_every_way_of_deciding_by_role():
    for sample in CAUGHT:
        assert role_decisions(ast.parse(sample)), sample
    for sample in NOT_CAUGHT:
        assert not role_decisions(ast.parse(sample)), sample


def test_permission_check_catches_has_perm():
    assert permission_checks(ast.parse('request.user.has_perm("jobs.add_job")'))
    assert permission_checks(ast.parse('user.has_perms(["a.b"])'))


def test_template_check_catches_role_and_perms():
    assert TEMPLATE_ROLE_OR_PERMS.search('{% if user.role == "jobseeker" %}')
    assert TEMPLATE_ROLE_OR_PERMS.search("{% if perms.jobs.add_job %}")
    assert not TEMPLATE_ROLE_OR_PERMS.search("{{ form.role.label }}")
