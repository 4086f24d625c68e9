"""Pages of the jobseeker's own data (POL-AP-006): parse → service → render."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from accounts.permissions import PolicyRequiredMixin
from candidates import selectors, services
from candidates.exceptions import StoredResumeNotFound
from candidates.forms import ProfileForm, StoredResumeForm, replace_error
from candidates.models import MAX_STORED_RESUMES
from candidates.policies import can_edit_profile, can_manage_resumes
from candidates.resumes import (
    EXTENSIONS,
    attachment_response,
    body_too_large,
    install_size_limit,
    raise_if_too_large,
    too_large_message,
)
from jobboard.errors import DomainError

PROFILE_TEMPLATE = "candidates/profile.html"


def render_profile(request, *, form=None, resume_form=None, status=200):
    profile = selectors.profile_get(user=request.user)
    resumes = list(selectors.stored_resume_list(user=request.user))
    context = {
        "form": form or ProfileForm(instance=profile),
        "resume_form": resume_form or StoredResumeForm(),
        "resumes": resumes,
        "max_resumes": MAX_STORED_RESUMES,
        "may_add_resume": len(resumes) < MAX_STORED_RESUMES,
    }
    return render(request, PROFILE_TEMPLATE, context, status=status)


class ProfileView(PolicyRequiredMixin, View):
    """The profile form and the stored résumés on one page."""

    policy = can_edit_profile

    def get(self, request):
        return render_profile(request)

    def post(self, request):
        form = ProfileForm(request.POST, instance=selectors.profile_get(user=request.user))
        if not form.is_valid():
            return render_profile(request, form=form, status=400)
        try:
            services.profile_update(user=request.user, **form.changes())
        except DomainError as exc:
            replace_error(form, exc.field, exc.detail)
            return render_profile(request, form=form, status=exc.status)
        messages.success(request, _("Your profile was saved."))
        return redirect("candidates:profile")


@method_decorator(csrf_exempt, name="dispatch")
class StoredResumeAddView(PolicyRequiredMixin, View):
    policy = can_manage_resumes

    def dispatch(self, request, *args, **kwargs):
        # As on the apply form: the size limit is installed before anything reads the body,
        # the CSRF check included (POL-AP-002).
        install_size_limit(request)
        if (
            request.method == "POST"
            and body_too_large(request)
            and can_manage_resumes(request.user)
        ):
            form = StoredResumeForm(data={})
            form.is_valid()
            replace_error(form, "resume", too_large_message())
            return render_profile(request, resume_form=form, status=413)
        return csrf_protect(super().dispatch)(request, *args, **kwargs)

    def post(self, request):
        form = StoredResumeForm(request.POST, request.FILES)
        valid = form.is_valid()
        try:
            raise_if_too_large(request)
            if valid:
                services.stored_resume_add(
                    user=request.user,
                    resume=form.cleaned_data["resume"],
                    title=form.cleaned_data["title"],
                    make_default=form.cleaned_data["make_default"],
                )
                messages.success(request, _("Your résumé was saved."))
                return redirect("candidates:profile")
        except DomainError as exc:
            replace_error(form, exc.field, exc.detail)
            return render_profile(request, resume_form=form, status=exc.status)
        return render_profile(request, resume_form=form, status=400)


class StoredResumeDeleteView(PolicyRequiredMixin, View):
    policy = can_manage_resumes

    def post(self, request, resume_id):
        try:
            services.stored_resume_delete(user=request.user, resume_id=resume_id)
        except StoredResumeNotFound as exc:
            raise Http404 from exc
        messages.success(request, _("The résumé was deleted."))
        return redirect("candidates:profile")


class StoredResumeDefaultView(PolicyRequiredMixin, View):
    policy = can_manage_resumes

    def post(self, request, resume_id):
        try:
            services.stored_resume_set_default(user=request.user, resume_id=resume_id)
        except StoredResumeNotFound as exc:
            raise Http404 from exc
        messages.success(request, _("This is now your default résumé."))
        return redirect("candidates:profile")


class StoredResumeFileView(PolicyRequiredMixin, View):
    policy = can_manage_resumes

    def get(self, request, resume_id):
        try:
            return stored_resume_download(user=request.user, resume_id=resume_id)
        except StoredResumeNotFound as exc:
            raise Http404 from exc


def stored_resume_download(*, user, resume_id):
    """The page's and the API's download of one's own stored résumé."""
    resume, handle = services.stored_resume_open(user=user, resume_id=resume_id)
    return attachment_response(
        handle=handle,
        content_type=resume.content_type,
        filename=f"resume-{resume.pk}.{EXTENSIONS[resume.content_type]}",
    )
