"""Korean is the default language and every string has a Korean translation; English
stays available through Accept-Language, the language cookie and the header switch."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from accounts.tests.factories import JobseekerFactory
from jobboard.i18n_catalog import catalog_problems, known_translations, load, refill

pytestmark = pytest.mark.django_db

BASE = Path(settings.BASE_DIR)
SKIP_DIRS = {".venv", "node_modules", "var", ".git"}
CATALOGS = sorted(
    po
    for po in BASE.glob("**/locale/ko/LC_MESSAGES/django.po")
    if not SKIP_DIRS & set(po.relative_to(BASE).parts)
)
CATALOG_IDS = [str(po.relative_to(BASE)) for po in CATALOGS]
PLACEHOLDER = re.compile(r"%(?:\([a-z_]+\))?[sd]")
PAGES = [("jobs:home", "채용공고"), ("jobs:list", "채용공고"), ("accounts:login", "로그인")]


def test_the_project_catalog_exists_and_is_korean():
    project = BASE / "locale/ko/LC_MESSAGES/django.po"
    assert project in CATALOGS
    header = load(project).metadata
    assert header["Language"] == "ko"
    assert header["Plural-Forms"] == "nplurals=1; plural=0;"


@pytest.mark.parametrize("po", CATALOGS, ids=CATALOG_IDS)
def test_catalog_has_no_untranslated_or_fuzzy_entries(po):
    assert catalog_problems(po) == []


@pytest.mark.parametrize("po", CATALOGS, ids=CATALOG_IDS)
def test_catalog_keeps_every_placeholder(po):
    for entry in load(po):
        if entry.obsolete:
            continue
        wanted = sorted(set(PLACEHOLDER.findall(entry.msgid)))
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for msgstr in translations:
            assert sorted(set(PLACEHOLDER.findall(msgstr))) == wanted, entry.msgid


@pytest.mark.parametrize("po", CATALOGS, ids=CATALOG_IDS)
def test_compiled_catalog_is_up_to_date(po, tmp_path):
    # The .mo is committed so a machine without gettext serves Korean; it must match the .po.
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("msgfmt (gettext) is not installed; the committed .mo cannot be rebuilt")
    fresh = tmp_path / "django.mo"
    command = [msgfmt, "--check", "-o", str(fresh), str(po)]  # our own files, no shell
    subprocess.run(command, check=True, capture_output=True)  # noqa: S603
    assert fresh.read_bytes() == po.with_suffix(".mo").read_bytes(), (
        f"{po.with_suffix('.mo')} is stale: run scripts/update_translations.sh"
    )


def test_runtime_catalog_translates_strings_from_every_layer():
    with translation.override("ko"):
        assert translation.gettext("Sign in") == "로그인"  # project catalog (templates)
        assert translation.gettext("Jobseeker") == "구직자"  # accounts model choice
        assert translation.gettext("Hired") == "최종 합격"  # applications stage
        assert translation.gettext("Full-time") == "정규직"  # jobs app catalog
        assert translation.ngettext("%d device signed out.", "%d devices signed out.", 3) % 3 == (
            "기기 3대를 로그아웃했습니다."
        )


@pytest.mark.parametrize(("route", "korean"), PAGES)
def test_pages_are_korean_by_default(client, route, korean):
    response = client.get(reverse(route))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ko">' in html
    assert korean in html
    assert "로그인" in html
    assert "회원가입" in html
    assert ">Sign in<" not in html


@pytest.mark.parametrize(("route", "korean"), PAGES)
def test_pages_are_english_with_accept_language(client, route, korean):
    response = client.get(reverse(route), headers={"accept-language": "en"})
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Sign in" in html
    assert "Jobs" in html
    assert korean not in html


@pytest.mark.parametrize(("route", "korean"), PAGES)
def test_language_cookie_wins_over_accept_language(client, route, korean):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse(route), headers={"accept-language": "ko"}).content.decode()
    assert '<html lang="en">' in html
    assert "Sign in" in html


def test_header_language_switch_sets_english_then_back_to_korean(client):
    home = reverse("jobs:home")
    page = client.get(home).content.decode()
    assert f'action="{reverse("set_language")}"' in page
    assert '<option value="en"' in page
    assert '<option value="ko" selected' in page

    response = client.post(reverse("set_language"), {"language": "en", "next": home})
    assert response.status_code == 302
    assert response["Location"] == home
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    page = client.get(home).content.decode()
    assert '<html lang="en">' in page
    assert '<option value="en" selected' in page
    assert "Sign in" in page

    client.post(reverse("set_language"), {"language": "ko", "next": home})
    page = client.get(home).content.decode()
    assert '<html lang="ko">' in page
    assert "로그인" in page


def test_language_switch_ignores_unknown_languages(client):
    client.post(reverse("set_language"), {"language": "xx", "next": "/"})
    assert '<html lang="ko">' in client.get(reverse("jobs:home")).content.decode()


def test_service_refusals_reach_the_form_in_the_page_language(client):
    # Domain errors raised by services are shown on the form: they follow the language too.
    JobseekerFactory(email="taken@example.com")
    data = {"email": "taken@example.com", "password": "wrong-password"}
    korean = client.post(reverse("accounts:login"), data).content.decode()
    assert "이메일 또는 비밀번호가 올바르지 않습니다." in korean
    english = client.post(reverse("accounts:login"), data, headers={"accept-language": "en"})
    assert "The email or password is not correct." in english.content.decode()


SAMPLE_PO = """msgid ""
msgstr ""
"Language: ko\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"

msgid "Apply"
msgstr "지원하기"

#, fuzzy
msgid "Jobs"
msgstr "채용공고"

msgid "Closed"
msgstr ""

msgid "%d job"
msgid_plural "%d jobs"
msgstr[0] ""

#~ msgid "Gone"
#~ msgstr ""
"""


def test_catalog_problems_name_fuzzy_empty_and_plural_entries_not_obsolete(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(SAMPLE_PO, encoding="utf-8")
    assert catalog_problems(po) == [
        "'Jobs': fuzzy",
        "'Closed': untranslated",
        "'%d job': untranslated",
    ]


def test_refill_keeps_moved_translations_and_leaves_fuzzy_ones(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(SAMPLE_PO, encoding="utf-8")
    known = {
        '[null, "Closed", null]': "마감",
        '[null, "%d job", "%d jobs"]': "채용공고 %d건",
        '[null, "Jobs", null]': "공고",
    }
    assert refill(po, known) == 2
    assert catalog_problems(po) == ["'Jobs': fuzzy"]
    assert known_translations([po]) == {
        '[null, "Apply", null]': "지원하기",
        '[null, "Closed", null]': "마감",
        '[null, "%d job", "%d jobs"]': "채용공고 %d건",
    }
