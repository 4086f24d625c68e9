"""Every policy ID the code, templates or tests cite is stated in docs/policies.md, so a
fresh clone explains its own rules (no reference to a document outside the repository)."""

import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CITED = re.compile(r"POL[-_](A|J|AP|P|S|PRIV)[-_](\d{3})")
SKIP = {".venv", "node_modules", "var", ".git", "docs"}


def cited_ids() -> set[str]:
    found = set()
    for folder, subfolders, files in os.walk(ROOT):
        subfolders[:] = [name for name in subfolders if name not in SKIP]
        for name in files:
            if name.endswith((".py", ".html", ".md")):
                text = Path(folder, name).read_text(encoding="utf-8", errors="ignore")
                found |= {f"POL-{area}-{number}" for area, number in CITED.findall(text)}
    return found


def test_every_cited_policy_is_documented():
    documented = set(
        re.findall(r"\*\*(POL-[A-Z]+-\d{3}) ", (ROOT / "docs/policies.md").read_text())
    )
    assert cited_ids()  # the scan finds the IDs the tests are named after
    assert cited_ids() - documented == set()


# --- docs/architecture.md, "Where each policy lives": one row per built policy, true to the code

ARCHITECTURE = ROOT / "docs/architecture.md"
POLICY_ID = re.compile(r"POL-[A-Z]+-\d{3}")
CODE = re.compile(r"`([^`]+)`")


def _location_rows() -> list[tuple[str, str]]:
    text = ARCHITECTURE.read_text(encoding="utf-8")
    section = text.split("## Where each policy lives", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 2 and not set(cells[1]) <= {"-"} and cells[0] != "policy":
            rows.append((cells[0], cells[1]))
    return rows


def _built_policies() -> set[str]:
    """IDs docs/policies.md marks **Built** or **Partly built**."""
    text = (ROOT / "docs/policies.md").read_text(encoding="utf-8")
    built = set()
    for entry in re.split(r"\n- ", text):
        match = re.match(r"\*\*(POL-[A-Z]+-\d{3}) ", entry)
        if match and re.search(r"\*\*(Built|Partly built)\b", entry):
            built.add(match.group(1))
    return built


def _defines(path: Path, name: str) -> bool:
    text = path.read_text(encoding="utf-8")
    return bool(
        re.search(rf"^\s*(?:def |class )?{re.escape(name)}\b\s*[(:=]", text, re.M)
        or re.search(rf"(?:def|class) {re.escape(name)}\b", text)
        or re.search(rf"[\"']{re.escape(name)}[\"']", text)
    )


def _module_file(dotted: str) -> Path | None:
    path = ROOT / (dotted.replace(".", "/") + ".py")
    return path if path.is_file() else None


def _class_file(name: str) -> Path | None:
    for path in sorted(ROOT.glob("*/models.py")):
        if re.search(rf"^class {re.escape(name)}\b", path.read_text(encoding="utf-8"), re.M):
            return path
    return None


def unresolved(cell: str) -> list[str]:
    """The code references of a row that do not exist: a path (`jobs/rules.py`), a name in
    a file (`jobs/rules.py: salary_errors`), a dotted name (`jobs.policies.can_view_job`),
    a model's member (`Job.move_to`), or a bare name looked up in the file last named."""
    missing, current = [], None
    for ref in CODE.findall(cell):
        path_part, _, name = ref.partition(": ")
        if "/" in path_part:
            path = ROOT / path_part
            if not path.exists():
                missing.append(ref)
                continue
            current = path if path.is_file() else None
            if name and not (current and _defines(current, name)):
                missing.append(ref)
        elif re.fullmatch(r"[a-z_]+(\.[a-z_]+)+\.\w+", ref):
            module, _, name = ref.rpartition(".")
            current = _module_file(module)
            if not (current and _defines(current, name)):
                missing.append(ref)
        elif re.fullmatch(r"[A-Z]\w*\.\w+", ref):
            model, _, member = ref.partition(".")
            found = _class_file(model)
            if not (found and _defines(found, member)):
                missing.append(ref)
        elif re.fullmatch(r"\w+", ref) and not (current and _defines(current, ref)):
            missing.append(ref)
    return missing


def test_every_built_policy_has_one_location_row():
    rows = [POLICY_ID.findall(first) for first, _ in _location_rows()]
    listed = [pid for ids in rows for pid in ids]
    assert sorted(set(listed)) == sorted(listed), "a policy with two rows is not in one place"
    assert set(listed) == _built_policies(), (
        "docs/architecture.md lists where each built policy lives; docs/policies.md says "
        "which are built — they must agree"
    )


def test_every_location_named_in_the_table_exists():
    problems = {first: unresolved(second) for first, second in _location_rows()}
    assert {row: refs for row, refs in problems.items() if refs} == {}


def test_the_location_check_notices_what_does_not_exist():
    assert unresolved("`jobs/rules.py: salary_errors`, `jobs.policies.can_view_job`") == []
    assert unresolved("`Job.move_to`; `jobs/policies.py` (`can_create_job`)") == []
    assert unresolved("`jobs/rules.py: no_such_rule`") == ["jobs/rules.py: no_such_rule"]
    assert unresolved("`jobs/nowhere.py`") == ["jobs/nowhere.py"]
    assert unresolved("`jobs.policies.can_fly`") == ["jobs.policies.can_fly"]
    assert unresolved("`jobs/rules.py` (`not_here`)") == ["not_here"]


def test_every_built_policy_is_proved_by_a_test_that_names_it():
    cited_by_tests = set()
    for path in ROOT.rglob("test*.py"):
        if SKIP.isdisjoint(path.relative_to(ROOT).parts):
            text = path.read_text(encoding="utf-8", errors="ignore")
            cited_by_tests |= {f"POL-{a}-{n}" for a, n in CITED.findall(text)}
    assert _built_policies() - cited_by_tests == set()
