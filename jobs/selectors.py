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
import time
from collections.abc import Callable
from dataclasses import astuple, dataclass, replace
from datetime import timedelta
from functools import cache as cache_once
from functools import cached_property
from operator import attrgetter
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import (
    Count,
    F,
    FloatField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    Window,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce, RowNumber
from django.utils import timezone

from jobboard.json_rows import count_of, instances, json_array, json_rows, set_prefetched
from jobs.exceptions import JobNotFound, JobPermissionDenied
from jobs.models import (
    PUBLISHED,
    Category,
    Education,
    Experience,
    Job,
    JobOption,
    JobOptionKind,
    Location,
    Skill,
)
from jobs.policies import can_edit_job, can_view_job
from jobs.search import ParsedQuery, get_backend, parse

SORTS = ("latest", "salary", "relevance")
DEADLINE_FILTERS = ("rolling", "closing_soon")
CLOSING_SOON_DAYS = 7
CARD_RELATED = ("location", "category", "company")
# What only search reads (ADR 0093, 0096): a page showing whole jobs leaves them unread.
SEARCH_COLUMNS = ("search_vector", "title_vector")
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

    @cached_property
    def cache_version(self) -> int:
        """The list version (ADR 0011) this search's cache keys carry: read from the cache
        once, though its page and its count each make a key."""
        return list_version()

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


def _digest(filters: JobFilters, extra: tuple, version: int | None) -> str:
    raw = repr((astuple(filters), extra, timezone.localdate().isoformat(), version, "capped"))
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def count_cache_key(filters: JobFilters, *extra) -> str:
    return "jobs:count:" + _digest(filters, extra, filters.cache_version)


def past_cap_cache_key(filters: JobFilters, *, rest: bool = False) -> str:
    """Marks a filter set whose regular matches passed the count cap, whatever the list
    version: one write moves the version but cannot bring them under it (ADR 0094). The
    first regular segment's own matches passed it, or, with `rest`, the rest of a relevance
    search did while the title matches before it were under it (ADR 0101)."""
    return ("jobs:past-cap-rest:" if rest else "jobs:past-cap:") + _digest(filters, (), None)


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
    return _job_filter_fields(filters).filter(_text_match(filters))


def _text_match(filters: JobFilters) -> Q:
    """The text query's condition (every match, wherever the words are), or none."""
    return get_backend().condition(filters.query) if filters.query else Q()


def _job_filter_fields(filters: JobFilters) -> QuerySet[Job]:
    """Open jobs matching every filter but the text query, which RankedJobs adds per
    segment: its title tier needs only the title index (ADR 0091)."""
    jobs = job_list_open()
    if filters.location:
        jobs = jobs.filter(location_id__in=_reference_ids(Location, filters.location))
    if filters.category:
        jobs = jobs.filter(category_id__in=_reference_ids(Category, filters.category))
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
    if filters.q.strip() and not filters.query:
        jobs = jobs.none()  # typed, but nothing searchable in it ("%_\\"): nothing matches
    return jobs


def _reference_ids(model: type[Location | Category], code: str) -> list[int]:
    """The id of the location or category with this code (none if no such code), from the
    rows each process keeps: filtering jobs by the id itself, not by a join on the code,
    lets PostgreSQL estimate how many jobs it holds and pick the plan (ADR 0091)."""
    return [row.pk for row in reference_rows(model, active_only=False) if row.code == code]


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


REFERENCE_SECONDS = 300
_reference_rows: dict[tuple[type, bool], tuple[float, list]] = {}


def reference_rows(model: type[Location | Category | Skill], *, active_only: bool = True) -> list:
    """The locations, categories or skills (the active ones unless asked for all), in their
    order: every list page's filter form and the home page show the active ones, matching
    reads every one a job may still name. A few dozen rows an admin rarely edits, so each
    process keeps them for REFERENCE_SECONDS (as the shared cache did before), and a page
    costs no query for them even when the shared cache is cold (issue 17's budget). An
    edit clears this process's copy at once (jobs.signals); other processes see it within
    REFERENCE_SECONDS."""
    now = time.monotonic()
    key = (model, active_only)
    held = _reference_rows.get(key)
    if held is None or now - held[0] > REFERENCE_SECONDS:
        rows = model.objects.filter(is_active=True) if active_only else model.objects.all()
        held = (now, list(rows))
        _reference_rows[key] = held
    return held[1]


def reference_list_active(model: type[Location | Category | Skill]) -> list:
    return reference_rows(model)


def forget_reference_rows() -> None:
    _reference_rows.clear()


@dataclass(frozen=True)
class Segment:
    """A part of a ranked list: its jobs share a premium flag and (for relevance) a tier."""

    condition: Q
    premium: bool
    scored: bool = False
    # Counted as the jobs matching this, less the segment before it (its complement there):
    # testing "not in the title" would read the search vector of every match (ADR 0085).
    remainder_of: Q | None = None


class RankedJobs:
    """Premium jobs, then every other match (POL-J-005), each in the chosen order; for
    relevance, title/company matches before matches elsewhere (POL-S-001)."""

    ordered = True

    def __init__(self, jobs: QuerySet[Job], filters: JobFilters):
        """`jobs`: the open jobs matching every filter but the text query, which each
        segment adds in the form its index reads (_job_filter_fields)."""
        # Premium is a range on the job's own premium_until (ADR 0084), read from the small
        # jobs_job_premium index, not a join of the active options against every match.
        now = timezone.now()
        premium = Q(premium_until__gt=now)
        # The others exclude the premium ids (an index-only scan of that index, hashed), so
        # their capped count stays an index-only scan of jobs_job_pub_open.
        regular = ~Q(pk__in=Job.objects.filter(PUBLISHED, premium).values("pk"))
        self.premium = premium
        # A search shows a snippet of each description around what matched.
        self.fields = (*CARD_FIELDS, "description") if filters.query else CARD_FIELDS
        self.jobs = jobs.select_related(*CARD_RELATED).only(*self.fields)
        self.filters = filters
        self.relevance = filters.effective_sort == "relevance"
        self.match = match = _text_match(filters)
        if self.relevance:
            # A title match is a match (the title terms are part of the document): the title
            # tiers test the title index alone, not its intersection with the whole
            # document's index (ADR 0091).
            in_title = get_backend().condition(filters.query, title_only=True)
            matched, other = premium & match, regular & match
            self.segments = [
                Segment(premium & in_title, True, scored=True),
                Segment(matched & ~in_title, True, scored=True, remainder_of=matched),
                Segment(regular & in_title, False, scored=True),
                Segment(other & ~in_title, False, scored=True, remainder_of=other),
            ]
        else:
            self.segments = [Segment(premium & match, True), Segment(regular & match, False)]
        self._counts: tuple[int, ...] | None = None
        self._capped = False

    def counts(self) -> tuple[int, ...]:
        """Each segment's size, up to the count cap (ADR 0069): premium segments exactly,
        the rest up to JOBS_COUNT_CAP jobs, JOBS_SEARCH_COUNT_CAP for a text search (ADR
        0085; the list says "10,000+" or "1,000+", and pages end there).
        No count reads more than cap + 1 regular matches, however common the filter or
        word; cached per filter set and list version (ADR 0011)."""
        if self._counts is None:
            key = count_cache_key(self.filters)
            lead, rest = (past_cap_cache_key(self.filters, rest=r) for r in (False, True))
            found = cache.get_many([key, lead, rest])  # one round trip for the count and marks
            cached = found.get(key)
            if cached is None:
                cached = self._count_segments(lead_past=lead in found, rest_past=rest in found)
                cache.set(key, cached, settings.JOBS_COUNT_CACHE_SECONDS)
            self._counts, self._capped = tuple(cached[0]), cached[1]
        return self._counts

    @property
    def capped(self) -> bool:
        """More regular jobs match than the count cap: count() is a lower bound."""
        self.counts()
        return self._capped

    def _count_segments(self, *, lead_past: bool, rest_past: bool) -> tuple[tuple[int, ...], bool]:
        """One query (issue 17's budget), two for a relevance search whose title matches
        are under the cap: an aggregate over the premium matches (few: reached through
        their own index) counts the premium segments, and in the same statement a subquery
        per regular segment counts at most cap + 1 of its rows (an index walk that stops).
        Regular segments follow each other: each fills what the ones before it left of the
        cap, and the rest is past the last page."""
        cap = settings.JOBS_SEARCH_COUNT_CAP if self.filters.query else settings.JOBS_COUNT_CAP
        jobs = self.jobs.order_by()
        counts: dict[str, Any] = {}
        later: dict[int, QuerySet[Any, Any]] = {}
        lead = next(i for i, segment in enumerate(self.segments) if not segment.premium)
        # lead_past, rest_past: that count passed the cap less than JOBS_PAST_CAP_SECONDS
        # ago, so it is not read again after every write (a common word's walk was most of
        # its search, ADR 0094; the rest of a relevance search, ADR 0101).
        for i, segment in enumerate(self.segments):
            counted = segment.condition if segment.remainder_of is None else segment.remainder_of
            if segment.premium:
                counts[f"s{i}"] = Count("pk", filter=counted)
                continue
            if i == lead and lead_past:
                continue
            first = jobs.filter(counted).values("pk")[: cap + 1]
            if segment.remainder_of is not None:
                later[i] = first
                continue
            # aggregate() takes only expressions holding an aggregate: COUNT(…) * 0 is one
            # that adds nothing (and one row comes back even when no premium job matches).
            counts[f"s{i}"] = Count("pk") * 0 + Coalesce(count_of(first), 0)
        # Filtered by the premium condition itself: an OR of the segments' conditions kept
        # PostgreSQL from a semi-join and made it test every match (seconds at 1,000,000).
        totals = jobs.filter(self.premium & self.match).aggregate(**counts)
        if lead_past:
            totals[f"s{lead}"] = cap + 1
        elif totals[f"s{lead}"] > cap:
            self._mark_past_cap(rest=False)
        for i, rest in later.items():
            # The rest of a search's matches, counted in a statement of its own and only
            # when the title matches before it are under the cap: past it, the rest is
            # past the last page. A common word's title matches alone pass the cap, and
            # its whole-document count was half the statement at 1,000,000 jobs (ADR 0093).
            before = totals[f"s{i - 1}"]
            if before > cap:
                totals[f"s{i}"] = before
            elif rest_past:
                # All regular matches passed the cap: the rest fills the lead's gap to it.
                totals[f"s{i}"] = cap + 1
            else:
                # PostgreSQL often reads it as a bitmap of every match, whatever the
                # LIMIT: for a word with synonyms or compound parts, most of the request.
                totals[f"s{i}"] = rest.count()
                if totals[f"s{i}"] > cap:
                    self._mark_past_cap(rest=True)
        sizes = [0] * len(self.segments)
        left, capped = cap, False
        for i, segment in enumerate(self.segments):
            found = totals[f"s{i}"]
            if segment.remainder_of is not None:
                found -= totals[f"s{i - 1}"]
            if segment.premium:
                sizes[i] = found
                continue
            sizes[i] = min(found, left)
            capped = capped or found > left
            left -= sizes[i]
        return tuple(sizes), capped

    def _mark_past_cap(self, *, rest: bool) -> None:
        # Set only by a count that read the matches, so the mark lapses and a word that
        # became rarer is counted exactly again within the cache's lifetime.
        key = past_cap_cache_key(self.filters, rest=rest)
        cache.set(key, 1, settings.JOBS_PAST_CAP_SECONDS)

    def count(self) -> int:
        return sum(self.counts())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key):
        if isinstance(key, int):
            return self[key : key + 1][0]
        start, stop = key.start or 0, key.stop if key.stop is not None else self.count()
        parts: list[tuple[bool, QuerySet[Job]]] = []
        offset = 0
        sizes = zip(self.segments, self.counts(), self.exact_counts(), strict=True)
        for segment, size, exact in sizes:
            low, high = max(start - offset, 0), min(stop - offset, size)
            if low < high:
                found = size if exact else None
                parts += [(segment.premium, p) for p in self.parts(segment, low, high, found)]
            offset += size
        page = self.fetch(parts)
        attach_skills(page)
        return page

    def exact_counts(self) -> list[bool]:
        """Whether each segment's size is its whole number of matches: all are, unless the
        regular matches passed the count cap; then the last regular segment with rows was
        cut there (or, at worst, filled the cap exactly) and the ones after it are empty."""
        exact = [True] * len(self.segments)
        if self.capped:
            sizes = self.counts()
            regular = [i for i, s in enumerate(self.segments) if not s.premium and sizes[i]]
            cut = max(regular, default=0)
            exact[cut:] = [False] * (len(self.segments) - cut)
        return exact

    def _ordered(self, jobs: QuerySet[Job], *, gathered: bool = False) -> QuerySet[Job]:
        """The chosen order. `gathered`: a search segment known to hold few matches, read by
        gathering them from the text index and sorting them, never by walking a date or
        salary index and testing every job it passes. PostgreSQL estimates a rare prefix
        term (`intern:*`) at thousands of matches, so it walked: page 4 of "Intern" passed
        417,000 of 1,000,000 jobs to find its 259 matches, 1.8 s, against 16 ms gathered
        (ADR 0100). Its order is then an expression no index provides."""
        zero: int | timedelta
        rest: tuple[str, ...]
        if self.filters.effective_sort == "salary":
            lead, zero, rest = "salary_sort", 0, ("-published_at", "-id")
        else:
            lead, zero, rest = "published_at", timedelta(0), ("-id",)
        if gathered and connection.vendor == "postgresql":
            return jobs.order_by((F(lead) + Value(zero)).desc(), *rest)
        return jobs.order_by(f"-{lead}", *rest)

    def parts(
        self, segment: Segment, low: int, high: int, found: int | None = None
    ) -> list[QuerySet[Job]]:
        """Rows low..high of a segment, as ordered slices. In a scored segment the newest
        `window` jobs are ordered by relevance score, the ones after them by date.
        `found`: the segment's whole number of matches, when the counts know it."""
        window = settings.SEARCH_SCORE_WINDOW
        # Under the search count cap, gathering a segment's matches costs less than any
        # walk to the window's end (ADR 0100); past it, a common word's walk stops soon.
        cap = settings.JOBS_SEARCH_COUNT_CAP
        few = found is not None and found <= cap and bool(self.filters.query)
        jobs = self._ordered(self.jobs.filter(segment.condition), gathered=few)
        if not segment.scored or low >= window:
            return [jobs[low:high]]
        if few and found <= window:  # every match is in the window: no window to pick
            pool = self.jobs.filter(segment.condition)
        else:
            pool = self.jobs.filter(pk__in=jobs.values("pk")[:window])
        scored = get_backend().scored(pool, self.filters.query)
        head = scored.order_by("-score", "-published_at", "-id")[low : min(high, window)]
        return [head, *([jobs[window:high]] if high > window else [])]

    def fetch(self, parts: list[tuple[bool, QuerySet[Job]]]) -> list[Job]:
        """A page's rows in one query however many segments it spans (issue 17's budget of
        4 queries: counts, then this): each part's rows picked by id from its ordered
        slice (on PostgreSQL a scored part is read in place) and numbered in that order,
        the parts joined by UNION ALL. The union itself has no order, so the rows are put
        back in order here."""
        selects = []
        # PostgreSQL takes ordered, sliced parts in a union; SQLite does not.
        in_place = connection.features.supports_slicing_ordering_in_compound
        for number, (_, part) in enumerate(parts):
            scored = "score" in part.query.annotations
            if scored and in_place:
                # A scored part already reads card rows (self.jobs), ordered and sliced
                # among the newest SEARCH_SCORE_WINDOW matches: numbered where it is, not
                # picked again by id and scored twice. One nested query less to build and
                # compile, ~3 ms of a relevance page of three segments (ADR 0099).
                rows = part
            else:
                rows = Job.objects.select_related(*CARD_RELATED).only(*self.fields)
                rows = rows.filter(pk__in=part.values("pk"))
                if scored:
                    rows = get_backend().scored(rows, self.filters.query)
                else:  # the union's parts need the same columns
                    rows = rows.annotate(score=Value(0.0, output_field=FloatField()))
                rows = rows.order_by()
            rows = with_skill_tags(rows).annotate(
                part=Value(number),
                position=Window(RowNumber(), order_by=[_order(f) for f in part.query.order_by]),
            )
            selects.append(rows)
        if not selects:
            return []
        union = selects[0].union(*selects[1:], all=True) if len(selects) > 1 else selects[0]
        page: list[Any] = sorted(union, key=attrgetter("part", "position"))
        for job in page:
            job.is_premium = parts[job.part][0]
        return page


