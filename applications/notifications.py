"""What a notification says (POL-AP-004), in the reader's language: the text is rendered
when shown, from `kind` and `params`, so a Korean reader and an English reader of the same
row each get their own words. Stage names come from the message catalog (locale/); the
sentences live here and in templates/applications/email/{ko,en}/."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import get_language

from applications.models import Notification, NotificationKind, Stage

TEXTS = {
    "ko": {
        NotificationKind.NEW_APPLICATION: "{applicant} 님이 “{job}”에 지원했습니다.",
        NotificationKind.APPLIED: "“{job}”에 지원했습니다. 진행 상황은 지원 내역에 있습니다.",
        NotificationKind.STAGE_CHANGED: "“{job}” 지원이 {stage} 단계로 바뀌었습니다.",
        NotificationKind.MESSAGE: "“{job}” 지원에 새 메시지가 있습니다: {subject}",
        NotificationKind.ORDER_REFUNDED: (
            "“{order}” 주문에서 {amount}원이 환불되었습니다 "
            "(환불 합계 {refunded}원 / 결제 {total}원)."
        ),
        NotificationKind.SAVED_JOB_DEADLINE: "스크랩한 “{job}” 공고가 {days}일 후 마감됩니다.",
    },
    "en": {
        NotificationKind.NEW_APPLICATION: "{applicant} applied to “{job}”.",
        NotificationKind.APPLIED: "You applied to “{job}”. Follow it in your applications.",
        NotificationKind.STAGE_CHANGED: "Your application to “{job}” moved to {stage}.",
        NotificationKind.MESSAGE: "A message about your application to “{job}”: {subject}",
        NotificationKind.ORDER_REFUNDED: (
            "{amount} KRW of your order “{order}” was refunded ({refunded} of {total} KRW in all)."
        ),
        NotificationKind.SAVED_JOB_DEADLINE: "“{job}”, a job you saved, closes in {days} day(s).",
    },
}


def _language(language: str | None = None) -> str:
    return "en" if (language or get_language() or "ko").startswith("en") else "ko"


def stage_name(stage: str, language: str | None = None) -> str:
    """The stage's label from the message catalog (locale/), the same words the board shows."""
    if stage not in Stage.values:
        return stage
    with translation.override(_language(language)):
        return str(Stage(stage).label)


def notification_text(notification: Notification, language: str | None = None) -> str:
    language = _language(language)
    params = notification.params
    return TEXTS[language][NotificationKind(notification.kind)].format(
        applicant=params.get("applicant", ""),
        job=params.get("job", ""),
        stage=stage_name(params.get("to_stage", ""), language),
        subject=params.get("subject", ""),
        order=params.get("order", ""),
        **{won: f"{params.get(won, 0):,}" for won in ("amount", "refunded", "total")},
        days=params.get("days", ""),
    )


def build_email(notification: Notification) -> EmailMultiAlternatives:
    """The email of a notification, from templates/applications/email/<language>/, in the
    language the notification was created for (Korean by default)."""
    language = _language(notification.params.get("language") or settings.LANGUAGE_CODE)
    params = notification.params
    context = {
        "params": params,
        "link": settings.SITE_URL.rstrip("/") + notification.link,
        **{
            f"{which}_stage_{lang}": stage_name(params.get(f"{which}_stage", ""), lang)
            for which in ("from", "to")
            for lang in ("ko", "en")
        },
    }
    base = f"applications/email/{language}/{notification.kind}"
    subject = render_to_string(f"{base}_subject.txt", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=render_to_string(f"{base}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notification.user.email],
        headers={"X-Jobboard-Notification": str(notification.pk)},
    )
    message.attach_alternative(render_to_string(f"{base}.html", context), "text/html")
    return message
