"""Reads of jobs: public lists and search (POL-J-002, -003, -005, POL-S-001), detail
visibility, home.

Ranking (POL-J-005) puts jobs with an active premium option first. Sorting by an
expression ("is premium?") would make PostgreSQL sort every matching row; instead a list is
a few index-friendly segments, each read in its own order, stitched together by
`RankedJobs`, which Django's Paginator and DRF's pagination slice like a queryset: premium
jobs, then the rest; for relevance, each of those split again into jobs whose title or
company matches the query and jobs that match elsewhere (ADR 0054). Relevance never scores
every match: the newest SEARCH_SCORE_WINDOW jobs of a segment are ordered by their score,
the rest of it by date."""

import hashlib
from dataclasses import astuple, dataclass, replace
from datetime import timedelta
from functools import cached_property
from operator import itemgetter
from typing import Any

from django.conf import settings
from django.contrib.postgres.expressions import ArraySubquery
from django.core.cache import cache
from django.db import connection
from django.db.models import (
    Aggregate,
    Count,
    JSONField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    prefetch_related_objects,
)
from django.db.models.functions import JSONObject
from django.utils import timezone

from jobs.exceptions import JobNotFound, JobPermissionDenied
from jobs.models import Education, Experience, Job, JobOption, JobOptionKind, Skill
from jobs.policies import can_edit_job, can_view_job
from jobs.search import ParsedQuery, get_backend, parse

SORTS = ("latest", "salary", "relevance")
DEADLINE_FILTERS = ("rolling", "closing_soon")
CLOSING_SOON_DAYS = 7
CARD_RELATED = ("location", "category", "company")
# What a list card shows: leaving out the description and the search vector (both large,
# stored out of line) keeps a page of 20 from reading and decoding kilobytes per row.
CARD_FIELDS = (
    "id",
    "title",
    "company_id",
    "company_name",
    "company__name",
    "company__logo_version",
    "owner_id",
    "employment_type",
    "remote",
    "salary_mode",
    "salary_min",
    "salary_max",
    "experience",
    "experience_min_years",
    "experience_max_years",
    "education",
    "status",
    "deadline",
    "published_at",
    "closed_at",
    "created_at",
    "updated_at",
    "location__code",
    "location__name_ko",
    "location__name_en",
    "category__code",
    "category__name_ko",
    "category__name_en",
)


@dataclass(frozen=True)
class JobFilters:
    q: str = ""
    location: str = ""
    category: str = ""
    employment_type: str = ""
    remote: bool | None = None
    salary_min: int | None = None
    experience: str = ""
    experience_years: int | None = None
    education: str = ""
    skills: tuple[str, ...] = ()
    deadline: str = ""
    sort: str = ""

    @cached_property
    def query(self) -> ParsedQuery:
        return parse(self.q)

    @property
    def effective_sort(self) -> str:
        """Relevance needs a query; without one it means latest (the default)."""
        sort = self.sort or ("relevance" if self.query else "latest")
        return "latest" if sort == "relevance" and not self.query else sort

    def without(self, name: str) -> "JobFilters":
        """The same search with one filter dropped (the widening suggestion)."""
        default: Any = JobFilters.__dataclass_fields__[name].default
        return replace(self, **{name: default})

    def active_filters(self) -> list[str]:
        """The filters (not the query or sort) that narrow this search."""
        names = (
            "location",
            "category",
            "employment_type",
            "remote",
            "salary_min",
            "experience",
            "experience_years",
            "education",
            "skills",
            "deadline",
        )
        return [n for n in names if getattr(self, n) not in ("", None, ())]


LIST_VERSION_KEY = "jobs:list-version"


def list_version() -> int:
    version = cache.get(LIST_VERSION_KEY)
    if version is None:
        version = 1
        cache.add(LIST_VERSION_KEY, version, None)
    return version


def bump_list_version() -> None:
    """Any job or option write makes cached counts stale (called from jobs.signals)."""
    try:
        cache.incr(LIST_VERSION_KEY)
    except ValueError:  # not set yet (or evicted): start a new series
        cache.set(LIST_VERSION_KEY, 2, None)


def count_cache_key(filters: JobFilters, *extra) -> str:
    raw = repr(
        (astuple(filters), extra, timezone.localdate().isoformat(), list_version(), "capped")
    )
    return "jobs:count:" + hashlib.sha256(raw.encode()).hexdigest()[:32]


def list_cache_key(filters: JobFilters, *page) -> str:
    """A key for one page of a public list: same versioning as the counts (ADR 0011)."""
    return "jobs:page:" + count_cache_key(filters, *page).rsplit(":", 1)[-1]


def active_options(kind: str, now=None) -> QuerySet[JobOption]:
    now = now or timezone.now()
    return JobOption.objects.filter(kind=kind, starts_at__lte=now, ends_at__gt=now)


