"""HTML interface of the applications domain: parse → service → render."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.generic import TemplateView

from accounts.permissions import Policy, PolicyRequiredMixin
from applications import selectors, services
from applications.api.views import resume_response
from applications.exceptions import ApplicationNotFound, NotAllowed
from applications.forms import (
    ApplyForm,
    BulkMoveForm,
    MessageForm,
    MoveForm,
    PrivateNoteForm,
    RatingForm,
    WithdrawForm,
)
from applications.links import login_url
from applications.matching import CARD_REASONS, FIT_SORT, fits_of
from applications.models import BOARD_STAGES, ActorRole, allowed_targets
from applications.policies import (
    can_add_private_note,
    can_apply,
    can_message_applicant,
    can_move_application,
    can_view_applicants,
    can_view_contact,
)
from candidates.forms import replace_error
from candidates.resumes import (
    body_too_large,
    install_size_limit,
    raise_if_too_large,
    too_large_message,
)
from candidates.selectors import stored_resume_list
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
            form = self.make_form({})
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

    def make_form(self, *args):
        return ApplyForm(*args, stored_resumes=stored_resume_list(user=self.request.user))

    def get(self, request, job_id):
        return self.render_form(request, self.get_job(job_id), self.make_form())

    def post(self, request, job_id):
        job = self.get_job(job_id)
        form = self.make_form(request.POST, request.FILES)
        valid = form.is_valid()
        try:
            raise_if_too_large(request)
            if valid:
                submission = form.submission()
                if "resume_id" in submission:
                    services.application_submit_stored(
                        job=job, applicant=request.user, **submission
                    )
                else:
                    services.application_submit(job=job, applicant=request.user, **submission)
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
        return {**super().get_context_data(**kwargs), "applications": applications}


class ApplicationWithdrawView(SignInRequired, View):
    """GET asks "withdraw?" on a page of its own (works without script); POST withdraws."""

    def get(self, request, application_id):
        try:
            application = selectors.application_get_visible(
                user=request.user, application_id=application_id
            )
        except ApplicationNotFound as exc:
            raise Http404 from exc
        if application.applicant_id != request.user.pk:
            raise Http404
        context = {
            "application": application,
            "form": WithdrawForm(),
            "can_withdraw": bool(allowed_targets(application.stage, ActorRole.APPLICANT)),
        }
        return render(request, "applications/withdraw_confirm.html", context)

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
    """A job's applicants in one column per stage (POL-AP-003): a move form per card (the
    keyboard way, and what drag and drop submits), a bulk move of the checked cards, and
    the applicant list's sort keys."""

    policy: Policy = can_view_applicants
    template_name = "applications/board.html"

    def get_job(self):
        job = selectors.job_get_owned(user=self.request.user, job_id=self.kwargs["job_id"])
        if job is None:
            raise Http404
        return job

    def get_context_data(self, **kwargs):
        job = self.get_job()
        user = self.request.user
        sorts = selectors.applicant_sorts_for(user)
        sort = self.request.GET.get("sort", "")
        sort = sort if sort in sorts else selectors.DEFAULT_SORT
        applications = list(selectors.application_list_for_board(user=user, job=job, sort=sort))
        # Every card shows its fit (POL-S-003): the board is the job's side's own page.
        fits = fits_of(applications) if FIT_SORT in sorts else {}
        may_move = can_move_application(user)
        columns = []
        for stage in BOARD_STAGES:
            targets = allowed_targets(stage, ActorRole.EMPLOYER) if may_move else []
            cards = [
                {
                    "application": application,
                    "fit": fits.get(application.pk),
                    "fit_reasons": fits[application.pk].reasons[:CARD_REASONS]
                    if application.pk in fits
                    else (),
                    "form": MoveForm(targets=targets, prefix=f"a{application.pk}")
                    if targets
                    else None,
                }
                for application in applications
                if application.stage == stage
            ]
            columns.append({"stage": stage, "cards": cards, "targets": targets})
        return {
            **super().get_context_data(**kwargs),
            "job": job,
            "columns": columns,
            "total": len(applications),
            "sorts": sorts,
            "sort": sort,
            "may_move": may_move,
            "bulk_form": kwargs.get("bulk_form") or BulkMoveForm(),
            "shows_ratings": "rating" in sorts,
        }


