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
