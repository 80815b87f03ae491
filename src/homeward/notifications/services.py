"""Telling the people who must know about a change for a child, and keeping a record of what was shared.

Other apps call `notify` (everyone: the agencies involved on that date, the IRO and the team's managers)
or `flag_to_manager` (the managers only), inside their own transaction: the notifications, the queued
emails and the sharing log are written with the change or not at all. Emails are never sent here; the
worker (`python -m homeward worker`) sends what is due with `send_due_emails`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from homeward.base.people import name_of
from homeward.children.models import Child
from homeward.notifications import selectors
from homeward.notifications.models import Channel, Notification, OutboxEmail, SharingRecord, ToldAs
from homeward.organisation.models import Agency, Role, StaffProfile

log = logging.getLogger(__name__)

# Why information about a child is shared when where they live changes, and on what basis: the
# defaults a move uses (Working Together to Safeguard Children 2023 asks for both to be recorded).
PURPOSE_SAFEGUARDING = "So that everyone working with the child knows where they live and can keep them safe"
BASIS_SAFEGUARDING = (
    "Children Act 1989 (ss 17, 22 and 47); UK GDPR Article 6(1)(e) public task and Article 9(2)(g) "
    "substantial public interest (Data Protection Act 2018, Schedule 1, safeguarding of children)"
)

# After a failed send the next try waits longer each time; after the last the email is kept as failed.
RETRY_DELAYS = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2))
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1


@dataclass(frozen=True)
class _Recipient:
    told_as: str
    user: AbstractBaseUser | None = None
    agency: Agency | None = None


def _managers(child: Child) -> list[StaffProfile]:
    return list(
        StaffProfile.objects.filter(role=Role.TEAM_MANAGER, user__is_active=True)
        .filter(Q(managed_teams=child.team_id) | Q(team=child.team_id))
        .select_related("user")
        .distinct()
        .order_by("user__username")
    )


def _recipients(child: Child, on: date, *, managers_only: bool) -> list[_Recipient]:
    """Each agency involved on `on` (its named contact, by email) and each of its Homeward users, the
    IRO and the team's managers; a user is told once, in the first of those capacities."""
    found: list[_Recipient] = []
    if not managers_only:
        agencies = selectors.involved_agencies(child, on)
        partners = (
            StaffProfile.objects.filter(
                role=Role.PARTNER, agency__in=[a.pk for a in agencies], user__is_active=True
            )
            .select_related("user")
            .order_by("user__username")
        )
        by_agency: dict[int, list[StaffProfile]] = {}
        for profile in partners:
            by_agency.setdefault(profile.agency_id or 0, []).append(profile)
        for agency in agencies:
            found.append(_Recipient(ToldAs.AGENCY, agency=agency))
            found += [_Recipient(ToldAs.AGENCY, p.user, agency) for p in by_agency.get(agency.pk, [])]
        if child.iro is not None and child.iro.is_active:
            found.append(_Recipient(ToldAs.IRO, child.iro))
    found += [_Recipient(ToldAs.MANAGER, p.user) for p in _managers(child)]
    seen: set[int] = set()
    unique: list[_Recipient] = []
    for recipient in found:
        if recipient.user is not None:
            if recipient.user.pk in seen:
                continue
            seen.add(recipient.user.pk)
        unique.append(recipient)
    return unique


def site_url(link: str) -> str:
    """`link` (a path in Homeward) as an address to follow from an email."""
    return settings.HOMEWARD_SITE_URL.rstrip("/") + "/" + link.lstrip("/")


def queue_email(
    *,
    to_address: str,
    to_name: str,
    subject: str,
    body: str,
    child: Child | None = None,
    now: datetime | None = None,
) -> OutboxEmail:
    """Put an email in the outbox, in the caller's transaction; the worker sends it (`send_due_emails`)."""
    now = now or timezone.now()
    return OutboxEmail.objects.create(
        child=child,
        to_address=to_address,
        to_name=to_name,
        subject=subject,
        body=body,
        created_at=now,
        next_attempt_at=now,
    )


