"""Lists, search and ranking (POL-J-002, POL-J-003, POL-J-005)."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.tests.factories import AdminFactory, JobseekerFactory
from jobs.exceptions import JobNotFound
from jobs.models import Job, Location
from jobs.search import get_backend, parse
from jobs.selectors import (
    JobFilters,
    job_get_visible,
    job_list_home,
    job_list_public,
    past_cap_cache_key,
)
from jobs.services import job_close
from jobs.tests.factories import (
    BannerOptionFactory,
    ClosedJobFactory,
    DraftJobFactory,
    ExpiredJobFactory,
    PremiumOptionFactory,
    PublishedJobFactory,
)

pytestmark = pytest.mark.django_db


def _titles(filters=None):
    return [job.title for job in job_list_public(filters)[0:100]]


def test_closed_expired_and_draft_jobs_leave_lists__POL_J_002_POL_J_003():
    PublishedJobFactory(title="open")
    ClosedJobFactory(title="closed")
    ExpiredJobFactory(title="expired")
    DraftJobFactory(title="draft")
    assert _titles() == ["open"]
    assert job_list_public().count() == 1


def test_active_premium_jobs_come_first_in_every_sort__POL_J_005():
    now = timezone.now()
    newer = PublishedJobFactory(title="newer", published_at=now, salary_max=90_000_000)
    premium = PublishedJobFactory(
        title="premium", published_at=now - timedelta(days=3), salary_min=1, salary_max=2
    )
    PremiumOptionFactory(job=premium)
    expired_premium = PublishedJobFactory(title="lapsed", published_at=now - timedelta(days=1))
    PremiumOptionFactory(
        job=expired_premium,
        starts_at=now - timedelta(days=10),
        ends_at=now - timedelta(days=3),
    )
    assert _titles(JobFilters(sort="latest")) == ["premium", "newer", "lapsed"]
    assert _titles(JobFilters(sort="salary"))[:2] == ["premium", "newer"]
    page = job_list_public()[0:2]
    assert [job.is_premium for job in page] == [True, False]
    assert newer.pk != premium.pk


def test_pagination_stitches_premium_and_regular_pages__POL_J_005():
    for _ in range(3):
        PremiumOptionFactory()
    for _ in range(4):
        PublishedJobFactory()
    ranked = job_list_public()
    assert ranked.count() == 7
    first, second = ranked[0:2], ranked[2:5]
    assert [j.is_premium for j in first + second] == [True, True, True, False, False]
    assert len({j.pk for j in first + second + ranked[5:7]}) == 7
    assert ranked[6].is_premium is False


def test_filters_location_category_type_remote_salary():
    busan = Location.objects.get(code="busan")
    PublishedJobFactory(title="seoul office")
    PublishedJobFactory(title="busan remote", location=busan, remote=True)
    PublishedJobFactory(
        title="intern", employment_type="internship", salary_min=20_000_000, salary_max=30_000_000
    )
    assert _titles(JobFilters(location="busan")) == ["busan remote"]
    assert _titles(JobFilters(remote=True)) == ["busan remote"]
    assert _titles(JobFilters(employment_type="internship")) == ["intern"]
    assert "intern" not in _titles(JobFilters(salary_min=60_000_000))
    assert len(_titles(JobFilters(category="software"))) == 3
    assert _titles(JobFilters(category="design")) == []
    # Codes become ids in the selector (ADR 0091): an unknown code finds nothing.
    assert _titles(JobFilters(location="atlantis")) == []
    assert job_list_public(JobFilters(category="atlantis")).count() == 0


def test_sort_by_salary_puts_best_paid_first():
    PublishedJobFactory(title="low", salary_min=10, salary_max=20)
    PublishedJobFactory(
        title="none", salary_mode="company_policy", salary_min=None, salary_max=None
    )
    PublishedJobFactory(title="high", salary_min=10, salary_max=100_000_000)
    assert _titles(JobFilters(sort="salary")) == ["high", "low", "none"]


def test_company_rename_updates_denormalised_name():
    job = PublishedJobFactory()
    job.company.name = "Renamed"
    job.company.save()
    job.refresh_from_db()
    assert job.company_name == "Renamed"


def test_banner_jobs_are_the_open_ones_with_an_active_banner__POL_J_005():
    banner = BannerOptionFactory()
    PremiumOptionFactory()
    closed = ClosedJobFactory()
    BannerOptionFactory(job=closed)
    assert job_list_home().banner == [banner.job]


def test_home_rows_are_the_newest_premium_and_the_newest_others__POL_J_005():
    now = timezone.now()
    premium = [
        PremiumOptionFactory(job__published_at=now - timedelta(hours=n)).job for n in range(3)
    ]
    others = [PublishedJobFactory(published_at=now - timedelta(minutes=n)) for n in range(4)]
    banner = BannerOptionFactory(job=others[2])
    home = job_list_home(premium=2, latest=3)
    assert home.premium == premium[:2]
    assert all(job.is_premium for job in home.premium)
    assert home.latest == others[:3]
    assert not any(job.is_premium for job in home.latest)
    assert home.banner == [banner.job]


def test_a_page_across_segments_keeps_the_ranking_order__POL_J_005():
    """A page spanning the premium jobs and the rest is read in one query (a union):
    the rows still come back premium first, each part in its own order."""
    now = timezone.now()
    premium = [
        PremiumOptionFactory(job__published_at=now - timedelta(days=n)).job for n in range(3)
    ]
    others = [PublishedJobFactory(published_at=now - timedelta(hours=n)) for n in range(4)]
    ranked = job_list_public(JobFilters(sort="latest"))
    assert ranked[1:5] == [*premium[1:], *others[:2]]
    assert [job.is_premium for job in ranked[2:4]] == [True, False]


def test_drafts_visible_only_to_owner_and_admin__POL_J_003():
    draft = DraftJobFactory()
    assert job_get_visible(pk=draft.pk, user=draft.owner) == draft
    assert job_get_visible(pk=draft.pk, user=AdminFactory()) == draft
    for user in (None, JobseekerFactory()):
        with pytest.raises(JobNotFound):
            job_get_visible(pk=draft.pk, user=user)


def test_detail_of_closed_job_says_closed__POL_J_002():
    job = job_get_visible(pk=ClosedJobFactory().pk)
    assert job.is_closed
    assert not job.is_open()
    assert job_get_visible(pk=ExpiredJobFactory().pk).is_closed


def test_detail_lists_active_options():
    option = PremiumOptionFactory()
    job = job_get_visible(pk=option.job_id)
    assert job.is_premium
    assert [o.kind for o in job.active_options] == ["premium"]


def test_a_job_page_reads_the_job_without_its_search_terms():
    """The search vectors (~1.3 kB and ~0.2 kB a job on PostgreSQL, ADR 0093, 0096) are for
    search: the job page's query leaves them unread."""
    job = PublishedJobFactory(title="데이터 엔지니어")
    with CaptureQueriesContext(connection) as queries:
        shown = job_get_visible(pk=job.pk)
    assert shown.title == "데이터 엔지니어"
    read = " ".join(q["sql"] for q in queries.captured_queries)
    assert '"jobs_job"."title"' in read
    assert "search_vector" not in read
    assert "title_vector" not in read


