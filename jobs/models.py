from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce, Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.models import Company
from jobboard.limits import LONG_TEXT_MAX_CHARS
from jobs.choices import Education, Experience, SalaryMode
from jobs.exceptions import JobInvalid, JobStateConflict
from jobs.rules import content_errors, deadline_errors, reopen_deadline_errors
from jobs.search import lookups  # noqa: F401 - registers the tsquery lookup on the vectors


class LocalizedName(models.Model):
    """A fixed list an admin can extend: a stable code and a Korean and English name."""

    code = models.SlugField(max_length=40, unique=True)
    name_ko = models.CharField(_("Korean name"), max_length=80)
    name_en = models.CharField(_("English name"), max_length=80)
    sort_order = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(default=True)

    class Meta:
        abstract = True
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "ko").startswith("en") else self.name_ko


class Category(LocalizedName):
    class Meta(LocalizedName.Meta):
        verbose_name = _("category")
        verbose_name_plural = _("categories")


class Location(LocalizedName):
    class Meta(LocalizedName.Meta):
        verbose_name = _("location")
        verbose_name_plural = _("locations")


class Skill(LocalizedName):
    """One entry of the shared, admin-edited skills list (POL-J-006): jobs are tagged with
    skills, and profiles and matching use the same list. `code` is the stable slug that
    URLs and the API carry (`skills=python`); names may change, codes do not."""

    class Meta(LocalizedName.Meta):
        verbose_name = _("skill")
        verbose_name_plural = _("skills")


class EmploymentType(models.TextChoices):
    FULL_TIME = "full_time", _("Full-time")
    PART_TIME = "part_time", _("Part-time")
    CONTRACT = "contract", _("Contract")
    INTERNSHIP = "internship", _("Internship")


class JobStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CLOSED = "closed", _("Closed")


class JobAction(models.TextChoices):
    """What a recruiter does to a job's status (POL-J-008); labels read as nouns (게시, 마감)."""

    PUBLISH = "publish", _("publishing")
    CLOSE = "close", _("closing")
    REOPEN = "reopen", _("reopening")


# POL-J-008, the whole lifecycle in one table: (status, action) → the status it leads to.
# draft → published → closed; a closed job is reopened with a new deadline; a draft may be
# discarded (closed, POL-J-002). A published job past its deadline reads as closed (POL-J-003)
# and is reopened the same way, staying published. Copying is no move: it makes a new draft
# (jobs.services.job_copy) from a job in any state.
JOB_TRANSITIONS: dict[tuple[str, str], str] = {
    (JobStatus.DRAFT, JobAction.PUBLISH): JobStatus.PUBLISHED,
    (JobStatus.DRAFT, JobAction.CLOSE): JobStatus.CLOSED,
    (JobStatus.PUBLISHED, JobAction.CLOSE): JobStatus.CLOSED,
    (JobStatus.CLOSED, JobAction.REOPEN): JobStatus.PUBLISHED,
    (JobStatus.PUBLISHED, JobAction.REOPEN): JobStatus.PUBLISHED,
}

PUBLISHED = models.Q(status="published")
# Published jobs that ever had a premium option: "premium now" (premium_until > now) implies
# it, so PostgreSQL may answer premium conditions from indexes over these few rows.
EVER_PREMIUM = PUBLISHED & models.Q(premium_until__isnull=False)
# What the public list's filters test (jobs.selectors._job_filter_fields), with the deadline
# every list tests: an index holding them all answers any filter set without the table.
FILTERED_COLUMNS = (
    "deadline",
    "location",
    "category",
    "employment_type",
    "remote",
    "salary_sort",
    "experience",
    "experience_min_years",
    "experience_max_years",
    "education",
)


