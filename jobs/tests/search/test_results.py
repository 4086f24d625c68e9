"""Results people trust (POL-S-001): the query echoed, matches highlighted and escaped in
pages and the API, a correction or a wider search when nothing is found."""

import pytest

from jobs.models import Location, Skill
from jobs.search import parse
from jobs.search.highlight import highlight, snippet
from jobs.tests.factories import PublishedJobFactory

pytestmark = pytest.mark.django_db


def test_highlight_marks_korean_stems_inside_words_and_whole_latin_words():
    assert highlight("풀스택개발자 (Python)", parse("개발 python")) == (
        "풀스택<mark>개발</mark>자 (<mark>Python</mark>)"
    )
    assert highlight("C++ and C", parse("c++")) == "<mark>C++</mark> and C"
    # Synonyms are marked too: 파이썬 found this job through "Python".
    assert highlight("Python Engineer", parse("파이썬")) == "<mark>Python</mark> Engineer"


def test_highlight_marks_the_longest_korean_term_where_two_begin_and_every_later_one():
    # 개발 and 개발자 both begin at the same place: the whole 개발자 is marked, once; and the
    # same query marks each later occurrence in the text, not only the first.
    assert highlight("백엔드개발자, 앱개발 담당 개발자", parse("개발 개발자")) == (
        "백엔드<mark>개발자</mark>, 앱<mark>개발</mark> 담당 <mark>개발자</mark>"
    )


def test_highlight_marks_a_syllable_cut_from_a_compound_only_as_a_word_of_its_own():
    # 리액트 also matches its parts written apart, 리 (whole, ADR 0097) and 액트: the 리 of
    # 원리 is not one of them.
    assert highlight("리액트와 동작 원리, 리 액트", parse("리액트")) == (
        "<mark>리액트</mark>와 동작 원리, <mark>리</mark> <mark>액트</mark>"
    )


def test_highlight_finds_latin_words_spelt_with_symbols_and_dots_beside_korean_ones():
    # A text is scanned word by word only when a Latin term can be in it: the check must
    # spell C#, C++ and node.js as the index does, or these marks would be lost.
    text = "Node.js와 C# 개발, C++ 3년"
    assert (
        highlight(text, parse("nodejs 개발"))
        == "<mark>Node.js</mark>와 C# <mark>개발</mark>, C++ 3년"
    )
    assert highlight(text, parse("c#")) == "Node.js와 <mark>C#</mark> 개발, C++ 3년"
    assert (
        highlight(text, parse("c++ 개발")) == "Node.js와 C# <mark>개발</mark>, <mark>C++</mark> 3년"
    )
    assert highlight(text, parse("rust 개발")) == "Node.js와 C# <mark>개발</mark>, C++ 3년"


def test_highlight_escapes_the_text_around_and_inside_marks():
    marked = highlight('<b>개발자</b> & "python"', parse("개발자 python"))
    assert marked == (
        "&lt;b&gt;<mark>개발자</mark>&lt;/b&gt; &amp; &quot;<mark>python</mark>&quot;"
    )


def test_snippet_is_cut_around_the_first_match():
    text = "회사 소개 " * 30 + "Kubernetes 클러스터를 운영합니다. " + "복지 " * 30
    cut = snippet(text, parse("kubernetes"))
    assert "<mark>Kubernetes</mark>" in cut
    assert cut.startswith("…")
    assert cut.endswith("…")
    assert len(cut) < 220
    assert snippet("짧은 설명", parse("kubernetes")) == "짧은 설명"


def test_snippet_marks_every_match_inside_its_window_and_none_outside():
    text = (
        "소개 " * 30
        + "Kubernetes 와 Docker, 그리고 Kubernetes 운영 "
        + "복지 " * 60
        + "Kubernetes 끝"
    )
    cut = snippet(text, parse("kubernetes"))
    assert cut.count("<mark>Kubernetes</mark>") == 2
    assert "끝" not in cut


def test_list_page_echoes_the_query_and_highlights_matches__POL_S_001(client):
    PublishedJobFactory(title="풀스택개발자 <b>채용</b>", description="Django 서비스 개발")
    page = client.get("/jobs/", {"q": "개발"}).content.decode()
    assert "‘개발’ 검색 결과 1건" in page
    assert "풀스택<mark>개발</mark>자 &lt;b&gt;채용&lt;/b&gt;" in page
    assert "Django 서비스 <mark>개발</mark>" in page


def test_empty_search_suggests_a_spelling_and_a_filter_to_drop__POL_S_001(client):
    PublishedJobFactory(title="Python Developer", location=Location.objects.get(code="seoul"))
    page = client.get("/jobs/", {"q": "pyhton"}).content.decode()
    assert "‘pyhton’에 맞는 채용공고가 없습니다." in page
    assert 'href="?q=python">python</a>' in page
    busan = client.get("/jobs/", {"q": "python", "location": "busan"}).content.decode()
    assert "‘python’에 맞는 채용공고가 없습니다." in busan
    assert "?q=python" in busan
    assert "조건 없이: 공고 1건" in busan


def test_no_suggestion_when_the_correction_finds_nothing_either(client):
    PublishedJobFactory(title="Python Developer", location=Location.objects.get(code="seoul"))
    page = client.get("/jobs/", {"q": "pyhton", "location": "busan"}).content.decode()
    assert 'href="?q=python' not in page


def test_api_returns_highlights_with_the_same_ranking__POL_S_001(api_client):
    PublishedJobFactory(title="영업 담당자", description="kubernetes 를 몰라도 됩니다")
    PublishedJobFactory(title="Kubernetes 엔지니어", description="클러스터 운영")
    body = api_client.get("/api/v1/jobs", {"q": "k8s"}).json()
    assert [r["title"] for r in body["results"]] == ["Kubernetes 엔지니어", "영업 담당자"]
    assert body["results"][0]["highlights"]["title"] == "<mark>Kubernetes</mark> 엔지니어"
    assert "<mark>kubernetes</mark>" in body["results"][1]["highlights"]["snippet"]
    plain = api_client.get("/api/v1/jobs").json()
    assert all(r["highlights"] is None for r in plain["results"])


def test_a_job_found_by_its_skill_tag_marks_the_tag__POL_S_001(client, api_client):
    """파이썬 finds a job tagged Python whose text never says so; page and API say why."""
    job = PublishedJobFactory(title="서버 개발자", description="API 를 만듭니다")
    job.skills.set(Skill.objects.filter(code__in=["python", "docker"]))
    page = client.get("/jobs/", {"q": "파이썬"}).content.decode()
    assert "‘파이썬’ 검색 결과 1건" in page
    assert "<mark>Python</mark>" in page
    assert "<mark>Docker</mark>" not in page
    body = api_client.get("/api/v1/jobs", {"q": "파이썬"}).json()
    assert body["results"][0]["highlights"]["skills"] == ["python"]