def _order(term: Any) -> Any:
    """A part's ordering term for its row numbers: a field name, or an expression (a
    section's part ordered by another table's column, e.g. when a job was viewed)."""
    return term if hasattr(term, "resolve_expression") else str(term)


OPTION_FIELDS = ("id", "job_id", "kind", "starts_at", "ends_at", "created_at")


def with_skill_tags(jobs: QuerySet[Job]) -> QuerySet[Job]:
    """Each job row carries its skills' ids, so a list page costs no query for them and
    stays within the 4-query budget (issue 17); attach_skills turns them into the job's
    `skills` from the process's reference rows (ids are cheaper to spell and read than a
    JSON object per skill: the objects' casts were a tenth of an uncached detail)."""
    tags = Job.skills.through.objects.filter(job=OuterRef("pk"))
    return jobs.annotate(skill_ids=json_array(tags, F("skill_id")))


def skills_by_id(ids: set[int]) -> dict[int, Skill]:
    """Every skill (active or not: a job keeps the tags it was given) by id, from the
    reference rows; a skill added since they were read makes this process read them again."""
    rows = {skill.pk: skill for skill in reference_rows(Skill, active_only=False)}
    if not ids <= rows.keys():
        forget_reference_rows()
        rows = {skill.pk: skill for skill in reference_rows(Skill, active_only=False)}
    return rows


