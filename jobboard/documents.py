"""Documents that would act on whoever opens them (issue #13, item 6; ADR 0074): the checks
résumé uploads and stored résumés run on the bytes, with a reason a person can act on.

PDF: no active content anywhere — scripts (`/JavaScript`, `/JS`), launching a program
(`/Launch`), attached files (`/EmbeddedFile`), rich media, forms that submit or import, or
an action run on opening (`/OpenAction` other than "open at this page"). Names are read as a
PDF reader reads them (`/J#61vaScript` is `/JavaScript`), inside compressed object streams
too, and not inside text strings (a résumé may well say "HTML/JavaScript").
DOCX: no macros or ActiveX controls, and no relationship to outside content (a remote
`attachedTemplate` is fetched by Word on opening) other than hyperlinks."""

import re
import zipfile
import zlib

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class ActiveContent(Exception):
    """The document would act when opened; the message says why, for its owner."""


# Names whose presence makes a PDF act on its reader rather than be read.
PDF_ACTIVE_NAMES = {
    b"JavaScript": "script",
    b"JS": "script",
    b"Launch": "launch",
    b"EmbeddedFile": "attachment",
    b"EmbeddedFiles": "attachment",
    b"RichMedia": "media",
    b"SubmitForm": "form",
    b"ImportData": "form",
    b"XFA": "form",
}
_PDF_NAME = re.compile(rb"/([^\s/<>\[\]()%{}]*)")
_PDF_TOKEN = re.compile(rb"\(|%[^\r\n]*|" + _PDF_NAME.pattern)
_PDF_STRING_PART = re.compile(rb"\\.|[()]", re.S)
# A string with at most one level of balanced parentheses inside: nearly all of them. One
# way to match each byte, and possessive repeats, so a string that never ends fails fast.
_PDF_SIMPLE_STRING = re.compile(rb"\((?:[^()\\]|\\.|\((?:[^()\\]|\\.)*+\))*+\)", re.S)
PDF_MAX_STRING_MARKS = 20_000
_PDF_HEX_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_PDF_STREAM = re.compile(rb"stream\r?\n")
_PDF_ENDSTREAM = re.compile(rb"endstream")
_PDF_OBJECT = re.compile(rb"\d+\s+\d+\s+obj\b")
_PDF_CANDIDATE = re.compile(
    rb"/(?:" + rb"|".join([*PDF_ACTIVE_NAMES, b"OpenAction"]) + rb")(?![^\s/<>\[\]()%{}])"
)
_PDF_ESCAPED_NAME = re.compile(rb"/[^\s/<>\[\]()%{}]*#[0-9A-Fa-f]{2}")
# Budget for inflating object streams: a compressed bomb is refused, not expanded.
PDF_MAX_INFLATED = 50 * 1024 * 1024


def _pdf_names(data: bytes) -> list[tuple[bytes, int]]:
    """(name, offset just past it) of every name token outside strings and comments, with
    `#xx` escapes decoded, read in one pass as a reader reads the file. If a "string" never
    ends, or holds an `n 0 obj` that a cross-reference table could point a reader into,
    strings are not trusted to hide anything: every name in the part counts."""

    def every_name():
        return [(_decode_names(m.group(1)), m.end()) for m in _PDF_NAME.finditer(data)]

    # More strings than a document's objects ever hold is a file built to be slow to read:
    # read it plainly.
    if data.count(b"(") + data.count(b"\\") > PDF_MAX_STRING_MARKS:
        return every_name()
    names = []
    position = 0
    while match := _PDF_TOKEN.search(data, position):
        position = match.end()
        if match.group(0) == b"(":  # a literal string: skip to its balanced end
            if simple := _PDF_SIMPLE_STRING.match(data, match.start()):
                position = simple.end()
                if _PDF_OBJECT.search(data, match.start(), position):
                    return every_name()
                continue
            start, depth = position, 1
            while depth and (part := _PDF_STRING_PART.search(data, position)):
                position = part.end()
                depth += {b"(": 1, b")": -1}.get(part.group(0), 0)
            if depth or _PDF_OBJECT.search(data, start, position):
                return every_name()
        elif match.group(1) is not None:
            names.append((_decode_names(match.group(1)), position))
    return names


def _decode_names(data: bytes) -> bytes:
    return _PDF_HEX_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), data)


