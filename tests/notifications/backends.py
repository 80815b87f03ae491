"""An email backend whose mail server is down, for the outbox's retry tests."""

from __future__ import annotations

import smtplib
from collections.abc import Sequence
from typing import Any

from django.core.mail.backends.base import BaseEmailBackend

ERROR = "Connection refused by the mail server"


class DownBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Sequence[Any]) -> int:
        raise smtplib.SMTPException(ERROR)


class OneAddressDownBackend(BaseEmailBackend):
    """Refuses mail to addresses that start with "down" and keeps the rest in `django.core.mail.outbox`."""

    def send_messages(self, email_messages: Sequence[Any]) -> int:
        from django.core import mail

        for message in email_messages:
            if message.to[0].startswith("down"):
                raise smtplib.SMTPRecipientsRefused({message.to[0]: (550, b"No such mailbox")})
            mail.outbox.append(message)
        return len(email_messages)
