"""HTML interface of the applications domain: parse → service → render."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.generic import TemplateView

from accounts.permissions import PolicyRequiredMixin
from applications import selectors, services
from applications.api.views import resume_response
from applications.exceptions import ApplicationNotFound
from applications.forms import ApplyForm, MoveForm, WithdrawForm
from applications.links import login_url
from applications.models import BOARD_STAGES, ActorRole, allowed_targets
from applications.policies import can_apply, can_move_application, can_view_applicants
from candidates.forms import replace_error
from candidates.resumes import (
    body_too_large,
    install_size_limit,
    raise_if_too_large,
    too_large_message,
)
from jobboard.errors import DomainError
from jobs.exceptions import JobNotFound
from jobs.selectors import job_get_visible


class SignInRequired:
    """Guests go to sign in and come back; PolicyRequiredMixin's login URL made resilient."""

    def get_login_url(self):
        return login_url()

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), login_url())
        return super().dispatch(request, *args, **kwargs)


@method_decorator(csrf_exempt, name="dispatch")
class ApplicationApplyView(SignInRequired, PolicyRequiredMixin, View):
    policy = can_apply
    template_name = "applications/apply.html"

    def dispatch(self, request, *args, **kwargs):
        # The upload handlers must be in place before anything reads the body, the CSRF
        # check included: hence csrf_exempt on the view and csrf_protect after the install.
        install_size_limit(request)
        if request.method == "POST" and body_too_large(request) and can_apply(request.user):
            # Refused before the body is read (nothing is stored, no state changes).
            form = ApplyForm(data={})
            form.is_valid()
            replace_error(form, "resume", too_large_message())
            return self.render_form(request, self.get_job(kwargs["job_id"]), form, status=413)
        return csrf_protect(super().dispatch)(request, *args, **kwargs)

    def get_job(self, job_id):
        # A job the user may not see (another's draft, POL-J-003) has no apply page.
        try:
            return job_get_visible(pk=job_id, user=self.request.user)
        except JobNotFound as exc:
            raise Http404 from exc

    def render_form(self, request, job, form, status=200):
        existing = selectors.application_for_job_and_user(job=job, user=request.user)
        context = {"job": job, "form": form, "existing": existing, "job_open": job.is_open()}
        return render(request, self.template_name, context, status=status)

    def get(self, request, job_id):
        return self.render_form(request, self.get_job(job_id), ApplyForm())

    def post(self, request, job_id):
        job = self.get_job(job_id)
        form = ApplyForm(request.POST, request.FILES)
        valid = form.is_valid()
        try:
            raise_if_too_large(request)
            if valid:
                services.application_submit(job=job, applicant=request.user, **form.cleaned_data)
                messages.success(request, _("Your application was sent."))
                return redirect("applications:mine")
        except DomainError as exc:
            replace_error(form, exc.field if exc.field in form.fields else None, exc.detail)
            return self.render_form(request, job, form, status=exc.status)
        return self.render_form(request, job, form, status=400)


class ApplicationMineView(SignInRequired, TemplateView):
    template_name = "applications/mine.html"

    def get_context_data(self, **kwargs):
        applications = list(selectors.application_list_mine(user=self.request.user))
        for application in applications:
            application.can_withdraw = bool(allowed_targets(application.stage, ActorRole.APPLICANT))
        return {
            **super().get_context_data(**kwargs),
            "applications": applications,
            "withdraw_form": WithdrawForm(),
        }


class ApplicationWithdrawView(SignInRequired, View):
    def post(self, request, application_id):
        form = WithdrawForm(request.POST)
        note = form.cleaned_data["note"] if form.is_valid() else ""
        try:
            services.application_withdraw(
                application_id=application_id, applicant=request.user, note=note
            )
            messages.success(request, _("Your application was withdrawn."))
        except ApplicationNotFound as exc:
            raise Http404 from exc
        except DomainError as exc:
            messages.error(request, exc.detail)
        return redirect("applications:mine")


