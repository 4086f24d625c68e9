"""The pages of a job's lifecycle (POL-J-008): publish, close and reopen each ask for
confirmation on a page of their own — a GET shows the question, a POST with `confirm=yes`
acts — so the step works without JavaScript; static/js/confirm.js shows the same page's
form in a <dialog> when scripts run. Copy makes a new draft at once, and asks a question
only when the original's deadline has passed (the copy's deadline)."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from accounts.permissions import PolicyRequiredMixin
from accounts.views import safe_next
from jobboard.errors import DomainError
from jobs.forms import CopyDeadlineForm
from jobs.models import JobAction
from jobs.policies import can_close_job, can_copy_job, can_publish_job, can_reopen_job
from jobs.rules import copy_deadline_errors, deadline_errors, reopen_deadline_errors
from jobs.services import job_close, job_copy, job_publish, job_reopen
from jobs.views import OwnedJobMixin


class ReopenForm(forms.Form):
    deadline = forms.DateField(
        label=gettext_lazy("New deadline"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deadline"].widget.attrs["min"] = timezone.localdate().isoformat()

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        for message in reopen_deadline_errors(deadline=deadline).values():
            raise forms.ValidationError(message)
        return deadline


class _ConfirmedActionView(OwnedJobMixin, PolicyRequiredMixin, View):
    """GET: the question (and the form, if the action needs input). POST: act only when the
    confirmation button sent `confirm=yes`; any other POST shows the question again."""

    template_name = "jobs/confirm.html"
    action: str
    form_class: type[forms.Form] | None = None
    question: str | Promise  # the heading ("…할까요?")
    consequence: str | Promise  # what happens, in one or two sentences
    button: str | Promise  # lazy translations

    def back(self) -> str:
        return safe_next(self.request, reverse("jobs:mine"))

    def blocker(self) -> str:
        """Why the action cannot happen now (shown instead of the button), or ""."""
        if not self.job.allows(self.action):
            return _("This job cannot be changed this way in its current state.")
        return ""

    def render_question(self, form=None, *, error="", status=200):
        blocker = self.blocker()
        context = {
            "job": self.job,
            "action": self.action,
            "question": self.question,
            "consequence": self.consequence,
            "button": self.button,
            "form": form,
            "blocked": bool(blocker),
            "error": error or blocker,
            "next": self.back(),
        }
        return render(self.request, self.template_name, context, status=status)

    def get_form_class(self) -> type[forms.Form] | None:
        return self.form_class

    def get(self, request, pk):
        form_class = self.get_form_class()
        return self.render_question(form_class() if form_class else None)

    def post(self, request, pk):
        form_class = self.get_form_class()
        form = form_class(request.POST) if form_class else None
        if request.POST.get("confirm") != "yes":
            return self.render_question(form)
        return self.confirmed(form)

    def confirmed(self, form):
        if form is not None and not form.is_valid():
            return self.render_question(form, status=400)
        try:
            self.act(form.cleaned_data if form is not None else {})
        except DomainError as exc:
            if form is not None and exc.field in form.fields:
                form.add_error(exc.field, exc.detail)
                return self.render_question(form, status=exc.status)
            return self.render_question(form, error=exc.detail, status=exc.status)
        messages.success(self.request, self.done_message())
        return redirect(self.done_url())

    def done_url(self) -> str:
        return self.back()


class JobPublishView(_ConfirmedActionView):
    policy = can_publish_job
    action = JobAction.PUBLISH
    question = gettext_lazy("Publish the job?")
    consequence = gettext_lazy("Once published, everyone can find the job and apply.")
    button = gettext_lazy("Publish")

    def blocker(self) -> str:
        problems = deadline_errors(deadline=self.job.deadline)
        if self.job.allows(self.action) and problems:
            return problems["deadline"]
        return super().blocker()

    def act(self, data):
        job_publish(job=self.job, user=self.request.user)

    def done_message(self):
        return _("The job is published.")


class JobCloseView(_ConfirmedActionView):
    policy = can_close_job
    action = JobAction.CLOSE
    question = gettext_lazy("Close the job?")
    consequence = gettext_lazy(
        "A closed job leaves every list and search and takes no more applications. "
        "The applications it has are kept."
    )
    button = gettext_lazy("Close the job")

    def act(self, data):
        job_close(job=self.job, user=self.request.user)

    def done_message(self):
        return _("The job is closed. Its applications are kept.")


class JobReopenView(_ConfirmedActionView):
    policy = can_reopen_job
    action = JobAction.REOPEN
    form_class = ReopenForm
    question = gettext_lazy("Reopen the job?")
    consequence = gettext_lazy(
        "The job is published again until the new deadline. The applications it has are kept."
    )
    button = gettext_lazy("Reopen")

    def act(self, data):
        job_reopen(job=self.job, user=self.request.user, deadline=data["deadline"])

    def done_message(self):
        return _("The job is open again until its new deadline.")


class JobCopyView(_ConfirmedActionView):
    """A new draft with this job's content, opened for editing (POL-J-008). The copy button
    posts here and copies at once — unless the original's deadline has passed: then this
    page asks for the copy's deadline (a date or 상시채용) first, rather than assuming one."""

    policy = can_copy_job
    action = "copy"
    question = gettext_lazy("Copy the job?")
    consequence = gettext_lazy(
        "The copy is a new draft with this job's content, without its applications or paid "
        "options. The original's deadline has passed: choose the copy's deadline."
    )
    button = gettext_lazy("Copy")

    def get_form_class(self) -> type[forms.Form] | None:
        return CopyDeadlineForm if copy_deadline_errors(original=self.job.deadline) else None

    def blocker(self) -> str:
        return ""  # any job may be copied

    def post(self, request, pk):
        if self.get_form_class() is None:  # nothing to choose: copy at once
            return self.confirmed(None)
        if request.POST.get("confirm") != "yes":  # the copy button: ask for the deadline
            return self.get(request, pk)
        return super().post(request, pk)

    def act(self, data):
        if "deadline" in data:
            self.copy = job_copy(job=self.job, user=self.request.user, deadline=data["deadline"])
        else:
            self.copy = job_copy(job=self.job, user=self.request.user)

    def done_message(self):
        return _("A copy is saved as a draft. Check it, then publish it.")

    def done_url(self) -> str:
        return reverse("jobs:edit", args=[self.copy.pk])
