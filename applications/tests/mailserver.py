"""A stand-in for the outside mail server: Django's locmem backend that can be "down"."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend


class MailServer:
    down = False
    attempts = 0


class FlakyEmailBackend(EmailBackend):
    def send_messages(self, messages):
        MailServer.attempts += 1
        if MailServer.down:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)
