"""Reads of jobs: public lists and search (POL-J-002, -003, -005), detail visibility, home.

Ranking (POL-J-005) puts jobs with an active premium option first. Sorting by an
expression ("is premium?") would make PostgreSQL sort every matching row; instead a list is
two index-friendly queries, the few premium jobs and then the rest, stitched together by
`RankedJobs`, which Django's Paginator and DRF's pagination slice like a queryset."""

import hashlib
from dataclasses import astuple, dataclass
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import Prefetch, Q, QuerySet, prefetch_related_objects
from django.utils import timezone

from jobs.exceptions import JobNotFound, JobPermissionDenied
from jobs.models import Education, Experience, Job, JobOption, JobOptionKind, JobStatus, Skill
from jobs.search import search_filter, search_rank, search_words, uses_postgres

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

    @property
    def words(self) -> list[str]:
        return search_words(self.q)

    @property
    def effective_sort(self) -> str:
        """Relevance needs a query; without one it means latest (the default)."""
        sort = self.sort or ("relevance" if self.words else "latest")
        return "latest" if sort == "relevance" and not self.words else sort


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
    raw = repr((astuple(filters), extra, timezone.localdate().isoformat(), list_version()))
    return "jobs:count:" + hashlib.sha256(raw.encode()).hexdigest()[:32]


def list_cache_key(filters: JobFilters, *page) -> str:
    """A key for one page of a public list: same versioning as the counts (ADR 0011)."""
    return "jobs:page:" + count_cache_key(filters, *page).rsplit(":", 1)[-1]


def active_options(kind: str, now=None) -> QuerySet[JobOption]:
    now = now or timezone.now()
    return JobOption.objects.filter(kind=kind, starts_at__lte=now, ends_at__gt=now)


def job_list_open() -> QuerySet[Job]:
    """Published and not past the deadline (POL-J-002, POL-J-003): what lists may show."""
    today = timezone.localdate()
    return Job.objects.filter(status=JobStatus.PUBLISHED).filter(
        Q(deadline__isnull=True) | Q(deadline__gte=today)
    )


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
    if filters.words:
        jobs = jobs.filter(search_filter(filters.words))
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


def _ordered(jobs: QuerySet[Job], filters: JobFilters) -> QuerySet[Job]:
    sort = filters.effective_sort
    if sort == "relevance" and uses_postgres():
        return jobs.annotate(rank=search_rank(filters.words)).order_by(
            "-rank", "-published_at", "-id"
        )
    if sort == "salary":
        return jobs.order_by("-salary_sort", "-published_at", "-id")
    return jobs.order_by("-published_at", "-id")


class RankedJobs:
    """Premium jobs (in the chosen order), then every other match (POL-J-005)."""

    ordered = True

    def __init__(self, jobs: QuerySet[Job], filters: JobFilters):
        premium_ids = active_options(JobOptionKind.PREMIUM).values("job_id")
        jobs = jobs.select_related(*CARD_RELATED).only(*CARD_FIELDS)
        self.premium = _ordered(jobs.filter(pk__in=premium_ids), filters)
        self.regular = _ordered(jobs.exclude(pk__in=premium_ids), filters)
        self.filters = filters
        self._counts: tuple[int, int] | None = None

    def counts(self) -> tuple[int, int]:
        """Counting every match is the one part of a list that grows with the table (a
        full scan of the matches); counts are cached per filter set and list version
        (ADR 0011), so a write shows at once and only the first visitor pays."""
        if self._counts is None:
            key = count_cache_key(self.filters)
            cached = cache.get(key)
            if cached is None:
                cached = (self.premium.count(), self.regular.count())
                cache.set(key, cached, settings.JOBS_COUNT_CACHE_SECONDS)
            self._counts = tuple(cached)
        return self._counts

    def count(self) -> int:
        return sum(self.counts())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key):
        if isinstance(key, int):
            return self[key : key + 1][0]
        start, stop = key.start or 0, key.stop if key.stop is not None else self.count()
        premium_count = self.counts()[0]
        page: list[Job] = []
        if start < premium_count:
            page += list(self.premium[start : min(stop, premium_count)])
            for job in page:
                job.is_premium = True
        if stop > premium_count:
            rest = list(self.regular[max(start - premium_count, 0) : stop - premium_count])
            for job in rest:
                job.is_premium = False
            page += rest
        prefetch_related_objects(page, "skills")  # one query for the whole page's tags
        return page


def job_list_public(filters: JobFilters | None = None) -> RankedJobs:
    """The public list and search: open jobs, premium first, then `filters.sort`."""
    filters = filters or JobFilters()
    return RankedJobs(job_filter_public(filters), filters)


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


def can_manage(user, job: Job) -> bool:
    """POL-J-001: the owner, or anyone holding jobs.manage_any_job (admins)."""
    if not (user and user.is_authenticated):
        return False
    return job.owner_id == user.pk or user.has_perm("jobs.manage_any_job")


def job_get_visible(*, pk: int, user=None) -> Job:
    """One job for its page or the API, with its active options. Drafts only for their
    owner and admins (POL-J-003); closed and expired jobs still answer (POL-J-002)."""
    now = timezone.now()
    options = JobOption.objects.filter(starts_at__lte=now, ends_at__gt=now).order_by("kind")
    job = (
        Job.objects.select_related(*CARD_RELATED)
        .defer("search_vector")
        .prefetch_related(Prefetch("options", queryset=options, to_attr="active_options"), "skills")
        .filter(pk=pk)
        .first()
    )
    if job is None or (job.status == JobStatus.DRAFT and not can_manage(user, job)):
        raise JobNotFound("No such job.")
    job.is_premium = any(o.kind == JobOptionKind.PREMIUM for o in job.active_options)
    return job


def job_get_manageable(*, pk: int, user) -> Job:
    """A job the user may change; 404 for jobs they may not even see, 403 for others'."""
    job = Job.objects.select_related(*CARD_RELATED).filter(pk=pk).first()
    if job is None:
        raise JobNotFound("No such job.")
    if not can_manage(user, job):
        if job.status == JobStatus.DRAFT:
            raise JobNotFound("No such job.")
        raise JobPermissionDenied("Only the job's owner or an admin may change it.")
    return job
