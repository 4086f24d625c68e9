"""The jobs pages: parse → jobs.selectors / jobs.services → render."""

import json
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.syndication.views import Feed
from django.core.cache import cache
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import _json_script_escapes  # type: ignore[attr-defined]
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from accounts.permissions import PolicyRequiredMixin
from jobboard.errors import DomainError, NotFound
from jobs.display import education_label, experience_label, logo_url
from jobs.events import job_viewed
from jobs.forms import JobForm, JobSearchForm, clean_query
from jobs.fragments import Fragment, render_fragment
from jobs.models import Category, Education, Experience, Job, JobStatus, SalaryMode
from jobs.policies import (
    can_close_job,
    can_create_job,
    can_edit_job,
    can_list_own_jobs,
)
from jobs.rules import deadline_errors
from jobs.search.highlight import attach_highlights
from jobs.selectors import (
    REFERENCE_SECONDS,
    SEARCH_COLUMNS,
    HomeJobs,
    HomeSection,
    JobFilters,
    job_get_manageable,
    job_get_visible,
    job_list_home,
    job_list_open,
    job_list_owned,
    job_list_public,
    job_search_suggestions,
    list_cache_key,
    reference_list_active,
)
from jobs.services import job_create, job_update

SCHEMA_EMPLOYMENT_TYPES = {
    "full_time": "FULL_TIME",
    "part_time": "PART_TIME",
    "contract": "CONTRACTOR",
    "internship": "INTERN",
}


# Sections other apps add to the home page (name → function of the request giving a
# HomeSection: parts read with the page's rows, and their context), set from their
# AppConfig.ready(), so jobs shows them without importing those apps: the signed-in
# jobseeker's recommended and recently viewed jobs (candidates, POL-S-003, POL-AP-006).
HOME_SECTIONS: dict[str, Callable[[HttpRequest], HomeSection]] = {}


class HomeView(TemplateView):
    """The banner, premium, category and latest rows are the same for every visitor: their
    HTML is cached under the list version like the list's results (ADR 0011, ADR 0088), so
    a job or option write shows at once. The other apps' sections are per visitor."""

    template_name = "jobs/home.html"

    def get_context_data(self, **kwargs):
        sections = [provide(self.request) for provide in HOME_SECTIONS.values()]
        key = list_cache_key(JobFilters(), "home", get_language())
        shared = cache.get(key)
        extra = {n: p for s in sections for n, p in s.parts.items()}
        home = job_list_home(shared=shared is None, extra=extra)
        if shared is None:
            shared = self.render_shared(home)
            cache.set(key, shared, settings.JOBS_LIST_CACHE_SECONDS)
        return {
            **super().get_context_data(**kwargs),
            **{k: v for s in sections for k, v in s.context(home.extra).items()},
            **{name: fragment.for_visitor(self.request) for name, fragment in shared.items()},
        }

    def render_shared(self, home: HomeJobs) -> dict[str, Fragment]:
        context = {
            "banner_jobs": home.banner,
            "premium_jobs": home.premium,
            "latest_jobs": home.latest,
            "categories": reference_list_active(Category),
        }
        jobs = [*home.premium, *home.latest]
        return {
            name: render_fragment(f"jobs/_home_{name}.html", context, self.request, jobs)
            for name in ("banner", "rows")
        }