class Job(models.Model):
    """A posting (POL-J-001 … POL-J-004)."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="jobs")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="jobs"
    )
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="jobs")
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="jobs")
    employment_type = models.CharField(
        _("employment type"), max_length=16, choices=EmploymentType.choices
    )
    remote = models.BooleanField(_("remote"), default=False)
    salary_mode = models.CharField(
        _("salary"), max_length=16, choices=SalaryMode.choices, default=SalaryMode.RANGE
    )
    salary_min = models.PositiveBigIntegerField(_("minimum salary (KRW)"), null=True, blank=True)
    salary_max = models.PositiveBigIntegerField(_("maximum salary (KRW)"), null=True, blank=True)
    experience = models.CharField(
        _("experience"), max_length=16, choices=Experience.choices, default=Experience.ANY
    )
    experience_min_years = models.PositiveSmallIntegerField(
        _("minimum years of experience"), null=True, blank=True
    )
    experience_max_years = models.PositiveSmallIntegerField(
        _("maximum years of experience"), null=True, blank=True
    )
    education = models.CharField(
        _("education"), max_length=16, choices=Education.choices, default=Education.ANY
    )
    skills = models.ManyToManyField(
        Skill, blank=True, related_name="jobs", verbose_name=_("skills")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=JobStatus.choices, default=JobStatus.DRAFT
    )
    # No deadline is 상시채용 (always hiring); forms and the API make it an explicit choice.
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # Search (ADR 0054). The company name is copied in so list cards and the search index need
    # no join; jobs.signals keeps it current when a company is renamed.
    company_name = models.CharField(max_length=200, blank=True, default="", editable=False)
    # The analysed terms of title (weight A), company (B) and description (C) as a tsvector;
    # PostgreSQL only, written by the search backend after every save (jobs.search). SQLite
    # keeps the same terms in the FTS5 table of JobSearchEntry.
    search_vector = SearchVectorField(null=True, editable=False)
    # Its title and company terms alone (weights A and B), written with it: a search's first
    # tier tests these, and a page of that tier past the first walks jobs by date testing
    # them from the jobs_job_title_walk index, not each row's whole vector (ADR 0096).
    title_vector = SearchVectorField(null=True, editable=False)
    # The salary sort key: a job's best-paying figure, 0 when it states none.
    salary_sort = models.GeneratedField(
        expression=Coalesce("salary_max", "salary_min", models.Value(0)),
        output_field=models.BigIntegerField(),
        db_persist=True,
    )
    # Until when the job ranks as premium (POL-J-005): the latest end of its premium options
    # (ADR 0084). Ranking compares it with the time of the query, so an option that lapses
    # needs no clearing; jobs.services.job_premium_refresh alone writes it, in the same
    # transaction as the option it follows (activation, refund). Never part of a form or of a
    # whole-job save (see save()).
    premium_until = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        permissions = [("manage_any_job", "Can edit and close any company's jobs")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(salary_min__isnull=True)
                | models.Q(salary_max__isnull=True)
                | models.Q(salary_min__lte=models.F("salary_max")),
                name="jobs_job_salary_range_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(salary_mode=SalaryMode.RANGE)
                & (models.Q(salary_min__isnull=False) | models.Q(salary_max__isnull=False))
                | ~models.Q(salary_mode=SalaryMode.RANGE)
                & models.Q(salary_min__isnull=True, salary_max__isnull=True),
                name="jobs_job_salary_mode_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(salary_mode__in=SalaryMode.values),
                name="jobs_job_salary_mode_choice",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    experience=Experience.EXPERIENCED, experience_min_years__isnull=False
                )
                & (
                    models.Q(experience_max_years__isnull=True)
                    | models.Q(experience_max_years__gte=models.F("experience_min_years"))
                )
                | ~models.Q(experience=Experience.EXPERIENCED)
                & models.Q(experience_min_years__isnull=True, experience_max_years__isnull=True),
                name="jobs_job_experience_years_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(experience__in=Experience.values),
                name="jobs_job_experience_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(education__in=Education.values),
                name="jobs_job_education_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=[s.value for s in JobStatus]),
                name="jobs_job_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(employment_type__in=[t.value for t in EmploymentType]),
                name="jobs_job_employment_type_valid",
            ),
            # The last guard of jobboard.limits; jobs.rules.description_errors says it first.
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("description"), LONG_TEXT_MAX_CHARS),
                name="jobs_job_description_length",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="jobs_job_status_published"),
            models.Index(fields=["owner", "status"], name="jobs_job_owner_status"),
            # Lists read published jobs newest first, or by salary, optionally under one
            # filter: one partial index per (filter, sort) that a page of 20 walks in order.
            # The deadline after the sort keys makes the capped count of the filter's open
            # jobs an index-only scan (ADR 0091).
            models.Index(
                fields=["-published_at", "-id"], name="jobs_job_pub_latest", condition=PUBLISHED
            ),
            models.Index(
                fields=["-salary_sort", "-published_at", "-id", "deadline"],
                name="jobs_job_pub_salary",
                condition=PUBLISHED,
            ),
            # The three filters that narrow most also carry every other filtered column:
            # a filter set under the count cap is counted, and a salary-sorted page of it
            # found, from the index alone, where reading each match's row took up to 0.4 s
            # at 1,000,000 jobs (ADR 0103).
            *(
                models.Index(
                    fields=[lead, "-published_at", "-id"],
                    include=[column for column in FILTERED_COLUMNS if column != lead],
                    name=name,
                    condition=PUBLISHED,
                )
                for lead, name in (
                    ("location", "jobs_job_pub_loc_filters"),
                    ("category", "jobs_job_pub_cat_filters"),
                    ("employment_type", "jobs_job_pub_type_filters"),
                )
            ),
            models.Index(
                fields=["remote", "-published_at", "-id", "deadline"],
                name="jobs_job_pub_remote",
                condition=PUBLISHED,
            ),
            # Counting open jobs reads only this narrow index (an index-only scan), not the
            # table with its descriptions and search vectors.
            models.Index(fields=["deadline", "id"], name="jobs_job_pub_open", condition=PUBLISHED),
            # The premium jobs (POL-J-005), few: `premium_until > now` is a range on this index,
            # and with the deadline and the filter columns in it a premium count is an
            # index-only scan, with or without filters (ADRs 0084, 0091).
            models.Index(
                fields=[
                    "premium_until",
                    "deadline",
                    "id",
                    "location",
                    "category",
                    "employment_type",
                    "remote",
                    "salary_sort",
                ],
                name="jobs_job_premium",
                condition=EVER_PREMIUM,
            ),
            # PostgreSQL only (created by jobs.migration_ops.PostgresOnlyAddIndex).
            GinIndex(fields=["search_vector"], name="jobs_job_search_vector"),
            # The title and company terms alone: "matches in the title" from the index
            # (relevance's first tier, ADR 0085). PostgreSQL only, as the one above.
            GinIndex(fields=["title_vector"], name="jobs_job_title_vector"),
            # A tier's jobs by date with their title terms at hand: a deep page of the first
            # tier walks this index alone (an index-only scan), where the date index made it
            # read each passed job's row and whole vector (ADR 0096).
            models.Index(
                fields=["-published_at", "-id"],
                include=["deadline", "title_vector"],
                name="jobs_job_title_walk",
                condition=PUBLISHED,
            ),
            # The same two over the jobs that ever had a premium option (~1 %): a search's
            # premium segments come from these, not from a bitmap of every match of a common
            # word (ADR 0091). PostgreSQL only.
            GinIndex(
                fields=["search_vector"], name="jobs_job_premium_search", condition=EVER_PREMIUM
            ),
            GinIndex(
                fields=["title_vector"], name="jobs_job_premium_title_vec", condition=EVER_PREMIUM
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if self.company_id:
            self.company_name = self.company.name
        whole = kwargs.get("update_fields") is None and not kwargs.get("force_insert")
        if whole and not self._state.adding:
            # A whole-job save (an edit, a state move) leaves premium_until alone: an
            # option activated since this instance was read must not be written back as
            # it was then (jobs.services.job_premium_refresh owns the column).
            deferred = self.get_deferred_fields() | {"premium_until"}
            kwargs["update_fields"] = [
                field.attname
                for field in self._meta.concrete_fields
                if not field.primary_key and not field.generated and field.attname not in deferred
            ]
        super().save(*args, **kwargs)

    def clean(self):
        """Django admin's form: the same content rules as pages and API (jobs.rules)."""
        previous = Job.objects.filter(pk=self.pk).values_list("deadline", flat=True).first()
        problems = content_errors(
            salary_mode=self.salary_mode,
            salary_min=self.salary_min,
            salary_max=self.salary_max,
            experience=self.experience,
            experience_min_years=self.experience_min_years,
            experience_max_years=self.experience_max_years,
            description=self.description,
            deadline=self.deadline,
            deadline_changed=self.pk is None or previous != self.deadline,
        )
        if problems:
            raise ValidationError(problems)

    @property
    def is_rolling(self) -> bool:
        """상시채용: published without a closing date (POL-J-006)."""
        return self.deadline is None

    @property
    def is_closed(self) -> bool:
        """Closed, or published but past its deadline (POL-J-002, POL-J-003)."""
        return self.status == JobStatus.CLOSED or (
            self.status == JobStatus.PUBLISHED and not self.is_open()
        )

    def is_open(self, today=None) -> bool:
        """Published and not past its deadline (POL-J-003); only open jobs take applications.
        `open_filter` is the same rule for querysets."""
        today = today or timezone.localdate()
        return self.status == JobStatus.PUBLISHED and (
            self.deadline is None or self.deadline >= today
        )

    @staticmethod
    def open_filter(today=None) -> models.Q:
        """`is_open` as a queryset filter (POL-J-003): what lists and search may show."""
        today = today or timezone.localdate()
        return PUBLISHED & (models.Q(deadline__isnull=True) | models.Q(deadline__gte=today))

    def allows(self, action: str, today=None) -> bool:
        """Whether POL-J-008's table has this move from the current status (reopening a
        published job only once its deadline has passed)."""
        if (self.status, action) not in JOB_TRANSITIONS:
            return False
        return not (self.status == JobStatus.PUBLISHED and action == JobAction.REOPEN) or (
            not self.is_open(today)
        )

    def move_to(self, action: str, *, deadline=None, now=None) -> str:
        """Applies `action` if POL-J-008 allows it, without saving; returns the previous status.
        Publishing needs a deadline that is not past, reopening a new one (jobs.rules).
        Raises JobStateConflict for a move the table lacks, JobInvalid for a bad deadline."""
        now = now or timezone.now()
        today = timezone.localdate(now)
        previous = self.status
        if not self.allows(action, today):
            status = JobStatus.CLOSED.label if self.is_closed else self.get_status_display()
            raise JobStateConflict(
                _("A job that is %(status)s does not allow %(action)s.")
                % {"status": str(status).lower(), "action": JobAction(action).label}
            )
        if action == JobAction.PUBLISH:
            problems = deadline_errors(deadline=self.deadline, today=today)
        elif action == JobAction.REOPEN:
            problems = reopen_deadline_errors(deadline=deadline, today=today)
        else:
            problems = {}
        for field, message in problems.items():
            raise JobInvalid(message, field=field)
        self.status = JOB_TRANSITIONS[previous, action]
        if action == JobAction.CLOSE:
            self.closed_at = now
        else:  # published (again): it counts as new from now on
            self.published_at, self.closed_at = now, None
            if action == JobAction.REOPEN:
                self.deadline = deadline
        return previous