def job_list_open() -> QuerySet[Job]:
    """Published and not past the deadline (POL-J-002, POL-J-003): what lists may show."""
    return Job.objects.filter(Job.open_filter())


def job_filter_public(filters: JobFilters) -> QuerySet[Job]:
    """Open jobs matching the filters, unordered."""
    jobs = job_list_open()
    if filters.location:
        jobs = jobs.filter(location__code=filters.location)
    if filters.category:
        jobs = jobs.filter(category__code=filters.category)
    if filters.employment_type:
        jobs = jobs.filter(employment_type=filters.employment_type)
    if filters.remote is not None:
        jobs = jobs.filter(remote=filters.remote)
    if filters.salary_min is not None:
        # A job qualifies when its best figure reaches the wanted salary.
        jobs = jobs.filter(salary_sort__gte=filters.salary_min)
    jobs = jobs.filter(_experience_filter(filters))
    if filters.education:
        jobs = jobs.filter(education__in=education_levels_up_to(filters.education))
    if filters.skills:
        tagged = Job.skills.through.objects.filter(skill__code__in=filters.skills)
        jobs = jobs.filter(pk__in=tagged.values("job_id"))
    if filters.deadline == "rolling":
        jobs = jobs.filter(deadline__isnull=True)
    elif filters.deadline == "closing_soon":
        today = timezone.localdate()
        jobs = jobs.filter(deadline__range=(today, today + timedelta(days=CLOSING_SOON_DAYS)))
    if filters.query:
        jobs = jobs.filter(get_backend().condition(filters.query))
    elif filters.q.strip():
        jobs = jobs.none()  # typed, but nothing searchable in it ("%_\\"): nothing matches
    return jobs


def education_levels_up_to(level: str) -> list[str]:
    """The levels a person holding `level` qualifies for: 학력무관 and every level up to it."""
    levels = Education.values
    return levels[: levels.index(level) + 1] if level in levels else levels


def _experience_filter(filters: JobFilters) -> Q:
    """신입 finds jobs open to newcomers, 경력 (optionally with the person's years) jobs for
    experienced people whose range holds those years; 경력무관 jobs match both. `any` finds
    only the jobs that say 경력무관."""
    open_to_all = Q(experience=Experience.ANY)
    if filters.experience == Experience.ANY:
        return open_to_all
    if filters.experience == Experience.NEW:
        return open_to_all | Q(experience=Experience.NEW)
    if filters.experience == Experience.EXPERIENCED or filters.experience_years is not None:
        years = filters.experience_years
        experienced = Q(experience=Experience.EXPERIENCED)
        if years is not None:
            experienced &= Q(experience_min_years__lte=years) & (
                Q(experience_max_years__isnull=True) | Q(experience_max_years__gte=years)
            )
        return open_to_all | experienced
    return Q()


def skill_list_active() -> QuerySet[Skill]:
    return Skill.objects.filter(is_active=True)


@dataclass(frozen=True)
class Segment:
    """A part of a ranked list: its jobs share a premium flag and (for relevance) a tier."""

    condition: Q
    premium: bool
    scored: bool = False