class JobListView(TemplateView):
    """Search, filters, sort and pages; premium jobs first and marked (POL-J-005).

    The results block (count, cards, pages) is the same for every visitor, so its HTML is
    cached per filters, page and language under the list version (ADR 0011), each card's
    스크랩 button filled in per visitor (ADR 0088); the filter form's HTML is cached by the
    values it shows; the header is per visitor."""

    template_name = "jobs/list.html"

    def get(self, request, *args, **kwargs):
        # A submitted filter form sends every field, empty ones too: answer with the clean
        # URL, so links, history and shared URLs carry only the filters in use.
        query = request.GET.urlencode()
        cleaned = clean_query(request.GET)
        if cleaned != query:
            return redirect(f"{request.path}?{cleaned}" if cleaned else request.path)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        form = JobSearchForm(self.request.GET)
        filters = form.to_filters()
        page_number = _page_number(self.request.GET.get("page"))
        # "fragment": a Fragment (ADR 0088), where an older release cached a string.
        results_key = list_cache_key(filters, "html-fragment", page_number, get_language())
        filters_key = form.html_key()
        cached = cache.get_many([results_key, filters_key])
        results = cached.get(results_key)
        if results is None:
            results = self.render_results(form, filters, page_number)
            cache.set(results_key, results, settings.JOBS_LIST_CACHE_SECONDS)
        filters_html = cached.get(filters_key)
        if filters_html is None:
            filters_html = render_to_string("jobs/_filters.html", {"form": form})
            # Keyed by all it shows, it never goes stale: the timeout lets unused ones go.
            cache.set(filters_key, filters_html, REFERENCE_SECONDS)
        return {
            **super().get_context_data(**kwargs),
            "form": form,
            "filters": filters_html,
            "results": results.for_visitor(self.request),
            "chips": form.active_filters(),
        }

    def render_results(self, form, filters, page_number) -> Fragment:
        # RankedJobs slices and counts like a QuerySet, all that Paginator uses.
        ranked = job_list_public(filters)
        paginator: Paginator[Job] = Paginator(ranked, settings.JOBS_PAGE_SIZE)  # type: ignore[arg-type]
        page = paginator.get_page(page_number)
        query = JobSearchForm.query_of(filters)
        jobs = list(page.object_list)
        attach_highlights(jobs, filters.query)
        context = {
            "page_obj": page,
            "jobs": jobs,
            "query_string": query.urlencode(),
            "q": filters.q.strip() if filters.query else "",
        }
        if not paginator.count and (filters.query or filters.active_filters()):
            context["suggestions"] = self.suggestions(form, filters, query)
        return render_fragment("jobs/_results.html", context, self.request, jobs)

    @staticmethod
    def suggestions(form, filters, query) -> dict:
        """An empty result offers a corrected query and filters to drop (POL-S-001)."""
        found = job_search_suggestions(filters)
        corrected = query.copy()
        corrected["q"] = found.did_you_mean
        wider = []
        for name, count in found.wider:
            field_name = "salary" if name == "salary_min" else name  # typed in 만원
            field = form.fields[field_name]
            value = form.cleaned_data.get(field_name)
            values = value if isinstance(value, list) else [value]
            shown = ", ".join(form.chip_label(field_name, field, item) for item in values)
            without = query.copy()
            without.pop(field_name, None)
            label = field.label if name == "remote" else f"{field.label}: {shown}"
            wider.append({"label": label, "count": count, "query": without.urlencode()})
        return {
            "did_you_mean": found.did_you_mean,
            "did_you_mean_query": corrected.urlencode() if found.did_you_mean else "",
            "wider": wider,
        }


def _page_number(raw: str | None) -> int:
    """The page a cached results block is keyed by: a whole number from 1, else page 1."""
    return int(raw) if raw and raw.isascii() and raw.isdigit() and int(raw) > 0 else 1


def job_posting_ld(job: Job, request) -> str:
    """schema.org JobPosting for search engines, escaped for a <script> element."""
    data = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": job.title,
        "description": job.description,
        "datePosted": job.published_at.date().isoformat() if job.published_at else None,
        # 상시채용 has no end: validThrough only for a real deadline (its last day, 23:59 KST).
        "validThrough": f"{job.deadline.isoformat()}T23:59:59+09:00" if job.deadline else None,
        "employmentType": SCHEMA_EMPLOYMENT_TYPES.get(job.employment_type),
        "hiringOrganization": {
            "@type": "Organization",
            "name": job.company.name,
            **({"sameAs": job.company.website} if job.company.website else {}),
            **(
                {"logo": request.build_absolute_uri(logo_url(job.company, 256))}
                if job.company.logo_version
                else {}
            ),
        },
        "jobLocation": {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressRegion": job.location.name_en,
                "addressCountry": "KR",
            },
        },
        "url": request.build_absolute_uri(reverse("jobs:detail", args=[job.pk])),
    }
    if job.remote:
        data["jobLocationType"] = "TELECOMMUTE"
    data["experienceRequirements"] = _experience_ld(job)
    data["educationRequirements"] = _education_ld(job)
    skills = [skill.name for skill in job.skills.all()]
    if skills:
        data["skills"] = ", ".join(skills)
    if job.salary_mode == SalaryMode.RANGE:
        # Salaries are annual (POL-J-004): unitText YEAR, in won.
        value: dict[str, str | int] = {"@type": "QuantitativeValue", "unitText": "YEAR"}
        if job.salary_min is not None:
            value["minValue"] = job.salary_min
        if job.salary_max is not None:
            value["maxValue"] = job.salary_max
        data["baseSalary"] = {"@type": "MonetaryAmount", "currency": "KRW", "value": value}
    data = {k: v for k, v in data.items() if v is not None}
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    # Safe by construction: <, > and & are \u-escaped above, so the JSON cannot close the
    # <script> element it is rendered into (the same escaping as Django's json_script).
    return mark_safe(text.translate(_json_script_escapes))  # noqa: S308  # nosec B308 B703


# Google's documented values for education credentials; master and doctorate are
# "postgraduate degree".
EDUCATION_LD = {
    Education.HIGH_SCHOOL: "high school",
    Education.ASSOCIATE: "associate degree",
    Education.BACHELOR: "bachelor degree",
    Education.MASTER: "postgraduate degree",
    Education.DOCTORATE: "postgraduate degree",
}