class ApplicationBulkMoveView(ApplicationBoardView):
    """The board's bulk move: the checked applicants all move, or none does (POL-AP-003)."""

    policy = can_move_application

    def get(self, request, *args, **kwargs):
        return redirect("applications:board", job_id=kwargs["job_id"])

    def post(self, request, job_id):
        job = self.get_job()
        candidates = selectors.application_list_for_board(user=request.user, job=job)
        form = BulkMoveForm(
            request.POST, application_ids=list(candidates.values_list("pk", flat=True))
        )
        if form.is_valid():
            try:
                moved = services.application_move_many(
                    application_ids=form.cleaned_data["applications"],
                    actor=request.user,
                    stage=form.cleaned_data["stage"],
                    note=form.cleaned_data["note"],
                )
                messages.success(
                    request,
                    _("Moved %(count)d applicants to %(stage)s.")
                    % {
                        "count": len(moved),
                        "stage": dict(form.fields["stage"].choices)[form.cleaned_data["stage"]],
                    },
                )
                return redirect("applications:board", job_id=job.pk)
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.detail)
        context = self.get_context_data(bulk_form=form, **self.kwargs)
        return self.render_to_response(context, status=400)


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
    """The applicant page. The job's side also sees the contact details (POL-AP-008, each
    view logged), the private notes and rating (POL-AP-007) and the message form; the
    applicant sees the timeline of moves and messages only."""

    template_name = "applications/detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        try:
            application = selectors.application_get_visible(
                user=user, application_id=self.kwargs["application_id"]
            )
        except ApplicationNotFound as exc:
            raise Http404 from exc
        is_employer = application.applicant_id != user.pk
        services.application_mark_viewed(application=application, user=user)
        may_move = can_move_application(user, application)
        targets = allowed_targets(application.stage, ActorRole.EMPLOYER) if may_move else []
        notes = selectors.private_notes_of(user=user, application=application)
        contact = (
            services.contact_details_view(application_id=application.pk, viewer=user)
            if can_view_contact(user, application)
            else None
        )
        rating = getattr(application, "rating", None) if notes is not None else None
        return {
            **super().get_context_data(**kwargs),
            "application": application,
            "is_employer": is_employer,
            "move_form": MoveForm(targets=targets, prefix="detail") if targets else None,
            "contact": contact,
            "notes": list(notes) if notes is not None else None,
            "rating": rating,
            "note_form": kwargs.get("note_form") or PrivateNoteForm()
            if can_add_private_note(user, application)
            else None,
            "rating_form": RatingForm(initial={"score": rating.score if rating else None})
            if can_add_private_note(user, application)
            else None,
            "message_form": kwargs.get("message_form") or MessageForm()
            if can_message_applicant(user, application)
            else None,
        }


class _HiringActionView(SignInRequired, PolicyRequiredMixin, View):
    """A POST from the applicant page's hiring-side forms: parse → service → back to the
    page (field errors re-render it with status 400)."""

    form_class: type
    success_message = ""

    def post(self, request, application_id):
        form = self.form_class(request.POST)
        if form.is_valid():
            try:
                self.act(application_id, form.cleaned_data)
                messages.success(request, self.success_message)
                return redirect("applications:detail", application_id=application_id)
            except ApplicationNotFound as exc:
                raise Http404 from exc
            except NotAllowed as exc:
                raise PermissionDenied from exc
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.detail)
        return self.invalid(request, application_id, form)

    def act(self, application_id, data):
        """The service call each form stands for; every subclass names its own."""
        raise NotImplementedError(f"{type(self).__name__} must define act()")

    def invalid(self, request, application_id, form):
        view = ApplicationDetailView(request=request, kwargs={"application_id": application_id})
        context = view.get_context_data(**{self.context_name: form})
        return render(request, view.template_name, context, status=400)


class ApplicationNoteAddView(_HiringActionView):
    policy = can_add_private_note
    form_class = PrivateNoteForm
    context_name = "note_form"
    success_message = _("Private note saved.")

    def act(self, application_id, data):
        services.private_note_add(
            application_id=application_id, author=self.request.user, body=data["body"]
        )


class ApplicationRateView(_HiringActionView):
    policy = can_add_private_note
    form_class = RatingForm
    context_name = "rating_form"
    success_message = _("Rating saved.")

    def act(self, application_id, data):
        services.applicant_rate(
            application_id=application_id, rater=self.request.user, score=data["score"]
        )


class ApplicationMessageView(_HiringActionView):
    policy = can_message_applicant
    form_class = MessageForm
    context_name = "message_form"
    success_message = _("Message sent to the applicant.")

    def act(self, application_id, data):
        services.applicant_message_send(
            application_id=application_id, sender=self.request.user, **data
        )


class ApplicationResumeView(SignInRequired, View):
    def get(self, request, application_id):
        try:
            application = selectors.application_get_visible(
                user=request.user, application_id=application_id, timeline=False
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