def email_for(child: Child, *, summary: str, on: date, link: str, to_name: str) -> tuple[str, str]:
    """The subject and body of an agency's email: who, what changed and a link, never the case file.
    The subject names no one, as it is shown in inboxes and previews."""
    subject = "Homeward: a change for a child your agency works with"
    body = (
        f"Dear {to_name or 'colleague'},\n\n"
        f"This is to let you know of a change for {child.full_name} "
        f"(born {child.date_of_birth:%-d %B %Y}), a child your agency works with.\n\n"
        f"On {on:%-d %B %Y}: {summary}\n\n"
        f"Please sign in to Homeward to see what has been shared with your agency:\n{site_url(link)}\n\n"
        f"{settings.HOMEWARD_EMAIL_SIGNATURE}\n"
    )
    return subject, body


def notify(
    child: Child,
    *,
    event: str,
    summary: str,
    on: date,
    link: str,
    purpose: str = PURPOSE_SAFEGUARDING,
    basis: str = BASIS_SAFEGUARDING,
    actor: AbstractBaseUser | None,
    actor_name: str = "",
    managers_only: bool = False,
    now: datetime | None = None,
) -> list[Notification]:
    """Tell everyone who must know of a change for `child` on the date `on`, and log what was shared.

    - every agency involved with the child on `on` (never one not involved then): an email to its
      named contact (`Agency.contact_email`) queued in the outbox, and an in-app notification for each
      of its Homeward users;
    - the child's IRO, and the managers of the child's team: an in-app notification.

    With `managers_only` only the managers are told (an event they must hear of at once, e.g. an
    unplanned return): see `flag_to_manager`. `event` is a short name of what happened (e.g.
    "return_home"), `summary` the one or two lines each recipient reads (who, what changed: never the
    case file), `link` the page in Homeward (a path). `purpose` and `basis` are recorded, with the
    recipient and `actor`, in a `SharingRecord` for each recipient. Runs in the caller's transaction
    (atomic on its own when there is none); the emails leave later, through the worker. `now` is when
    it was shared (the clock, unless a demo or test says otherwise). Returns the in-app notifications
    made; a refusal (a blank summary, purpose or basis, a date in the future) is a `ValidationError`
    naming the field, and nothing is written.
    """
    for field, value in (("summary", summary), ("event", event), ("purpose", purpose), ("basis", basis)):
        if not value.strip():
            raise ValidationError({field: f"Enter the {field} of what is shared."})
    if on > timezone.localdate():
        raise ValidationError({"on": "The date of the change cannot be in the future."})
    now = now or timezone.now()
    by_name = actor_name or (name_of(actor) if actor is not None else "Homeward")
    made: list[Notification] = []
    shared = {
        "child": child,
        "event": event,
        "what": summary,
        "happened_on": on,
        "shared_at": now,
        "purpose": purpose,
        "basis": basis,
        "shared_by": actor,
        "shared_by_name": by_name,
    }
    with transaction.atomic():
        for recipient in _recipients(child, on, managers_only=managers_only):
            if recipient.user is None:
                agency = recipient.agency
                assert agency is not None
                if not agency.contact_email:
                    # Nobody to write to: its users (if any) are told in Homeward; the record page lists
                    # the agency's contact as missing (`agencies_without_contact`).
                    continue
                subject, body = email_for(
                    child, summary=summary, on=on, link=link, to_name=agency.contact_name
                )
                email = queue_email(
                    child=child,
                    to_address=agency.contact_email,
                    to_name=agency.contact_name,
                    subject=subject,
                    body=body,
                    now=now,
                )
                SharingRecord.objects.create(
                    **shared,
                    told_as=recipient.told_as,
                    agency=agency,
                    person_name=agency.contact_name or agency.contact_email,
                    channel=Channel.EMAIL,
                    email=email,
                )
                continue
            notification = Notification.objects.create(
                child=child,
                recipient_id=recipient.user.pk,
                event=event,
                summary=summary,
                happened_on=on,
                link=link,
                created_at=now,
            )
            SharingRecord.objects.create(
                **shared,
                told_as=recipient.told_as,
                agency=recipient.agency,
                person_id=recipient.user.pk,
                person_name=name_of(recipient.user),
                channel=Channel.IN_APP,
                notification=notification,
            )
            made.append(notification)
    return made