@override_settings(JOBS_COUNT_CAP=3)
def test_counts_stop_at_the_cap_and_pages_end_there__POL_J_005():
    """ADR 0069: premium jobs are all counted and shown first; regular matches are counted
    up to the cap, the list says so (capped) and its last page ends at the cap."""
    for _ in range(2):
        PremiumOptionFactory()
    for _ in range(5):
        PublishedJobFactory()
    ranked = job_list_public()
    assert ranked.counts() == (2, 3)
    assert ranked.capped is True
    page = ranked[0:20]
    assert [job.is_premium for job in page] == [True, True, False, False, False]
    assert ranked.count() == 5


@override_settings(JOBS_SEARCH_COUNT_CAP=3)
def test_a_search_under_the_cap_is_counted_exactly_and_title_matches_lead__POL_S_001():
    for n in range(2):
        PublishedJobFactory(title=f"데이터 엔지니어 {n}")
    PublishedJobFactory(title="백엔드 개발자", description="데이터 파이프라인을 만듭니다.")
    PublishedJobFactory(title="마케터")
    ranked = job_list_public(JobFilters(q="데이터"))
    assert sum(ranked.counts()) == 3
    assert ranked.capped is False
    assert [job.title.startswith("데이터") for job in ranked[0:10]] == [True, True, False]