def attach_skills(page: list[Job]) -> None:
    """Sets each job's `skills` from its row's skill ids (with_skill_tags), or with one
    query for the jobs that came without them."""
    prefetch_related_objects([job for job in page if not hasattr(job, "skill_ids")], "skills")
    tagged = [job for job in page if hasattr(job, "skill_ids")]
    skills = skills_by_id({pk for job in tagged for pk in job.skill_ids}) if tagged else {}
    for job in tagged:
        # Skill's own ordering, as a prefetch gives.
        tags = sorted(
            (skills[pk] for pk in job.skill_ids if pk in skills),
            key=attrgetter("sort_order", "code"),
        )
        set_prefetched(job, "skills", tags)


def job_list_public(filters: JobFilters | None = None) -> RankedJobs:
    """The public list and search: open jobs, premium first, then `filters.sort`."""
    filters = filters or JobFilters()
    return RankedJobs(_job_filter_fields(filters), filters)


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


@dataclass(frozen=True)
class HomeJobs:
    banner: list[Job]  # open jobs with an active main-banner option (POL-J-005)
    premium: list[Job]  # the newest jobs with an active premium option
    latest: list[Job]  # the newest of the others
    extra: dict[str, list[Job]]  # what HomeSection parts asked for, by name


@dataclass(frozen=True)
class HomeSection:
    """A section another app adds to the home page (jobs.views.HOME_SECTIONS): `parts` are
    ordered, sliced querysets of open jobs read with the page's own rows in one query
    (issue 17's budget); `context` turns the rows found for each part into the template's
    context."""

    parts: dict[str, QuerySet[Job]]
    context: Callable[[dict[str, list[Job]]], dict[str, object]]