def flag_to_manager(
    child: Child,
    *,
    event: str,
    summary: str,
    on: date,
    link: str,
    purpose: str = "So that the team manager can act at once",
    basis: str = BASIS_SAFEGUARDING,
    actor: AbstractBaseUser | None,
    actor_name: str = "",
    now: datetime | None = None,
) -> list[Notification]:
    """Tell only the managers of the child's team, at once (e.g. an unplanned return home); logged as
    `notify` logs."""
    return notify(
        child,
        event=event,
        summary=summary,
        on=on,
        link=link,
        purpose=purpose,
        basis=basis,
        actor=actor,
        actor_name=actor_name,
        managers_only=True,
        now=now,
    )


def acknowledge(notification: Notification, user: AbstractBaseUser, *, now: datetime | None = None) -> bool:
    """The addressee has read `notification`. Only its addressee may acknowledge it; acknowledging it
    again keeps the first time (a single conditional update, so two tabs cannot both record it).
    Returns whether this call recorded it."""
    if notification.recipient_id != user.pk:
        raise ValidationError("Only the person a notification is addressed to can acknowledge it.")
    now = now or timezone.now()
    done = Notification.objects.filter(pk=notification.pk, acknowledged_at__isnull=True).update(
        acknowledged_at=now, acknowledged_by=user
    )
    notification.refresh_from_db(fields=["acknowledged_at", "acknowledged_by"])
    return bool(done)


def _retry_at(attempts: int, now: datetime) -> datetime | None:
    """When to try again after `attempts` failed tries (None: give up)."""
    if attempts >= MAX_ATTEMPTS:
        return None
    return now + RETRY_DELAYS[attempts - 1]


def _claim_one(now: datetime) -> OutboxEmail | None:
    due = OutboxEmail.objects.filter(
        sent_at__isnull=True, gave_up_at__isnull=True, next_attempt_at__lte=now
    ).order_by("next_attempt_at", "id")
    if connection.features.has_select_for_update_skip_locked:
        # Another worker's row (being sent now) is skipped, not waited for and never sent twice.
        due = due.select_for_update(skip_locked=True)
    return due.first()


def send_due_emails(now: datetime | None = None, *, limit: int = 100) -> tuple[int, int]:
    """Send the outbox's due emails through Django's email framework; returns (sent, failed).

    Each email is claimed, sent and marked in its own transaction, holding its row locked while it is
    sent, so a second worker skips it and a sent email is recorded as soon as it has left. A failure
    records the error and schedules another try (`RETRY_DELAYS`); after `MAX_ATTEMPTS` the email is
    kept, marked as failed, never deleted.
    """
    now = now or timezone.now()
    sent = failed = 0
    for _ in range(limit):
        with transaction.atomic():
            email = _claim_one(now)
            if email is None:
                break
            email.attempts += 1
            try:
                EmailMessage(
                    email.subject, email.body, settings.DEFAULT_FROM_EMAIL, [email.to_address]
                ).send()
            except Exception as error:  # any backend's failure: kept, retried later
                log.warning("Email %s to %s not sent: %s", email.pk, email.to_address, error)
                email.last_error = f"{type(error).__name__}: {error}"[:2000]
                retry = _retry_at(email.attempts, now)
                if retry is None:
                    email.gave_up_at = now
                else:
                    email.next_attempt_at = retry
                failed += 1
            else:
                email.sent_at = now
                email.last_error = ""
                sent += 1
            email.save(update_fields=["attempts", "last_error", "next_attempt_at", "sent_at", "gave_up_at"])
    return sent, failed