@override_settings(JOBS_SEARCH_COUNT_CAP=2)
def test_a_capped_search_keeps_title_matches_first__POL_S_001():
    for n in range(2):
        PublishedJobFactory(title=f"데이터 엔지니어 {n}")
    for n in range(3):
        PublishedJobFactory(title=f"개발자 {n}", description="데이터 파이프라인을 만듭니다.")
    ranked = job_list_public(JobFilters(q="데이터"))
    assert ranked.capped is True
    assert [job.title.startswith("데이터") for job in ranked[0:10]] == [True, True]


@override_settings(JOBS_SEARCH_COUNT_CAP=2)
def test_the_rest_of_a_search_is_counted_only_while_its_title_matches_are_under_the_cap():
    """ADR 0093: when the title matches alone pass the cap, the other matches are past the
    last page, and the count is one statement; at the cap or under it, they are counted
    in a second one (whether the list is capped depends on them)."""
    for n in range(2):
        PublishedJobFactory(title=f"데이터 엔지니어 {n}")
    PublishedJobFactory(title="개발자", description="데이터 파이프라인을 만듭니다.")
    ranked = job_list_public(JobFilters(q="데이터"))
    with CaptureQueriesContext(connection) as counting:
        assert (ranked.counts(), ranked.capped) == ((0, 0, 2, 0), True)
    assert len(counting) == 2

    PublishedJobFactory(title="데이터 분석가")
    ranked = job_list_public(JobFilters(q="데이터"))
    with CaptureQueriesContext(connection) as counting:
        assert (ranked.counts(), ranked.capped) == ((0, 0, 2, 0), True)
    assert len(counting) == 1
    assert [job.title.startswith("데이터") for job in ranked[0:10]] == [True, True]


@override_settings(JOBS_SEARCH_COUNT_CAP=2)
def test_a_search_past_the_cap_is_not_walked_again_after_each_write__POL_S_001():
    """ADR 0094: one write cannot bring a search that passed the cap under it, so after a
    write the next count does not walk its matches again: it says capped until the mark
    lapses after JOBS_PAST_CAP_SECONDS (a 1,000+ may outlive mass closings by up to a
    quarter hour, ADR 0104), then counts exactly. Premium matches are counted exactly every
    time."""
    for n in range(3):
        PublishedJobFactory(title=f"데이터 엔지니어 {n}")
    assert job_list_public(JobFilters(q="데이터")).capped is True

    admin = AdminFactory()
    job_close(job=Job.objects.get(title="데이터 엔지니어 1"), user=admin)  # one write
    PremiumOptionFactory(job__title="데이터 분석가")
    ranked = job_list_public(JobFilters(q="데이터"))
    with CaptureQueriesContext(connection) as counting:
        assert (ranked.counts(), ranked.capped) == ((1, 0, 2, 0), True)
    (statement,) = counting.captured_queries
    assert "LIMIT 3" not in statement["sql"]  # no walk of cap + 1 regular matches

    job_close(job=Job.objects.get(title="데이터 엔지니어 2"), user=admin)
    cache.delete(past_cap_cache_key(JobFilters(q="데이터")))  # the mark's lifetime ends
    ranked = job_list_public(JobFilters(q="데이터"))
    assert (ranked.counts(), ranked.capped) == ((1, 0, 1, 0), False)