def job_list_home(
    *,
    banner: int = 6,
    premium: int = 6,
    latest: int = 12,
    extra: dict[str, QuerySet[Job]] | None = None,
    shared: bool = True,
) -> HomeJobs:
    """The home page's three rows, newest first, in one query and without counting
    (issue 17's budget): the rows are the heads of the ranking's segments, plus the
    banner jobs and the `extra` parts (other apps' sections: ordered slices of open jobs)
    as more parts of the same union. `shared=False`: the three rows are not read (the page
    has them cached), only `extra`; no query when that is empty too."""
    ranked = job_list_public()
    parts: dict[str, list[tuple[bool, QuerySet[Job]]]] = {}
    if shared:
        premium_segment, regular_segment = ranked.segments
        banner_ids = active_options(JobOptionKind.BANNER).values("job_id")
        banner_jobs = job_list_open().filter(pk__in=banner_ids).order_by("-published_at", "-id")
        parts["banner"] = [(False, banner_jobs[:banner])]
        parts["premium"] = [(True, part) for part in ranked.parts(premium_segment, 0, premium)]
        parts["latest"] = [(False, part) for part in ranked.parts(regular_segment, 0, latest)]
    parts.update({name: [(False, part)] for name, part in (extra or {}).items()})
    row_of = [name for name, named in parts.items() for _ in named]  # part number → row
    jobs: list[Any] = ranked.fetch([part for named in parts.values() for part in named])
    attach_skills(jobs)
    found: dict[str, list[Job]] = {name: [] for name in ("banner", "premium", "latest", *parts)}
    for job in jobs:
        found[row_of[job.part]].append(job)
    rows = {name: found.pop(name) for name in extra or {}}
    return HomeJobs(**found, extra=rows)


