"""Company pages (POL-J-007): the public profile with its open jobs, the editor for its own
recruiters and admins, following, and the logo files. Rules and authorization live in
accounts.company_services and accounts.policies; these views parse and render."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from accounts.company_services import (
    company_follow,
    company_set_logo,
    company_unfollow,
    company_update,
)
from accounts.exceptions import CompanyNotFound
from accounts.logos import SIZES, logo_path
from accounts.models import Company
from accounts.policies import can_edit_company, can_follow_company
from accounts.selectors import company_get, company_is_followed, company_list_followed
from jobboard.errors import DomainError
from jobs.company_forms import CompanyForm
from jobs.selectors import job_list_company

YEAR = 365 * 24 * 3600
# A company page shows one screenful of its newest open jobs; the list has the rest.
COMPANY_PAGE_JOBS = 20


def _company_or_404(pk: int) -> Company:
    try:
        return company_get(pk=pk)
    except CompanyNotFound as exc:
        raise Http404(str(exc)) from exc


class CompanyDetailView(TemplateView):
    """The public company page: profile, benefits, how many jobs are open and the newest of
    them (COMPANY_PAGE_JOBS), with a link to the list for all of them."""

    template_name = "jobs/company_detail.html"

    def get_context_data(self, **kwargs):
        company = _company_or_404(kwargs["pk"])
        user = self.request.user
        may_follow = can_follow_company(user, company)
        jobs, open_count = job_list_company(company.pk, COMPANY_PAGE_JOBS)
        return {
            **super().get_context_data(**kwargs),
            "company": company,
            "jobs": jobs,
            "open_count": open_count,
            "all_jobs_query": urlencode({"q": company.name})
            if open_count > COMPANY_PAGE_JOBS
            else "",
            "can_edit": can_edit_company(user, company),
            "can_follow": may_follow,
            "is_followed": may_follow and company_is_followed(user=user, company=company),
        }


class _CompanyEditorMixin:
    """Guests sign in first; signed-in users who may not edit get 403 (POL-J-007)."""

    def dispatch(self, request, *args, **kwargs):
        self.company = _company_or_404(kwargs["pk"])
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_edit_company(request.user, self.company):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class CompanyEditView(_CompanyEditorMixin, FormView):
    form_class = CompanyForm
    template_name = "jobs/company_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": Company.objects.get(pk=self.company.pk)}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "company": self.company}

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        logo = data.pop("logo")
        try:
            with transaction.atomic():  # a refused logo keeps the old profile too
                company_update(company=self.company, user=self.request.user, **data)
                if logo is not None:
                    company_set_logo(company=self.company, user=self.request.user, data=logo)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.detail)
            return self.form_invalid(form)
        messages.success(self.request, _("The company profile has been saved."))
        return redirect("jobs:company", pk=self.company.pk)


class CompanyFollowView(View):
    """POST follows, POST with action=unfollow stops following; back to the company page."""

    http_method_names = ["post"]

    def post(self, request, pk: int):
        company = _company_or_404(pk)
        if not request.user.is_authenticated:
            return redirect_to_login(reverse("jobs:company", args=[company.pk]))
        if not can_follow_company(request.user, company):
            raise PermissionDenied
        if request.POST.get("action") == "unfollow":
            company_unfollow(user=request.user, company=company)
            messages.success(request, _("You no longer follow %(name)s.") % {"name": company.name})
        else:
            company_follow(user=request.user, company=company)
            messages.success(request, _("You follow %(name)s.") % {"name": company.name})
        return redirect("jobs:company", pk=company.pk)


class FollowedCompaniesView(TemplateView):
    """A jobseeker's followed companies, newest first."""

    template_name = "jobs/companies_followed.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_follow_company(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        companies = company_list_followed(user=self.request.user)
        return {**super().get_context_data(**kwargs), "companies": companies}


class CompanyLogoView(View):
    """A resized logo from storage. Pages link it with `?v=<version>`: that URL never changes
    content, so browsers and proxies keep it for a year; other URLs get five minutes."""

    http_method_names = ["get", "head"]

    def get(self, request, pk: int, size: int):
        company = Company.objects.filter(pk=pk).only("logo_version").first()
        if company is None or not company.logo_version or size not in SIZES:
            raise Http404("No such logo.")
        path = logo_path(pk, company.logo_version, size)
        try:
            handle = default_storage.open(path, "rb")
        except FileNotFoundError as exc:
            raise Http404("No such logo.") from exc
        response = FileResponse(handle, content_type="image/png")
        response["ETag"] = f'"{company.logo_version}-{size}"'
        response["X-Content-Type-Options"] = "nosniff"
        if request.GET.get("v") == company.logo_version:
            patch_cache_control(response, public=True, max_age=YEAR, immutable=True)
        else:
            patch_cache_control(response, public=True, max_age=300)
        return response