class JobMatchSkill(models.Model):
    """A skill a job asks for, as matching reads it (POL-S-003): tagged by the recruiter or
    found in the title and description (jobs.matching). Rewritten after every save of the job,
    so matching never analyses text while answering. Whether the job is published and its
    deadline are copied in, so each skill's newest open jobs are read from one index without
    touching the job table (ADR 0076)."""

    job = models.ForeignKey(
        Job, on_delete=models.CASCADE, related_name="match_skills", db_index=False
    )
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="+")
    tagged = models.BooleanField(default=False)
    published = models.BooleanField()
    deadline = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("job skill for matching")
        verbose_name_plural = _("job skills for matching")
        constraints = [
            models.UniqueConstraint(fields=["job", "skill"], name="jobs_matchskill_job_skill")
        ]
        indexes = [
            # A skill's newest open jobs: read backwards, stopped early (ADR 0076).
            models.Index(
                fields=["skill", "job", "deadline"],
                name="jobs_matchskill_newest",
                condition=models.Q(published=True),
            )
        ]

    def __str__(self) -> str:
        return f"{self.job_id}: {self.skill_id}"


class JobOptionKind(models.TextChoices):
    PREMIUM = "premium", _("Premium listing")
    BANNER = "banner", _("Main-page banner")


class JobOption(models.Model):
    """A paid option active on a job between starts_at and ends_at (POL-J-005, POL-P-006).
    Written by payments; read by ranking. Ending early (a refund) moves ends_at."""

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="options")
    kind = models.CharField(max_length=16, choices=JobOptionKind.choices)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("job option")
        verbose_name_plural = _("job options")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")),
                name="jobs_joboption_period_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=[k.value for k in JobOptionKind]),
                name="jobs_joboption_kind_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["kind", "ends_at", "starts_at"], name="jobs_option_kind_period"),
            models.Index(fields=["job", "kind", "ends_at"], name="jobs_option_job_kind_end"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.job}"

    def is_active(self, now=None) -> bool:
        now = now or timezone.now()
        return self.starts_at <= now < self.ends_at