def _pdf_parts(data: bytes):
    """What a reader may take as objects: the file outside streams, the inflated content of
    object streams (PDF 1.5 packs dictionaries there, compressed), and any stream that holds
    an `n 0 obj` (a cross-reference table may point into it). Page drawing streams, which
    hold only drawing operators and compressed bytes, are skipped."""
    inflated = 0
    position = 0
    outside = []
    while start := _PDF_STREAM.search(data, position):
        end = _PDF_ENDSTREAM.search(data, start.end())
        if end is None:
            break
        header = _decode_names(data[max(position, start.start() - 512) : start.start()])
        body = data[start.end() : end.start()]
        outside.append(data[position : start.start()])
        if b"/ObjStm" in header:
            if b"/Filter" in header and (
                b"/FlateDecode" not in header or header.count(b"Decode") > 1
            ):
                raise ActiveContent(_("This PDF is packed in a way that cannot be checked."))
            inflater = zlib.decompressobj()
            try:
                content = inflater.decompress(body, PDF_MAX_INFLATED - inflated)
            except zlib.error:
                if b"/Filter" in header:
                    raise ActiveContent(
                        _("This PDF is packed in a way that cannot be checked.")
                    ) from None
                content = body
            if inflater.unconsumed_tail:
                raise ActiveContent(_("This PDF expands too much to be a résumé."))
            inflated += len(content)
            yield content
        elif _PDF_OBJECT.search(body):
            yield body
        position = end.end()
    outside.append(data[position:])
    yield b"\n".join(outside)


def check_pdf(data: bytes) -> None:
    """Raises ActiveContent, with the reason, for a PDF that would act when opened."""
    found = set()
    for part in _pdf_parts(data):
        if not (_PDF_CANDIDATE.search(part) or _PDF_ESCAPED_NAME.search(part)):
            continue  # the common case, decided without reading every name
        for name, after in _pdf_names(part):
            if name in PDF_ACTIVE_NAMES:
                found.add(PDF_ACTIVE_NAMES[name])
            # `/OpenAction [page /Fit]` only says where to open; anything else acts.
            elif name == b"OpenAction" and not part[after : after + 64].lstrip().startswith(b"["):
                found.add("open")
    for kind in PDF_REFUSALS:  # the most telling reason first
        if kind in found:
            raise ActiveContent(_pdf_refusal(kind))


PDF_REFUSALS = {
    "script": gettext_lazy("This PDF contains a script."),
    "launch": gettext_lazy("This PDF tries to start a program."),
    "attachment": gettext_lazy("This PDF carries attached files."),
    "media": gettext_lazy("This PDF carries embedded media."),
    "form": gettext_lazy("This PDF contains a form that sends or loads data."),
    "open": gettext_lazy("This PDF runs an action when it is opened."),
}


def _pdf_refusal(kind: str) -> str:
    return _(
        "%(reason)s Résumés with active content are refused: save it again as a plain PDF."
    ) % {"reason": PDF_REFUSALS[kind]}


_RELATIONSHIP = re.compile(rb"<(?:\w+:)?Relationship\b([^>]*)>")
_ATTRIBUTE = re.compile(rb"""(\w+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
DOCX_MAX_PART = 5 * 1024 * 1024


def _external_relationships(archive: zipfile.ZipFile, members) -> list[bytes]:
    """The types of relationships that point outside the file (`TargetMode="External"`)."""
    found = []
    for member in members:
        if not member.filename.endswith(".rels"):
            continue
        if member.file_size > DOCX_MAX_PART:
            raise ActiveContent(_("This DOCX file expands too much to be a résumé."))
        for match in _RELATIONSHIP.finditer(archive.read(member)):
            attributes = {
                name: (double if double is not None else single)
                for name, double, single in _ATTRIBUTE.findall(match.group(1))
            }
            if attributes.get(b"TargetMode", b"").lower() == b"external":
                found.append(attributes.get(b"Type", b"").rsplit(b"/", 1)[-1])
    return found


def check_docx(archive: zipfile.ZipFile) -> None:
    """Raises ActiveContent, with the reason, for a DOCX that would act or fetch when opened.
    The caller has bounded the archive's size (zip bombs) first."""
    members = archive.infolist()
    lowered = [member.filename.lower() for member in members]
    if any(name.endswith(("vbaproject.bin", "vbadata.xml")) for name in lowered):
        raise ActiveContent(_("Documents with macros are not accepted."))
    if any(name.startswith("word/activex/") for name in lowered):
        raise ActiveContent(_("Documents with ActiveX controls are not accepted."))
    external = _external_relationships(archive, members)
    if b"attachedTemplate" in external:
        raise ActiveContent(
            _(
                "This document loads its template from the internet when opened. Save it "
                "again as a plain document (without a linked template)."
            )
        )
    if any(kind != b"hyperlink" for kind in external):
        raise ActiveContent(
            _(
                "This document loads content from outside the file when opened (a linked "
                "object, frame or picture). Save it again with that content embedded."
            )
        )
