from django import forms
from django.utils.translation import gettext_lazy as _

from applications.models import BOARD_STAGES, RATING_MAX, RATING_MIN, MessageTemplate, Stage
from candidates.forms import resume_file_field
from jobboard.limits import LETTER_MAX_CHARS, NOTE_MAX_CHARS

PRIVATE_NOTE_HELP = _(
    "Only your company's recruiters and admins read it; the applicant never does."
)


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
    # POL-AP-007: what the job's side writes with a move is a private note; a message to the
    # applicant is its own form (MessageForm).
    note = forms.CharField(
        label=_("Private note"),
        required=False,
        max_length=NOTE_MAX_CHARS,
        help_text=PRIVATE_NOTE_HELP,
    )

    def __init__(self, *args, targets=None, **kwargs):
        super().__init__(*args, **kwargs)
        if targets is not None:
            self.fields["stage"].choices = [
                (stage.value, stage.label) for stage in BOARD_STAGES if stage in targets
            ]


class WithdrawForm(forms.Form):
    note = forms.CharField(label=_("Reason (optional)"), required=False, max_length=NOTE_MAX_CHARS)


class BulkMoveForm(forms.Form):
    """The board's bulk move (POL-AP-003): the selected cards, one stage, one private note."""

    applications = forms.TypedMultipleChoiceField(coerce=int, choices=())
    stage = forms.ChoiceField(label=_("Move the selected applicants to"), choices=())
    note = forms.CharField(
        label=_("Private note"),
        required=False,
        max_length=NOTE_MAX_CHARS,
        help_text=PRIVATE_NOTE_HELP,
    )

    def __init__(self, *args, application_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applications"].choices = [(pk, pk) for pk in application_ids]
        self.fields["applications"].error_messages["required"] = _("Select at least one applicant.")
        # The applicant's own move (withdrawn) is never the job side's to make.
        self.fields["stage"].choices = [
            (stage.value, stage.label) for stage in BOARD_STAGES if stage != Stage.WITHDRAWN
        ]


class _OwnIds(forms.Form):
    """The applicant page holds several of these forms: each gets its own element ids
    (`auto_id`) so every label points at its own field; the posted names stay plain."""

    id_prefix = ""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"{self.id_prefix}-%s")
        super().__init__(*args, **kwargs)


class PrivateNoteForm(_OwnIds):
    id_prefix = "note"
    body = forms.CharField(
        label=_("Private note"),
        max_length=NOTE_MAX_CHARS,
        help_text=PRIVATE_NOTE_HELP,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RatingForm(_OwnIds):
    id_prefix = "rating"
    score = forms.TypedChoiceField(
        label=_("Rating"),
        coerce=int,
        choices=[(score, str(score)) for score in range(RATING_MIN, RATING_MAX + 1)],
        widget=forms.RadioSelect,
        help_text=PRIVATE_NOTE_HELP,
    )


class MessageForm(_OwnIds):
    """A message to the applicant (POL-AP-007): a template, or words of one's own, or a
    template's subject with one's own body; the applicant reads it in the timeline and by
    email."""

    id_prefix = "message"
    template = forms.ModelChoiceField(
        label=_("Template"),
        queryset=MessageTemplate.objects.filter(active=True),
        required=False,
        empty_label=_("(no template)"),
    )
    subject = forms.CharField(label=_("Subject"), required=False, max_length=150)
    body = forms.CharField(
        label=_("Message"),
        required=False,
        max_length=LETTER_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Left empty, the template's text is sent. The applicant sees it."),
    )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("template") and not (cleaned.get("body") or "").strip():
            self.add_error("body", _("Write a message or choose a template."))
        return cleaned
