"""What the HTML pages cache for everyone (ADR 0011, ADR 0088): the list's results, the
home page's rows and the filter form. A write shows on the next request, every visitor
sees their own selected filters, whoever filled the cache (their own 스크랩 buttons:
candidates/tests/test_saved_jobs.py)."""

import re

import pytest
from django.http import QueryDict
from django.test.html import parse_html
from django.utils import translation

from jobs.forms import JobSearchForm
from jobs.models import Category, Location
from jobs.services import job_close
from jobs.tests.factories import PremiumOptionFactory, PublishedJobFactory

pytestmark = pytest.mark.django_db

PAGES = ["/", "/jobs/"]


@pytest.mark.parametrize("path", PAGES)
def test_a_job_published_after_the_page_was_cached_shows_at_once(client, path):
    client.get(path)
    PublishedJobFactory(title="방금 올린 공고")
    assert "방금 올린 공고" in client.get(path).text


@pytest.mark.parametrize("path", PAGES)
def test_a_job_closed_after_the_page_was_cached_leaves_it__POL_J_002(client, path):
    job = PublishedJobFactory(title="곧 닫힐 공고")
    assert "곧 닫힐 공고" in client.get(path).text
    job_close(job=job, user=job.owner)
    assert "곧 닫힐 공고" not in client.get(path).text


def test_a_premium_option_bought_after_the_home_page_was_cached_shows__POL_J_005(client):
    job = PublishedJobFactory(title="프리미엄이 될 공고")
    assert 'id="premium-heading"' not in client.get("/").text
    PremiumOptionFactory(job=job)
    page = client.get("/").text
    assert 'id="premium-heading"' in page
    assert page.index("프리미엄이 될 공고") > page.index('id="premium-heading"')


def test_a_renamed_category_shows_on_the_cached_home_page_and_filters(client):
    client.get("/")
    client.get("/jobs/")
    category = Category.objects.get(code="software")
    category.name_ko = "새 이름의 개발 직무"
    category.save()
    assert "새 이름의 개발 직무" in client.get("/").text
    assert '<option value="software">새 이름의 개발 직무</option>' in client.get("/jobs/").text


def test_the_filter_form_shows_each_requests_own_values(client):
    PublishedJobFactory()
    client.get("/jobs/?location=seoul&skills=python")
    page = client.get("/jobs/?location=busan&sort=salary").text
    assert '<option value="busan" selected>' in page
    assert '<option value="seoul">' in page
    assert '<option value="salary" selected>' in page
    assert 'value="python" id="id_skills_' in page
    assert not re.search(r'value="python" id="id_skills_\d+" checked', page)
    page = client.get("/jobs/?location=seoul&skills=python").text
    assert '<option value="seoul" selected>' in page
    assert re.search(r'value="python" id="id_skills_\d+" checked', page)


def test_a_withdrawn_location_leaves_the_filter_form(client):
    client.get("/jobs/")
    location = Location.objects.get(code="busan")
    location.is_active = False
    location.save()
    page = client.get("/jobs/").text
    assert '<option value="busan">' not in page
    assert '<option value="seoul">' in page


@pytest.mark.parametrize("language", ["ko", "en"])
def test_the_written_out_selects_are_djangos_select(client, language):
    """The filter form's selects skip the widget's per-option template but give its markup:
    labels, ids, names, the selected option, the help text's reference."""
    query = (
        "location=busan&category=data&employment_type=contract&experience=new"
        "&education=bachelor&deadline=rolling&sort=salary"
    )
    client.cookies["django_language"] = language
    page = client.get(f"/jobs/?{query}").text
    with translation.override(language):
        form = JobSearchForm(QueryDict(query))
        for field in form:
            if field.widget_type != "select":
                continue
            shown = re.search(rf'<select name="{field.name}".*?</select>', page, re.S)
            assert shown, field.name
            assert parse_html(shown[0]) == parse_html(str(field)), field.name
            assert str(field.label_tag()) in page