class ApplicationBoardView(SignInRequired, PolicyRequiredMixin, TemplateView):
    policy = can_view_applicants
    template_name = "applications/board.html"

    def get_context_data(self, **kwargs):
        job = selectors.job_get_owned(user=self.request.user, job_id=self.kwargs["job_id"])
        if job is None:
            raise Http404
        applications = list(selectors.application_list_for_board(user=self.request.user, job=job))
        columns = []
        for stage in BOARD_STAGES:
            cards = []
            for application in applications:
                if application.stage == stage:
                    targets = allowed_targets(stage, ActorRole.EMPLOYER)
                    form = (
                        MoveForm(targets=targets, prefix=f"a{application.pk}") if targets else None
                    )
                    cards.append({"application": application, "form": form})
            columns.append({"stage": stage, "cards": cards})
        return {
            **super().get_context_data(**kwargs),
            "job": job,
            "columns": columns,
            "total": len(applications),
        }


class ApplicationMoveView(SignInRequired, PolicyRequiredMixin, View):
    """One card, one action: the board's and the detail page's move form post here."""

    policy = can_move_application

    def post(self, request, application_id):
        application = self._visible(request, application_id)
        form = MoveForm(request.POST, prefix=request.POST.get("prefix") or None)
        if form.is_valid():
            try:
                services.application_move_stage(
                    application_id=application.pk, actor=request.user, **form.cleaned_data
                )
                messages.success(
                    request,
                    _("Moved to %(stage)s.")
                    % {"stage": dict(form.fields["stage"].choices)[form.cleaned_data["stage"]]},
                )
            except DomainError as exc:
                messages.error(request, exc.detail)
        else:
            messages.error(request, _("Choose a stage to move to."))
        next_url = request.POST.get("next", "")
        if next_url == "detail":
            return redirect("applications:detail", application_id=application.pk)
        board = reverse("applications:board", kwargs={"job_id": application.job_id})
        return HttpResponseRedirect(f"{board}#application-{application.pk}")

    def _visible(self, request, application_id):
        try:
            return selectors.application_get_visible(
                user=request.user, application_id=application_id
            )
        except ApplicationNotFound as exc:
            raise Http404 from exc


class ApplicationDetailView(SignInRequired, TemplateView):
    template_name = "applications/detail.html"

    def get_context_data(self, **kwargs):
        try:
            application = selectors.application_get_visible(
                user=self.request.user, application_id=self.kwargs["application_id"]
            )
        except ApplicationNotFound as exc:
            raise Http404 from exc
        is_employer = application.applicant_id != self.request.user.pk
        may_move = can_move_application(self.request.user, application)
        targets = allowed_targets(application.stage, ActorRole.EMPLOYER) if may_move else []
        return {
            **super().get_context_data(**kwargs),
            "application": application,
            "is_employer": is_employer,
            "move_form": MoveForm(targets=targets, prefix="detail") if targets else None,
        }


class ApplicationResumeView(SignInRequired, View):
    def get(self, request, application_id):
        try:
            application = selectors.application_get_visible(
                user=request.user, application_id=application_id
            )
        except ApplicationNotFound as exc:
            raise Http404 from exc
        return resume_response(application=application, user=request.user)


class NotificationListView(SignInRequired, TemplateView):
    template_name = "applications/notifications.html"

    def get_context_data(self, **kwargs):
        notifications = list(selectors.notification_list(user=self.request.user)[:100])
        return {**super().get_context_data(**kwargs), "notifications": notifications}

    def post(self, request):
        notification_id = request.POST.get("notification")
        try:
            services.notification_mark_read(
                user=request.user,
                notification_id=int(notification_id) if notification_id else None,
            )
        except (DomainError, ValueError) as exc:
            raise Http404 from exc
        return redirect("applications:notifications")
