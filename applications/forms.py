from django import forms
from django.utils.translation import gettext_lazy as _

from applications.models import BOARD_STAGES, Stage
from candidates.forms import resume_file_field
from jobboard.limits import LETTER_MAX_CHARS, NOTE_MAX_CHARS


class ApplyForm(forms.Form):
    """Apply with a stored résumé (POL-AP-006) or a new upload (POL-AP-002). With stored
    résumés the default one is chosen already; choosing "a new file" needs the file."""

    NEW_FILE = ""

    stored_resume = forms.TypedChoiceField(
        label=_("Résumé"), coerce=int, empty_value=None, required=False, widget=forms.RadioSelect
    )
    resume = resume_file_field(required=False)
    cover_letter = forms.CharField(
        label=_("Cover letter"),
        required=False,
        max_length=LETTER_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def __init__(self, *args, stored_resumes=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(resume.pk, resume.title) for resume in stored_resumes]
        if choices:
            self.fields["stored_resume"].choices = [*choices, (self.NEW_FILE, _("A new file"))]
            default = next((r.pk for r in stored_resumes if r.is_default), choices[0][0])
            self.fields["stored_resume"].initial = default
            self.fields["resume"].label = _("New résumé (PDF or DOCX, up to 5 MB)")
        else:
            del self.fields["stored_resume"]

    def clean(self):
        cleaned = super().clean()
        if (
            not cleaned.get("stored_resume")
            and not cleaned.get("resume")
            and "resume" not in self.errors
        ):
            self.add_error("resume", forms.Field.default_error_messages["required"])
        return cleaned

    def submission(self) -> dict[str, object]:
        """The keyword arguments of application_submit / application_submit_stored."""
        data = {"cover_letter": self.cleaned_data["cover_letter"]}
        if self.cleaned_data.get("stored_resume"):
            return {**data, "resume_id": self.cleaned_data["stored_resume"]}
        return {**data, "resume": self.cleaned_data["resume"]}


class MoveForm(forms.Form):
    stage = forms.ChoiceField(label=_("Move to"), choices=Stage.choices)
    note = forms.CharField(label=_("Note"), required=False, max_length=NOTE_MAX_CHARS)

    def __init__(self, *args, targets=None, **kwargs):
        super().__init__(*args, **kwargs)
        if targets is not None:
            self.fields["stage"].choices = [
                (stage.value, stage.label) for stage in BOARD_STAGES if stage in targets
            ]


class WithdrawForm(forms.Form):
    note = forms.CharField(label=_("Reason (optional)"), required=False, max_length=NOTE_MAX_CHARS)