class RankedJobs:
    """Premium jobs, then every other match (POL-J-005), each in the chosen order; for
    relevance, title/company matches before matches elsewhere (POL-S-001)."""

    ordered = True

    def __init__(self, jobs: QuerySet[Job], filters: JobFilters):
        premium = Q(pk__in=active_options(JobOptionKind.PREMIUM).values("job_id"))
        self.premium = premium
        # A search shows a snippet of each description around what matched.
        fields = (*CARD_FIELDS, "description") if filters.query else CARD_FIELDS
        self.jobs = jobs.select_related(*CARD_RELATED).only(*fields)
        self.filters = filters
        self.relevance = filters.effective_sort == "relevance"
        if self.relevance:
            in_title = get_backend().condition(filters.query, title_only=True)
            self.segments = [
                Segment(premium & in_title, True, scored=True),
                Segment(premium & ~in_title, True, scored=True),
                Segment(~premium & in_title, False, scored=True),
                Segment(~premium & ~in_title, False, scored=True),
            ]
        else:
            self.segments = [Segment(premium, True), Segment(~premium, False)]
        self._counts: tuple[int, ...] | None = None
        self._capped = False

    def counts(self) -> tuple[int, ...]:
        """Each segment's size, up to the count cap (ADR 0069): premium segments exactly,
        the rest up to JOBS_COUNT_CAP jobs (the list says "10,000+", and pages end there).
        No count reads more than cap + 1 regular matches, however common the filter or
        word; cached per filter set and list version (ADR 0011)."""
        if self._counts is None:
            key = count_cache_key(self.filters)
            cached = cache.get(key)
            if cached is None:
                cached = self._count_segments()
                cache.set(key, cached, settings.JOBS_COUNT_CACHE_SECONDS)
            self._counts, self._capped = tuple(cached[0]), cached[1]
        return self._counts

    @property
    def capped(self) -> bool:
        """More regular jobs match than JOBS_COUNT_CAP: count() is a lower bound."""
        self.counts()
        return self._capped

    def _count_segments(self) -> tuple[tuple[int, ...], bool]:
        """Premium segments in one aggregate over the premium matches (few: reached
        through the active options); each regular segment by a count over at most cap + 1
        of its rows (COUNT over a LIMIT: an index walk that stops). Regular segments follow
        each other, so once they reach the cap the rest is past the last page."""
        cap = settings.JOBS_COUNT_CAP
        jobs = self.jobs.order_by()
        premium = [(i, s) for i, s in enumerate(self.segments) if s.premium]
        sizes = [0] * len(self.segments)
        # Filtered by the premium condition itself: an OR of the segments' conditions kept
        # PostgreSQL from a semi-join and made it test every match (seconds at 1,000,000).
        totals = jobs.filter(self.premium).aggregate(
            **{f"s{i}": Count("pk", filter=s.condition) for i, s in premium}
        )
        for i, _ in premium:
            sizes[i] = totals[f"s{i}"]
        left, capped = cap, False
        for i, segment in enumerate(self.segments):
            if segment.premium or capped:
                continue
            rows = jobs.filter(segment.condition)
            if not left:  # an earlier segment filled the cap exactly
                capped = rows.exists()
                continue
            found = rows.values("pk")[: left + 1].count()
            capped = found > left
            sizes[i] = min(found, left)
            left -= sizes[i]
        return tuple(sizes), capped

    def count(self) -> int:
        return sum(self.counts())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key):
        if isinstance(key, int):
            return self[key : key + 1][0]
        start, stop = key.start or 0, key.stop if key.stop is not None else self.count()
        page: list[Job] = []
        offset = 0
        for segment, size in zip(self.segments, self.counts(), strict=True):
            low, high = max(start - offset, 0), min(stop - offset, size)
            if low < high:
                rows = self._rows(segment, low, high)
                for job in rows:
                    job.is_premium = segment.premium
                page += rows
            offset += size
        attach_skills(page)
        return page

    def _ordered(self, jobs: QuerySet[Job]) -> QuerySet[Job]:
        if self.filters.effective_sort == "salary":
            return jobs.order_by("-salary_sort", "-published_at", "-id")
        return jobs.order_by("-published_at", "-id")

    def _rows(self, segment: Segment, low: int, high: int) -> list[Job]:
        """Rows low..high of a segment. In a scored segment the newest `window` jobs are
        ordered by relevance score, the ones after them by date."""
        jobs = with_skill_tags(self._ordered(self.jobs.filter(segment.condition)))
        window = settings.SEARCH_SCORE_WINDOW
        if not segment.scored or low >= window:
            return list(jobs[low:high])
        newest = jobs.values("pk")[:window]
        scored = get_backend().scored(self.jobs.filter(pk__in=newest), self.filters.query)
        ranked = with_skill_tags(scored.order_by("-score", "-published_at", "-id"))
        head = list(ranked[low : min(high, window)])
        return head + (list(jobs[window:high]) if high > window else [])


SKILL_FIELDS = ("id", "code", "name_ko", "name_en", "sort_order", "is_active")


def with_skill_tags(jobs: QuerySet[Job]) -> QuerySet[Job]:
    """Each job row carries its skill tags (a JSON array from a correlated subquery), so a
    list page costs no query for them and stays within the 4-query budget (issue 17) on
    both databases; attach_skills turns them into the job's `skills`."""
    tags = Skill.objects.filter(jobs=OuterRef("pk"))
    tag = JSONObject(**{field: field for field in SKILL_FIELDS})
    if connection.vendor == "postgresql":
        return jobs.annotate(skill_tags=ArraySubquery(tags.values(tag=tag)))
    # SQLite: one JSON array per job, its tags grouped by the job.
    grouped = tags.order_by().values("jobs").annotate(tags=JSONGroupArray(tag)).values("tags")
    return jobs.annotate(skill_tags=Subquery(grouped, output_field=JSONField()))


class JSONGroupArray(Aggregate):
    """SQLite's json_group_array; its order is not defined, attach_skills sorts the tags."""

    function = "JSON_GROUP_ARRAY"
    output_field = JSONField()