@override_settings(JOBS_SEARCH_COUNT_CAP=2, JOBS_PAST_CAP_SECONDS=0, JOBS_COUNT_CACHE_SECONDS=60)
def test_a_past_cap_mark_lives_as_long_as_its_own_setting_says__POL_S_001():
    """ADR 0104: the mark is kept for JOBS_PAST_CAP_SECONDS, whatever the count cache's
    lifetime; kept for no time at all, a search past the cap is walked after every write."""
    for n in range(3):
        PublishedJobFactory(title=f"데이터 엔지니어 {n}")
    assert job_list_public(JobFilters(q="데이터")).capped is True

    PublishedJobFactory(title="마케터")  # a write
    ranked = job_list_public(JobFilters(q="데이터"))
    with CaptureQueriesContext(connection) as counting:
        assert ranked.capped is True
    assert "LIMIT 3" in counting.captured_queries[0]["sql"]  # cap + 1 matches walked again


@override_settings(JOBS_SEARCH_COUNT_CAP=2)
def test_the_rest_of_a_search_past_the_cap_is_not_counted_again_after_each_write__POL_S_001():
    """ADR 0101: with its title matches under the cap, a search whose other matches took it
    past the cap carries a mark of its own. After a write the title matches are counted
    exactly again, the rest is not read again until the mark lapses, then it is counted."""
    PublishedJobFactory(title="데이터 엔지니어")
    for n in range(2):
        PublishedJobFactory(title=f"개발자 {n}", description="데이터 파이프라인을 만듭니다.")
    ranked = job_list_public(JobFilters(q="데이터"))
    with CaptureQueriesContext(connection) as counting:
        assert (ranked.counts(), ranked.capped) == ((0, 0, 1, 1), True)
    assert len(counting) == 2

    job_close(job=Job.objects.get(title="개발자 1"), user=AdminFactory())  # one write
    ranked = job_list_public(JobFilters(q="데이터"))
    with CaptureQueriesContext(connection) as counting:
        assert (ranked.counts(), ranked.capped) == ((0, 0, 1, 1), True)
    assert len(counting) == 1  # the title matches only

    cache.delete(past_cap_cache_key(JobFilters(q="데이터"), rest=True))  # its lifetime ends
    PublishedJobFactory(title="마케터")  # and another write
    ranked = job_list_public(JobFilters(q="데이터"))
    assert (ranked.counts(), ranked.capped) == ((0, 0, 1, 1), False)
    assert [job.title for job in ranked[0:10]] == ["데이터 엔지니어", "개발자 0"]


