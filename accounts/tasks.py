"""Background work of accounts: the password-reset email (POL-PRIV-001)."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks import task

from accounts.models import User


@task()
def password_reset_email_send(email: str, language: str) -> bool:
    """Email a reset link if an active account has this address; nothing otherwise. The
    request that queued this answered the same either way (no enumeration, POL-A-005), and
    the link is made here, so the queue never holds it. Returns whether a message was sent.
    Running twice sends two links, both valid until one of them is used."""
    user = User.objects.filter(email=email, is_active=True).first()
    if user is None:
        return False
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("accounts:password_reset_confirm", args=[uid, token])
    context = {
        "link": settings.SITE_URL.rstrip("/") + path,
        "hours": max(1, settings.PASSWORD_RESET_TIMEOUT // 3600),
    }
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_to_string("accounts/email/password_reset_subject.txt", context)
        message = EmailMultiAlternatives(
            subject=" ".join(subject.split()),
            body=render_to_string("accounts/email/password_reset.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[user.email],
        )
        message.attach_alternative(
            render_to_string("accounts/email/password_reset.html", context), "text/html"
        )
    message.send()
    return True
