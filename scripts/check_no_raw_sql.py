"""ORM only (PRODUCT.md): fail on raw SQL in application code. Migrations, tests and the
contract tooling (jobboard/contracts.py uses pg_dump, not SQL) are the exceptions."""

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ["jobboard", "accounts", "jobs", "candidates", "applications", "payments"]
FORBIDDEN_ATTRS = {"raw", "extra", "execute", "executemany", "cursor", "callproc"}
FORBIDDEN_NAMES = {"RawSQL"}
# Named exceptions, each with its reason. Loading 1,000,000 benchmark rows needs COPY, which
# the ORM cannot spell; the seeder serves no request (ADR 0067).
ALLOWED = {"jobs/management/commands/seed_jobs.py": {"cursor"}}


def offences(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in FORBIDDEN_ATTRS
        ):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}: .{node.func.attr}(…)")
        if isinstance(node, ast.Name | ast.alias):
            name = node.id if isinstance(node, ast.Name) else node.name.split(".")[-1]
            if name in FORBIDDEN_NAMES:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {name}")
    return found


def main(paths: list[Path]) -> int:
    problems = []
    for path in paths:
        parts = set(path.relative_to(ROOT).parts)
        if parts & {"migrations", "tests"}:
            continue
        allowed = ALLOWED.get(path.relative_to(ROOT).as_posix(), set())
        problems += [
            found
            for found in offences(path)
            if not any(found.endswith(f".{name}(…)") for name in allowed)
        ]
    for line in problems:
        print("raw SQL:", line)
    return 1 if problems else 0


if __name__ == "__main__":
    targets = [Path(a).resolve() for a in sys.argv[1:]] or [
        p for app in APPS for p in (ROOT / app).rglob("*.py")
    ]
    sys.exit(main(targets))