@override_settings(JOBS_SEARCH_COUNT_CAP=3, JOBS_COUNT_CAP=100)
def test_a_search_counts_to_its_own_cap_and_its_tiers_add_up__POL_S_001():
    """ADR 0085: a text search stops counting at JOBS_SEARCH_COUNT_CAP (the plain list at
    JOBS_COUNT_CAP); "elsewhere" tiers are the matches less the title matches, so with 2
    title matches among 5 the page shows both, then 1 more before the cap, and says capped.
    Premium tiers are exact however many match."""
    for n in range(2):
        PublishedJobFactory(title=f"데이터 엔지니어 {n}")
    for n in range(3):
        PublishedJobFactory(title=f"개발자 {n}", description="데이터 파이프라인을 만듭니다.")
    PremiumOptionFactory(job__title="데이터 분석가")
    for _ in range(2):
        PremiumOptionFactory(job__title="기획자", job__description="데이터를 읽습니다.")
    ranked = job_list_public(JobFilters(q="데이터"))
    assert ranked.counts() == (1, 2, 2, 1)
    assert ranked.capped is True
    titles = [job.title for job in ranked[0:20]]
    assert titles[:3] == ["데이터 분석가", "기획자", "기획자"]
    assert [t.startswith("데이터") for t in titles[3:]] == [True, True, False]
    whole_list = job_list_public()
    assert (whole_list.count(), whole_list.capped) == (8, False)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="a PostgreSQL index; SQLite has FTS5 columns"
)
def test_title_matches_are_read_from_the_title_terms_index__POL_S_001():
    """ADR 0085, 0096: the title tier's condition is on the column jobs_job_title_vector
    indexes, so PostgreSQL can answer it from the index (with scans that test every row
    ruled out, the plan names the index; a condition that drifted from it would not)."""
    PublishedJobFactory(title="데이터 엔지니어")
    condition = get_backend().condition(parse("데이터"), title_only=True)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        plan = Job.objects.filter(condition).explain()
    assert "jobs_job_title_vector" in plan
    found = Job.objects.filter(condition).values_list("title", flat=True)
    assert list(found) == ["데이터 엔지니어"]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="a PostgreSQL index; SQLite has FTS5 columns"
)
def test_a_deep_page_of_title_matches_walks_the_title_walk_index_alone__POL_S_001():
    """ADR 0096: a page of the title tier past the scored window takes its ids from jobs by
    date, testing each passed job's title terms; jobs_job_title_walk holds every column that
    walk reads, so it needs no row (an index-only scan; a column the tier's query reads and
    the index lacks would make it a plain index scan, or rule the index out)."""
    title_matches = [PublishedJobFactory(title=f"데이터 엔지니어 {n}") for n in range(3)]
    PublishedJobFactory(title="영업 매니저", description="데이터 기반 영업")
    ranked = job_list_public(JobFilters(q="데이터"))
    tier = ranked.segments[2]  # regular jobs matching in the title; the slice is past
    # the tier's scored window, so it is read in date order
    (page,) = ranked.parts(tier, settings.SEARCH_SCORE_WINDOW, settings.SEARCH_SCORE_WINDOW + 20)
    with connection.cursor() as cursor:
        for scan in ("seqscan", "bitmapscan", "sort", "indexscan"):
            cursor.execute(f"SET LOCAL enable_{scan} = off")
        plan = page.values("pk").explain()
    assert "Index Only Scan using jobs_job_title_walk" in plan
    newest_first = sorted(title_matches, key=lambda j: (j.published_at, j.pk), reverse=True)
    with override_settings(SEARCH_SCORE_WINDOW=1):
        ranked = job_list_public(JobFilters(q="데이터"))
        assert [j.pk for j in ranked[1:3]] == [j.pk for j in newest_first[1:]]


