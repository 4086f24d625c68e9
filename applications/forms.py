from django import forms
from django.utils.translation import gettext_lazy as _

from applications.models import BOARD_STAGES, Stage
from jobboard.limits import LETTER_MAX_CHARS, NOTE_MAX_CHARS


class ApplyForm(forms.Form):
    resume = forms.FileField(
        label=_("Résumé (PDF or DOCX, up to 5 MB)"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".pdf,.docx,application/pdf,"
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
        ),
    )
    cover_letter = forms.CharField(
        label=_("Cover letter"),
        required=False,
        max_length=LETTER_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 8}),
    )


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
