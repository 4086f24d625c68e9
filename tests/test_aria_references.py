"""Forms tell screen readers where a field's help and errors are: every aria-describedby on
a page names elements that are on that page. Django points a field with help text at
"<id>_helptext"; a template that renders the help without that id leaves the reference
dangling, and the help is never read out."""

from html.parser import HTMLParser

import pytest

from accounts.tests.factories import JobseekerFactory

pytestmark = pytest.mark.django_db


class References(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.described_by: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        self.described_by.update((attributes.get("aria-describedby") or "").split())


def dangling(html: str) -> set[str]:
    page = References()
    page.feed(html)
    return page.described_by - page.ids


@pytest.mark.parametrize(
    ("who", "path"),
    [
        (None, "/jobs/"),
        (None, "/accounts/register/"),
        ("jobseeker", "/me/profile/"),
    ],
)
def test_every_aria_describedby_names_an_element_on_the_page(client, browser_client_for, who, path):
    browser = browser_client_for(JobseekerFactory()) if who == "jobseeker" else client
    response = browser.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert "aria-describedby" in html  # the page has described fields to check
    assert dangling(html) == set()
