"""Shared caches keyed by what they depend on (issue #13, item 5): a page or fragment cached
for everyone is keyed by the canonical, validated parameters, and nothing from the raw
request — the query string, a header — is stored in it.

The attack found from outside: `/jobs/?salary_min=abc&q=ANYTEXT&utm_source=x` was answered
first, and the cached results block kept that query string in its pagination links, so the
next plain `/jobs/` linked every reader to it. Each test below sends such a request first,
then the clean one, and looks for the first requester's text in the second answer."""

import pytest

from accounts.tests.factories import RecruiterFactory
from jobs.tests.factories import PublishedJobFactory
from jobs.views import JobListView

pytestmark = pytest.mark.django_db

POISON = "p0is0n"
# Parameters no page reads, an invalid value of a real filter, a page number in another
# spelling: none of them may reach a shared entry.
JUNK = f"salary_min=abc&utm_source={POISON}&{POISON}=1"
HEADERS = {
    "HTTP_X_FORWARDED_HOST": f"{POISON}.example",
    "HTTP_X_FORWARDED_PROTO": "https",
    "HTTP_REFERER": f"https://{POISON}.example/",
    "HTTP_USER_AGENT": f"{POISON}-agent",
}


@pytest.fixture
def jobs(settings):
    """Three pages of one job each, so the results block has previous and next links."""
    settings.JOBS_PAGE_SIZE = 1
    recruiter = RecruiterFactory()
    return PublishedJobFactory.create_batch(
        3, owner=recruiter, company=recruiter.company, title="백엔드 개발자"
    )


def _poison_then_read(client, path: str, clean_query: str) -> str:
    separator = "&" if clean_query else ""
    first = client.get(f"{path}?{clean_query}{separator}{JUNK}", **HEADERS)
    assert first.status_code in (200, 302)
    clean = client.get(f"{path}?{clean_query}" if clean_query else path)
    assert clean.status_code == 200
    return clean.content.decode()


@pytest.mark.parametrize("clean_query", ["", "q=백엔드", "page=2", "q=백엔드&page=2"])
def test_list_page_links_carry_only_the_validated_search(client, jobs, clean_query):
    """The results block of /jobs/ is cached for everyone with the same filters; its
    previous/next links are rebuilt from those filters, not copied from the request."""
    page = _poison_then_read(client, "/jobs/", clean_query)
    assert 'rel="next"' in page or 'rel="prev"' in page
    assert POISON not in page
    assert "salary_min" not in page


def test_list_page_with_junk_links_only_to_its_filters(client, jobs):
    """The poisoned request itself links to the search it made, not to its junk."""
    page = client.get(f"/jobs/?q=백엔드&{JUNK}").content.decode()
    assert 'href="?q=%EB%B0%B1%EC%97%94%EB%93%9C&amp;page=2"' in page
    assert POISON not in page.split('<section aria-labelledby="results-heading">')[1]


def test_page_number_spellings_share_one_entry(client, jobs, monkeypatch):
    """`page=02` and `page=2` are the same page: one entry, keyed by the number."""
    rendered = []
    original = JobListView.render_results

    def counting(self, *args):
        rendered.append(args[-1])
        return original(self, *args)

    monkeypatch.setattr(JobListView, "render_results", counting)
    assert 'rel="next"' in client.get("/jobs/?page=02").content.decode()
    assert 'rel="next"' in client.get("/jobs/?page=2").content.decode()
    assert rendered == [2]


@pytest.mark.parametrize("clean_query", ["limit=1", "limit=1&page=2", "q=백엔드&limit=1"])
def test_api_list_is_keyed_by_validated_parameters(api_client, jobs, clean_query):
    """GET /api/v1/jobs is cached per validated filters, page and limit; the answer carries
    no link or echo of the first requester's query string or headers."""
    first = api_client.get(f"/api/v1/jobs?{clean_query}&utm_source={POISON}", **HEADERS)
    assert first.status_code == 200
    clean = api_client.get(f"/api/v1/jobs?{clean_query}")
    assert clean.status_code == 200
    assert POISON not in clean.content.decode()
    assert clean.json()["limit"] == 1


def test_api_page_spellings_share_one_entry(api_client, jobs):
    one = api_client.get("/api/v1/jobs?limit=1&page=02").json()
    assert one["page"] == 2
    assert api_client.get("/api/v1/jobs?limit=1&page=2").json() == one


@pytest.mark.parametrize("page", ["home", "company", "detail", "feed", "sitemap"])
def test_other_public_pages_keep_no_request_text(client, jobs, page):
    """Home, company and job pages, the Atom feed and the sitemap: whatever they cache (or
    a proxy caches for them), a request's junk never shows up in the next reader's copy."""
    job = jobs[0]
    path = {
        "home": "/",
        "company": f"/companies/{job.company_id}/",
        "detail": f"/jobs/{job.pk}/",
        "feed": "/jobs/feed/",
        "sitemap": "/sitemap.xml",
    }[page]
    assert POISON not in _poison_then_read(client, path, "")