def job_list_company(company_id: int, limit: int) -> tuple[list[Job], int]:
    """A company's newest open jobs for its page (POL-J-007), with what a card shows
    (relations, skills), and how many it has open: one query (the count is a window over
    the company's open jobs, read with the rows)."""
    jobs = job_list_open().filter(company_id=company_id).select_related(*CARD_RELATED)
    cards = with_skill_tags(jobs.only(*CARD_FIELDS)).annotate(open_count=Window(Count("pk")))
    newest: list[Any] = list(cards.order_by("-published_at", "-id")[:limit])
    attach_skills(newest)
    return newest, newest[0].open_count if newest else 0


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


# What the job page shows its signed-in viewer, read with the job (issue 17's budget of 4
# queries): name → function of the user giving an expression over the job row (None: nothing
# to read for this user). Registered from other apps' AppConfig.ready(), so jobs imports none
# of them: applications (the viewer's application), candidates (the default résumé, the
# recently viewed list the page records into).
JOB_PAGE_ANNOTATIONS: dict[str, Callable[[Any], Any]] = {}


@cache_once
def _jobs_with_options() -> QuerySet[Job]:
    """Jobs with what their page and the API detail show: relations, skill tags and every
    option the job ever had (a job has a handful; job_get_visible keeps the active ones, by
    JobOption.is_active). Built once per process and cloned by each request's filter:
    resolving the two subqueries was half of an uncached detail's Python time (issue 17),
    and with no clock in the SQL there is nothing per request to resolve."""
    options = JobOption.objects.filter(job=OuterRef("pk"))
    jobs = Job.objects.select_related(*CARD_RELATED).defer(*SEARCH_COLUMNS)
    return with_skill_tags(jobs).annotate(option_rows=json_rows(options, OPTION_FIELDS))


def job_get_visible(*, pk: int, user=None, page: bool = False) -> Job:
    """One job for its page or the API, with its active options, in one query. Drafts only
    for their owner and admins (POL-J-003); closed and expired jobs still answer
    (POL-J-002). `page`: the job page, which reads JOB_PAGE_ANNOTATIONS for a signed-in
    viewer in the same query."""
    viewer = {}
    if page and getattr(user, "is_authenticated", False):
        found = {name: read(user) for name, read in JOB_PAGE_ANNOTATIONS.items()}
        viewer = {name: expression for name, expression in found.items() if expression is not None}
    job: Any = next(iter(_jobs_with_options().annotate(**viewer).filter(pk=pk)), None)
    if job is None or not can_view_job(user, job):
        raise JobNotFound("No such job.")
    attach_skills([job])
    now = timezone.now()
    active = [option for option in instances(JobOption, job.option_rows) if option.is_active(now)]
    job.active_options = sorted(active, key=attrgetter("kind", "pk"))
    job.is_premium = any(o.kind == JobOptionKind.PREMIUM for o in job.active_options)
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