def attach_skills(page: list[Job]) -> None:
    """Sets each job's `skills` from its row's tags (with_skill_tags), or with one query for
    the jobs that came without them."""
    untagged = [job for job in page if not hasattr(job, "skill_tags")]
    prefetch_related_objects(untagged, "skills")
    for job in page:
        if hasattr(job, "skill_tags"):
            skills = job.skills.get_queryset()  # what `job.skills.all()` then answers from
            tags = sorted(job.skill_tags or (), key=itemgetter("sort_order", "code"))
            # Skill's own ordering, as a prefetch gives.
            skills._result_cache = [Skill(**tag) for tag in tags]
            # Django's own prefetch fills these two the same way.
            skills._prefetch_done = True  # type: ignore[attr-defined]
            job._prefetched_objects_cache = {  # type: ignore[attr-defined]
                **getattr(job, "_prefetched_objects_cache", {}),
                "skills": skills,
            }


def job_list_public(filters: JobFilters | None = None) -> RankedJobs:
    """The public list and search: open jobs, premium first, then `filters.sort`."""
    filters = filters or JobFilters()
    return RankedJobs(job_filter_public(filters), filters)


@dataclass(frozen=True)
class SearchSuggestions:
    """What to offer when a search found nothing (POL-S-001)."""

    did_you_mean: str = ""  # the query with misspelt Latin words corrected, if that finds jobs
    wider: tuple[tuple[str, int], ...] = ()  # (filter, jobs found without it)

    def __bool__(self) -> bool:
        return bool(self.did_you_mean or self.wider)


def _corrected_query(filters: JobFilters) -> str:
    text = filters.q
    for group in filters.query.groups:
        word = group.word
        if word.isascii() and word.isalpha():
            similar = get_backend().similar_terms(word.lower(), limit=1)
            if similar and similar[0] != word.lower():
                text = text.replace(word, similar[0])
    return text if text != filters.q else ""


def job_search_suggestions(filters: JobFilters) -> SearchSuggestions:
    """For a search that found nothing: its Latin words spelt like known words ("pyhton" →
    python), when that finds jobs, and each filter whose removal finds jobs, with the count.
    Costs a few counts, paid only by empty results."""
    corrected = _corrected_query(filters) if filters.q else ""
    if corrected and not job_list_public(replace(filters, q=corrected)).count():
        corrected = ""
    wider = []
    for name in filters.active_filters():
        found = job_list_public(filters.without(name)).count()
        if found:
            wider.append((name, found))
    return SearchSuggestions(corrected, tuple(wider))


def job_list_banner(limit: int = 6) -> list[Job]:
    """Open jobs with an active main-banner option, newest first (POL-J-005)."""
    banner_ids = active_options(JobOptionKind.BANNER).values("job_id")
    jobs = (
        job_list_open()
        .filter(pk__in=banner_ids)
        .select_related(*CARD_RELATED)
        .only(*CARD_FIELDS)
        .prefetch_related("skills")
    )
    return list(jobs.order_by("-published_at", "-id")[:limit])


def job_list_latest(limit: int = 6) -> list[Job]:
    return list(job_list_public()[0:limit])


# Figures other apps add to each row of "my jobs" (name → aggregate expression), registered
# from their AppConfig.ready(), so jobs shows them without importing those apps.
OWNED_JOB_ANNOTATIONS: dict = {}


def job_list_owned(user) -> QuerySet[Job]:
    """A recruiter's own jobs in every state, newest first (the "my jobs" page)."""
    return (
        Job.objects.filter(owner=user)
        .select_related(*CARD_RELATED)
        .prefetch_related("options")
        .annotate(**OWNED_JOB_ANNOTATIONS)
        .order_by("-created_at", "-id")
    )


def job_get_visible(*, pk: int, user=None) -> Job:
    """One job for its page or the API, with its active options. Drafts only for their
    owner and admins (POL-J-003); closed and expired jobs still answer (POL-J-002)."""
    now = timezone.now()
    options = JobOption.objects.filter(starts_at__lte=now, ends_at__gt=now).order_by("kind")
    job = (
        with_skill_tags(Job.objects.select_related(*CARD_RELATED).defer("search_vector"))
        .prefetch_related(Prefetch("options", queryset=options, to_attr="active_options"))
        .filter(pk=pk)
        .first()
    )
    if job is None or not can_view_job(user, job):
        raise JobNotFound("No such job.")
    attach_skills([job])
    job.is_premium = any(  # type: ignore[attr-defined]  # set per read, not a field
        o.kind == JobOptionKind.PREMIUM for o in job.active_options
    )
    return job


def job_get_manageable(*, pk: int, user, policy=can_edit_job) -> Job:
    """A job the user may act on as `policy` (a jobs.policies predicate) decides: 404 for
    jobs they may not even see (others' drafts), 403 for others' jobs (POL-J-001)."""
    job = Job.objects.select_related(*CARD_RELATED).filter(pk=pk).first()
    if job is None or not can_view_job(user, job):
        raise JobNotFound("No such job.")
    if not policy(user, job):
        raise JobPermissionDenied("Only the job's owner or an admin may change it.")
    return job