# Each filter that leads a covering index (ADR 0103): the filter, a value, the index.
FILTER_INDEX_LEADS = [
    ("location", "seoul", "jobs_job_pub_loc_filters"),
    ("category", "software", "jobs_job_pub_cat_filters"),
    ("employment_type", "full_time", "jobs_job_pub_type_filters"),
]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's planner; SQLite has no INCLUDE"
)
@pytest.mark.parametrize("lead", FILTER_INDEX_LEADS, ids=lambda lead: lead[0])
def test_a_filter_sets_count_reads_its_filter_index_alone__POL_J_002(lead):
    """ADR 0103: at 1,000,000 jobs a filter set under the count cap was counted by reading
    every match's row (0.2 s for 5,900 matches). The location, category and type indexes
    carry every column the other filters test, so the count is an index-only scan; a
    filtered column missing from them would rule the scan out."""
    name, value, index = lead
    soon = timezone.localdate() + timedelta(days=3)
    wanted = {"experience": "experienced", "experience_min_years": 2, "experience_max_years": 5}
    wanted |= {"education": "bachelor", "deadline": soon}
    PublishedJobFactory(**wanted, salary_min=60_000_000, salary_max=70_000_000)
    PublishedJobFactory(**wanted, salary_min=30_000_000, salary_max=40_000_000)
    filters = JobFilters(
        **{name: value},
        remote=False,
        salary_min=50_000_000,
        experience="experienced",
        experience_years=3,
        education="master",
        deadline="closing_soon",
    )
    with CaptureQueriesContext(connection) as queries:
        assert job_list_public(filters).count() == 1
    (count,) = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"]]
    others = {other for _, _, other in FILTER_INDEX_LEADS}
    with connection.cursor() as cursor:
        # On a few rows any of the three serves; the test's transaction leaves only this one.
        for other in others - {index}:
            cursor.execute(f"DROP INDEX {other}")
        for scan in ("seqscan", "bitmapscan", "indexscan"):
            cursor.execute(f"SET LOCAL enable_{scan} = off")
        cursor.execute(f"EXPLAIN {count}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert f"Index Only Scan using {index}" in plan


@override_settings(JOBS_SEARCH_COUNT_CAP=2)
def test_a_search_knows_which_tier_sizes_are_whole_counts__POL_S_001():
    """ADR 0100: under the cap every tier's size is its number of matches; past it, the
    last regular tier with rows was cut at the cap (and the ones after it are empty)."""
    for n in range(2):
        PublishedJobFactory(title=f"데이터 엔지니어 {n}")
    PublishedJobFactory(title="개발자", description="데이터 파이프라인을 만듭니다.")
    ranked = job_list_public(JobFilters(q="데이터"))
    assert (ranked.counts(), ranked.exact_counts()) == ((0, 0, 2, 0), [True, True, False, False])
    ranked = job_list_public(JobFilters(q="개발자"))
    assert (ranked.counts(), ranked.exact_counts()) == ((0, 0, 1, 0), [True] * 4)


def test_a_rare_words_tier_is_ordered_as_before_when_gathered__POL_S_001():
    """ADR 0100: a tier counted whole is read by gathering its matches, in the order a walk
    gave: within the scored window the best scores lead (a whole word over a prefix);
    past it, the newest first."""
    now = timezone.now()
    prefixed = [
        PublishedJobFactory(title=f"JavaScript 개발자 {n}", published_at=now - timedelta(hours=n))
        for n in range(4)
    ]
    whole = PublishedJobFactory(title="Java 개발자", published_at=now - timedelta(days=3))
    with override_settings(SEARCH_SCORE_WINDOW=2):
        ranked = job_list_public(JobFilters(q="java"))
        assert (ranked.counts()[2], ranked.exact_counts()[2]) == (5, True)
        # the window is the newest two; the rest by date, the best scored one last
        assert [j.pk for j in ranked[2:5]] == [prefixed[2].pk, prefixed[3].pk, whole.pk]
    with override_settings(SEARCH_SCORE_WINDOW=100):
        ranked = job_list_public(JobFilters(q="java"))
        assert [j.pk for j in ranked[0:5]] == [whole.pk, *(j.pk for j in prefixed)]
        tier = ranked.segments[2]
        walked = ranked.fetch([(False, p) for p in ranked.parts(tier, 1, 4)])
        assert ranked[1:4] == walked


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's planner; SQLite reads FTS5 rows"
)
@pytest.mark.parametrize("sort", ["relevance", "latest", "salary"])
def test_a_tier_counted_whole_is_never_walked_by_date__POL_S_001(sort):
    """ADR 0100: PostgreSQL estimates a rare prefix term at thousands of matches and walked
    jobs by date testing each one (1.8 s for page 4 of "Intern" at 1,000,000 jobs). A tier
    whose whole count is known and under the cap is ordered by an expression no index
    provides, so even a planner that shuns sorting must gather and sort its matches; the
    same tier of unknown size may still be walked."""
    for n in range(3):
        PublishedJobFactory(title=f"데이터 엔지니어 {n}", salary_min=30_000_000 + n)
    ranked = job_list_public(JobFilters(q="데이터", sort=sort))
    tier = next(i for i, s in enumerate(ranked.segments) if not s.premium)
    assert ranked.exact_counts()[tier] is True
    window = settings.SEARCH_SCORE_WINDOW
    low = window if ranked.segments[tier].scored else 0  # a page read in date order

    def plan(found):
        (page,) = ranked.parts(ranked.segments[tier], low, low + 20, found)
        with connection.cursor() as cursor:
            for scan in ("seqscan", "sort", "incremental_sort", "bitmapscan"):
                cursor.execute(f"SET LOCAL enable_{scan} = off")
            return page.values("pk").explain()

    assert "Sort" in plan(found=3)
    assert "Sort" not in plan(found=None)


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="random_page_cost is a PostgreSQL connection option; SQLite has no planner costs",
)
def test_the_app_prices_random_reads_as_cached_storage():
    """ADR 0091: at the default random_page_cost (4) PostgreSQL counts a common word's matches
    by reading every row's search vector instead of walking the index; the app's
    connections set DB_RANDOM_PAGE_COST (1.1)."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone()[0] == "1.1"