def _experience_ld(job: Job):
    if job.experience != Experience.EXPERIENCED:
        return "no requirements"
    return {
        "@type": "OccupationalExperienceRequirements",
        "monthsOfExperience": (job.experience_min_years or 0) * 12,
        "description": experience_label(job),
    }


def _education_ld(job: Job):
    if job.education == Education.ANY:
        return "no requirements"
    return {
        "@type": "EducationalOccupationalCredential",
        "credentialCategory": EDUCATION_LD[Education(job.education)],
        "description": education_label(job),
    }


class JobDetailView(TemplateView):
    template_name = "jobs/detail.html"

    def get_context_data(self, **kwargs):
        try:
            job = job_get_visible(pk=self.kwargs["pk"], user=self.request.user, page=True)
        except NotFound as exc:
            raise Http404(str(exc)) from exc
        if self.request.user.is_authenticated:
            job_viewed.send(sender=Job, job=job, user=self.request.user)
        return {
            **super().get_context_data(**kwargs),
            "job": job,
            "can_manage": can_edit_job(self.request.user, job)
            or can_close_job(self.request.user, job),
            "job_posting_ld": job_posting_ld(job, self.request) if not job.is_closed else "",
        }


class PlainTextAtomFeed(Atom1Feed):
    """Atom whose summaries are `type="text"`. Django marks them `html`, so a feed reader
    would render whatever markup a recruiter typed into a description (issue #13: input
    that cannot be turned against readers); as text, readers show it literally."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class LatestJobsFeed(Feed):
    """Atom feed of the newest open jobs, in plain text."""

    feed_type = PlainTextAtomFeed
    title = gettext_lazy("jobboard — new jobs")
    subtitle = gettext_lazy("The newest jobs on jobboard.")

    def link(self):
        return reverse("jobs:list")

    def items(self):
        return job_list_open().defer(*SEARCH_COLUMNS).order_by("-published_at", "-id")[:30]

    def item_title(self, item):
        return f"{item.title} — {item.company_name}"

    def item_description(self, item):
        return item.description[:500]

    def item_link(self, item):
        return reverse("jobs:detail", args=[item.pk])

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at


class MyJobsView(PolicyRequiredMixin, TemplateView):
    """A recruiter's jobs in every state, with the figures other apps register in
    jobs.selectors.OWNED_JOB_ANNOTATIONS (the applicant count)."""

    policy = can_list_own_jobs
    template_name = "jobs/mine.html"

    def get_context_data(self, **kwargs):
        paginator = Paginator(job_list_owned(self.request.user), settings.JOBS_PAGE_SIZE)
        page = paginator.get_page(self.request.GET.get("page"))
        return {**super().get_context_data(**kwargs), "page_obj": page, "jobs": page.object_list}


class _JobFormView(PolicyRequiredMixin, FormView):
    form_class = JobForm
    template_name = "jobs/form.html"

    def form_valid(self, form):
        """ "Save and publish" asks for confirmation (POL-J-008): with scripts on, a dialog on
        this page sends `publish=confirmed`; without, the job is saved as a draft and the
        publish confirmation page follows. A past deadline is refused either way."""
        data = dict(form.cleaned_data)
        wants_publish = "publish" in self.request.POST
        confirmed = self.request.POST.get("publish") == "confirmed"
        problems = deadline_errors(deadline=data.get("deadline")) if wants_publish else {}
        for field, message in problems.items():
            form.add_error(field, message)
            return self.form_invalid(form)
        try:
            job = self.save(data, publish=wants_publish and confirmed)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.detail)
            return self.form_invalid(form)
        if wants_publish and job.status == JobStatus.DRAFT:
            messages.info(self.request, _("The job is saved as a draft. Publish it below."))
            return redirect("jobs:publish", pk=job.pk)
        messages.success(self.request, self.success_message)
        return redirect("jobs:detail", pk=job.pk)


class JobCreateView(_JobFormView):
    policy = can_create_job

    @property
    def success_message(self):
        return _("The job has been saved.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def save(self, data, *, publish):
        return job_create(user=self.request.user, publish=publish, **data)


class OwnedJobMixin:
    """Loads the job the view's policy lets the user act on (404 / 403 otherwise; POL-J-001).
    Runs after PolicyRequiredMixin's gate, so guests are already sent to sign in."""

    def dispatch(self, request, *args, **kwargs):
        if type(self).policy(request.user):
            try:
                self.job = job_get_manageable(
                    pk=kwargs["pk"], user=request.user, policy=type(self).policy
                )
            except NotFound as exc:
                raise Http404(str(exc)) from exc
            except DomainError:
                self.raise_exception = True
                return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)


class JobEditView(OwnedJobMixin, _JobFormView):
    policy = can_edit_job

    @property
    def success_message(self):
        return _("Your changes have been saved.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.job}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "job": self.job}

    def save(self, data, *, publish):
        return job_update(job=self.job, user=self.request.user, publish=publish, **data)
