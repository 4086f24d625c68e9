"""A tiny reader for gettext .po catalogs (no dependency), used by the i18n tests and
scripts/update_translations.sh to find entries a translator still has to fill in."""

import ast
import json
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False


def _unquote(text: str) -> str:
    return ast.literal_eval(text)


def parse_po(path: str | Path) -> list[Entry]:
    """Entries of a .po file, header included (msgid ""), obsolete ones flagged."""
    entries: list[Entry] = []
    entry = Entry()
    target: tuple[str, int] | None = None
    started = False

    def flush() -> None:
        nonlocal entry, started, target
        if started:
            entries.append(entry)
        entry, started, target = Entry(), False, None

    for raw in Path(path).read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("#~"):
            line = line[2:].strip()
            entry.obsolete = True
            if not line or line.startswith("#"):
                continue
        if not line:
            flush()
            continue
        if line.startswith("#,"):
            if started:
                flush()
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
            continue
        if line.startswith("#"):
            if started and target and target[0] == "msgstr":
                flush()
            continue
        keyword, _, rest = line.partition(" ")
        if line.startswith('"'):
            value = _unquote(line)
            kind, index = target
            if kind == "msgstr":
                entry.msgstr[index] += value
            else:
                setattr(entry, kind, getattr(entry, kind) + value)
            continue
        if keyword == "msgctxt" or (
            keyword == "msgid" and started and target and target[0] == "msgstr"
        ):
            flush()
        started = True
        if keyword.startswith("msgstr"):
            index = int(keyword[7:-1]) if keyword.startswith("msgstr[") else 0
            entry.msgstr[index] = _unquote(rest)
            target = ("msgstr", index)
        elif keyword in ("msgid", "msgid_plural", "msgctxt"):
            setattr(entry, keyword, _unquote(rest))
            target = (keyword, 0)
        else:
            raise ValueError(f"{path}: cannot parse {raw!r}")
    flush()
    return entries


def catalog_problems(path: str | Path) -> list[str]:
    """Entries that would show English at runtime: empty msgstr, fuzzy, or missing plural."""
    problems = []
    for entry in parse_po(path):
        if entry.obsolete:
            continue
        label = repr(entry.msgid) if entry.msgid else "header"
        if "fuzzy" in entry.flags:
            problems.append(f"{label}: fuzzy")
        if entry.msgid and (not entry.msgstr or not all(entry.msgstr.values())):
            problems.append(f"{label}: untranslated")
    return problems


# --- Maintenance commands for scripts/update_translations.sh -------------------------------

BASE_DIR = Path(__file__).resolve().parent.parent
SKIP_DIRS = {".venv", "venv", "node_modules", "var", ".git", "bench", "deploy"}


def catalogs(base: Path = BASE_DIR) -> list[Path]:
    """Every Korean catalog of the project: locale/ and the apps' own locale/ folders."""
    found = base.glob("**/locale/ko/LC_MESSAGES/django.po")
    kept = [po for po in found if not SKIP_DIRS & set(po.relative_to(base).parts)]
    # The project catalog first: it is the one Django prefers at runtime (LOCALE_PATHS).
    return sorted(kept, key=lambda po: (po.parent.parent.parent.parent != base, po))


def _key(entry: Entry) -> tuple[str | None, str, str | None]:
    return (entry.msgctxt, entry.msgid, entry.msgid_plural)


def known_translations(paths: list[Path]) -> dict[str, str]:
    """Complete, non-fuzzy translations of all catalogs (first catalog wins), keyed as JSON."""
    known: dict[str, str] = {}
    for path in paths:
        for entry in parse_po(path):
            complete = entry.msgstr and all(entry.msgstr.values())
            if entry.msgid and complete and "fuzzy" not in entry.flags:
                known.setdefault(json.dumps(_key(entry)), entry.msgstr[0])
    return known


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def refill(path: Path, known: dict[str, str]) -> int:
    """Fill empty (not fuzzy) entries of one .po from known translations; returns the count."""
    filled = 0
    blocks = path.read_text(encoding="utf-8").strip("\n").split("\n\n")
    for number, block in enumerate(blocks):
        if "fuzzy" in block or "#~" in block:
            continue
        with tempfile.NamedTemporaryFile("w", suffix=".po", encoding="utf-8") as one:
            one.write(block + "\n")
            one.flush()
            entries = parse_po(one.name)
        if len(entries) != 1 or not entries[0].msgid:
            continue
        entry = entries[0]
        text = known.get(json.dumps(_key(entry)))
        if text is None or all(entry.msgstr.values()):
            continue
        head = block.split("\nmsgstr")[0].split("\n")
        keyword = "msgstr[0]" if entry.msgid_plural is not None else "msgstr"
        blocks[number] = "\n".join([*head, f"{keyword} {_quote(text)}"])
        filled += 1
    path.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
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
            entries = [e for e in parse_po(path) if e.msgid and not e.obsolete]
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