class JobSearchEntry(models.Model):
    """A job's analysed terms in SQLite's FTS5 full-text table (the embedded default; ADR
    0054). The table is created by a migration on SQLite only; PostgreSQL keeps the same
    terms in Job.search_vector. Matching and ranking go through jobs.search.lookups."""

    job_id = models.BigIntegerField(primary_key=True, db_column="rowid")
    title = models.TextField()
    company = models.TextField()
    skills = models.TextField()
    body = models.TextField()

    class Meta:
        managed = False
        db_table = "jobs_job_fts"

    def __str__(self) -> str:
        return f"job {self.job_id}"


class SearchSynonym(models.Model):
    """Words that mean the same to a jobseeker (POL-S-001): a search for any of them finds
    every one. Applied when a query is read, so an edit needs no re-index (ADR 0055)."""

    terms = models.CharField(
        _("terms"),
        max_length=500,
        unique=True,
        help_text=_("Equivalent words, separated by commas: 백엔드, backend, 서버"),
    )
    is_active = models.BooleanField(_("active"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")
        ordering = ["terms"]

    def __str__(self) -> str:
        return self.terms

    def term_list(self) -> list[str]:
        return [t.strip() for t in self.terms.split(",") if t.strip()]

    def clean(self):
        if len(self.term_list()) < 2:
            raise ValidationError({"terms": _("List at least two words, separated by commas.")})


class SearchTerm(models.Model):
    """The vocabulary of Latin words in job titles and synonyms, for "did you mean"
    (trigram similarity; POL-S-001). Written when jobs are indexed; never shown as is."""

    term = models.CharField(max_length=64, unique=True)

    def __str__(self) -> str:
        return self.term
