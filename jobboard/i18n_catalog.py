"""Korean catalog maintenance on top of polib, used by the i18n tests and
scripts/update_translations.sh to find entries a translator still has to fill in and to keep
the Korean text of strings that moved between catalogs. A development tool: polib is in the
`dev` extra, and nothing at runtime imports this module."""

import json
import sys
from pathlib import Path

import polib

BASE_DIR = Path(__file__).resolve().parent.parent
SKIP_DIRS = {".venv", "venv", "node_modules", "var", ".git", "bench", "deploy"}


def load(path: str | Path) -> polib.POFile:
    return polib.pofile(str(path))


def catalog_problems(path: str | Path) -> list[str]:
    """Entries that would show English at runtime: fuzzy (ignored by gettext), an empty
    msgstr, or a plural form left empty. Obsolete entries do not count."""
    catalog = load(path)
    header = ["header: fuzzy"] if catalog.metadata_is_fuzzy else []
    fuzzy = [f"{entry.msgid!r}: fuzzy" for entry in catalog.fuzzy_entries()]
    empty = [f"{entry.msgid!r}: untranslated" for entry in catalog.untranslated_entries()]
    return header + fuzzy + empty


def catalogs(base: Path = BASE_DIR) -> list[Path]:
    """Every Korean catalog of the project: locale/ and the apps' own locale/ folders."""
    found = base.glob("**/locale/ko/LC_MESSAGES/django.po")
    kept = [po for po in found if not SKIP_DIRS & set(po.relative_to(base).parts)]
    # The project catalog first: it is the one Django prefers at runtime (LOCALE_PATHS).
    return sorted(kept, key=lambda po: (po.parent.parent.parent.parent != base, po))


def _key(entry: polib.POEntry) -> str:
    return json.dumps([entry.msgctxt, entry.msgid, entry.msgid_plural or None])


def _text(entry: polib.POEntry) -> str:
    # Korean has one plural form (nplurals=1): msgstr[0] is the whole translation.
    return entry.msgstr_plural[0] if entry.msgid_plural else entry.msgstr


def known_translations(paths: list[Path]) -> dict[str, str]:
    """Complete, non-fuzzy translations of all catalogs (first catalog wins), keyed as JSON."""
    known: dict[str, str] = {}
    for path in paths:
        for entry in load(path).translated_entries():
            known.setdefault(_key(entry), _text(entry))
    return known


def refill(path: Path, known: dict[str, str]) -> int:
    """Fill empty (not fuzzy) entries of one .po from known translations; returns the count.
    The file is rewritten only when something was filled; polib wraps lines its own way, so
    scripts/update_translations.sh passes the file through msgcat afterwards."""
    catalog = load(path)
    filled = 0
    for entry in catalog.untranslated_entries():
        text = known.get(_key(entry))
        if text is None:
            continue
        if entry.msgid_plural:
            entry.msgstr_plural = {0: text}
        else:
            entry.msgstr = text
        filled += 1
    if filled:
        catalog.save()
    return filled


def _say(text: str) -> None:
    sys.stdout.write(text + "\n")


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "report"
    paths = catalogs()
    if command == "list":
        _say("\n".join(str(path.relative_to(BASE_DIR)) for path in paths))
    elif command == "remember":
        Path(argv[1]).write_text(json.dumps(known_translations(paths)), encoding="utf-8")
    elif command == "refill":
        known = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
        for path in paths:
            if count := refill(path, known):
                _say(f"{path.relative_to(BASE_DIR)}: {count} moved translations kept")
    elif command == "report":
        total = 0
        for path in paths:
            entries = [entry for entry in load(path) if not entry.obsolete]
            problems = catalog_problems(path)
            total += len(problems)
            for problem in problems:
                _say(f"{path.relative_to(BASE_DIR)}: needs translation: {problem}")
            _say(f"{path.relative_to(BASE_DIR)}: {len(entries)} msgids, {len(problems)} to do")
        return 1 if total else 0
    else:
        _say("usage: python -m jobboard.i18n_catalog list|remember FILE|refill FILE|report")
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
