"""Changes to staff accounts, teams and agencies. Each is one transaction and writes its audit event.

Accounts are deactivated, never deleted: audit events point at the people who made them (and deleting
an account that has any is refused, `AuditEvent.user`). Each change is audited as "what: before → after"
in words. The rules:

- a social worker or team manager belongs to a team; only a team manager manages teams;
- a partner agency worker belongs to one agency (and has no team);
- an administrator may neither deactivate their own account nor take away their own administrator
  role, so there is always someone left who can manage users;
- someone who is not an administrator never keeps Django's staff or superuser flags (the admin, when it
  is switched on at all, is read-only and for a command-line superuser: homeward.access.admin_site).
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.models import User
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from homeward.access import audit, lockout
from homeward.access.models import AuditAction, AuditEvent
from homeward.base.concurrency import claim_new
from homeward.base.people import name_of
from homeward.notifications.services import queue_email, site_url
from homeward.organisation.models import Agency, Role, StaffProfile, Team

NEEDS_TEAM = frozenset({Role.SOCIAL_WORKER, Role.TEAM_MANAGER})


@dataclass
class Placement:
    """Where someone works: their role, team, the teams they manage and their agency."""

    role: str
    team: Team | None = None
    managed_teams: Iterable[Team] = field(default_factory=tuple)
    agency: Agency | None = None
    # Team managers only: may approve ending care for a child looked after 20 working days or more (reg 39).
    nominated_officer: bool = False
    # Anyone on the authority's staff (not a partner agency): answers subject access requests.
    data_protection_officer: bool = False
    phone: str = ""  # printed on the written agreement a family keeps

    def cleaned(self) -> Placement:
        """Check the rules for the role and drop what does not apply to it (a partner's team, say)."""
        errors: dict[str, str] = {}
        if self.role not in Role.values:
            errors["role"] = "Select a role"
        if self.role in NEEDS_TEAM and self.team is None:
            errors["team"] = f"Select the team of a {Role(self.role).label.lower()}"
        if self.role == Role.PARTNER and self.agency is None:
            errors["agency"] = "Select the agency of a partner agency worker"
        if errors:
            raise ValidationError(errors)
        return Placement(
            role=self.role,
            team=self.team if self.role in NEEDS_TEAM else None,
            managed_teams=tuple(self.managed_teams) if self.role == Role.TEAM_MANAGER else (),
            agency=self.agency if self.role == Role.PARTNER else None,
            nominated_officer=self.nominated_officer and self.role == Role.TEAM_MANAGER,
            data_protection_officer=self.data_protection_officer and self.role != Role.PARTNER,
            phone=self.phone.strip(),
        )


def _actor(request: HttpRequest) -> User | None:
    user = request.user
    return user if isinstance(user, User) and user.is_authenticated else None


def _is_self(request: HttpRequest, user: User) -> bool:
    actor = _actor(request)
    return actor is not None and actor.pk == user.pk


def _apply(user: User, placement: Placement) -> list[str]:
    """Save the placement; returns what changed, each as "what: before → after" in words."""
    profile = StaffProfile.objects.filter(user=user).first()
    before = _words(user, profile)
    profile = profile or StaffProfile(user=user, role=placement.role)
    profile.role = placement.role
    profile.team = placement.team
    profile.agency = placement.agency
    profile.nominated_officer = placement.nominated_officer
    profile.data_protection_officer = placement.data_protection_officer
    profile.phone = placement.phone
    profile.full_clean()
    profile.save()
    profile.managed_teams.set(list(placement.managed_teams))
    if placement.role != Role.ADMINISTRATOR and (user.is_staff or user.is_superuser):
        user.is_staff = user.is_superuser = False
        user.save(update_fields=["is_staff", "is_superuser"])
    after = _words(user, profile)
    return [
        f"{name}: {before.get(name, 'none')} → {value}"
        for name, value in after.items()
        if before.get(name, "none") != value
    ]


def _words(user: User, profile: StaffProfile | None) -> dict[str, str]:
    """An account's role, team, agency and flags in words, to say what a change changed."""
    flags = [name for name, on in (("staff", user.is_staff), ("superuser", user.is_superuser)) if on]
    words = {"Django admin flags": ", ".join(flags) or "none"}
    if profile is None:
        return {"role": "none", **words}
    managed = sorted(t.name for t in profile.managed_teams.all()) if profile.pk else []
    return {
        "role": Role(profile.role).label.lower(),
        "team": profile.team.name if profile.team else "none",
        "teams managed": ", ".join(managed) or "none",
        "agency": profile.agency.name if profile.agency else "none",
        "nominated officer": "yes" if profile.nominated_officer else "no",
        "data protection officer": "yes" if profile.data_protection_officer else "no",
        "work phone": profile.phone or "none",
        **words,
    }


def _record_changes(request: HttpRequest, user: User, changes: list[str]) -> None:
    """One audit event for the changes, or more when they would not fit in one: none is cut short."""
    head = f"staff account {user.get_username()}: "
    room = AuditEvent._meta.get_field("what").max_length - len(head)  # type: ignore[operator]
    lines: list[str] = []
    pieces = [
        piece for change in changes or ["saved with no change"] for piece in textwrap.wrap(change, room)
    ]
    for change in pieces:
        if lines and len("; ".join([*lines, change])) > room:
            audit.record(request, AuditAction.CHANGE, head + "; ".join(lines))
            lines = []
        lines.append(change)
    audit.record(request, AuditAction.CHANGE, head + "; ".join(lines))


def _describe(user: User, placement: Placement) -> str:
    officer = ", nominated officer" if placement.nominated_officer else ""
    officer += ", data protection officer" if placement.data_protection_officer else ""
    return f"{user.get_username()} as {Role(placement.role).label.lower()}{officer}"


@transaction.atomic
def create_account(
    request: HttpRequest,
    *,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    password: str,
    placement: Placement,
) -> User:
    """A new, active account in a role; the password must pass Django's validators."""
    UserModel = get_user_model()
    username = username.strip()
    user = UserModel(
        username=username, first_name=first_name.strip(), last_name=last_name.strip(), email=email.strip()
    )
    errors: dict[str, list[str]] = {}
    if UserModel.objects.filter(username__iexact=username).exists():
        errors["username"] = ["An account with this user name already exists; choose another"]
    try:
        user.full_clean(exclude=["password", "username"] if "username" in errors else ["password"])
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        errors["password"] = list(error.messages)
    try:
        placement = placement.cleaned()
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    user.set_password(password)
    user.save()
    _apply(user, placement)
    audit.record(request, AuditAction.CREATE, f"staff account: added {_describe(user, placement)}")
    return user


@transaction.atomic
def change_account(
    request: HttpRequest,
    user: User,
    *,
    placement: Placement,
    is_active: bool,
    edit_version: int | None = None,
) -> User:
    """Change someone's role, team, managed teams, agency, or deactivate (or reactivate) them. A form
    drawn before another administrator changed the account (`edit_version`) is refused."""
    placement = placement.cleaned()
    if _is_self(request, user):
        if not is_active:
            raise ValidationError({"is_active": "You cannot deactivate your own account"})
        if placement.role != Role.ADMINISTRATOR:
            raise ValidationError(
                {"role": "You cannot take away your own administrator role; ask another administrator"}
            )
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    claim_new(StaffProfile.objects.filter(user=user).first(), edit_version)
    changes = _apply(user, placement)
    if user.is_active != is_active:
        user.is_active = is_active
        user.save(update_fields=["is_active"])
        changes.append(
            "can sign in: no → yes (reactivated)" if is_active else "can sign in: yes → no (deactivated)"
        )
    _record_changes(request, user, changes)
    return user


@transaction.atomic
def reset_password(request: HttpRequest, user: User, password: str) -> None:
    """Set a new password (validated); their other sessions end with it."""
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password": list(error.messages)}) from error
    user.set_password(password)
    user.save(update_fields=["password"])
    audit.record(request, AuditAction.CHANGE, f"staff account: reset password of {user.get_username()}")


def _reset_email(user: User, link: str) -> tuple[str, str]:
    minutes = max(1, settings.PASSWORD_RESET_TIMEOUT // 60)
    body = (
        f"Dear {name_of(user)},\n\n"
        "Someone asked to reset the password of your Homeward account "
        f"(user name {user.get_username()}). To choose a new password, follow this link:\n"
        f"{site_url(link)}\n\n"
        f"The link works once, for {minutes} minutes. If you did not ask for it, you can ignore this email: "
        "your password has not changed. Tell your administrator if you keep getting these emails.\n\n"
        f"{settings.HOMEWARD_EMAIL_SIGNATURE}\n"
    )
    return "Homeward: reset your password", body


@transaction.atomic
def ask_for_password_reset(request: HttpRequest, email: str) -> int:
    """Queue a single-use, expiring link to each active account with this email address, for the worker
    to send. The audit event and the answer are the same whether or not there is one, so the page tells
    no one which addresses have accounts. Returns how many emails were queued (for tests, not the page)."""
    queued = 0
    for user in PasswordResetForm().get_users(email):
        uid = urlsafe_base64_encode(force_bytes(user.pk))
        link = reverse("password_reset_confirm", args=[uid, default_token_generator.make_token(user)])
        subject, body = _reset_email(user, link)
        queue_email(to_address=user.email, to_name=name_of(user), subject=subject, body=body)
        queued += 1
    audit.record(request, AuditAction.CREATE, "password reset: a link asked for by email")
    return queued


@transaction.atomic
def reset_password_by_link(request: HttpRequest, user: User, password: str) -> None:
    """Set the password chosen through an emailed link (checked by Django's token: the link is then
    spent). Their account's failed sign-ins are cleared: forgetting a password often ends in a lock-out."""
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"new_password1": list(error.messages)}) from error
    user.set_password(password)
    user.save(update_fields=["password"])
    lockout.clear_account(user.get_username())
    audit.record(
        request, AuditAction.CHANGE, f"staff account {user.get_username()}: password reset by emailed link"
    )


@transaction.atomic
def unlock(request: HttpRequest, user: User) -> int:
    """Clear the failed sign-ins that locked someone out (their account's, and those of a locked address
    they tried from); returns how many records were cleared."""
    cleared = lockout.unlock(user.get_username())
    audit.record(request, AuditAction.CHANGE, f"staff account: unlocked {user.get_username()}")
    return cleared


@transaction.atomic
def add_team(request: HttpRequest, *, name: str, phone: str = "") -> Team:
    name = name.strip()
    if Team.objects.filter(name__iexact=name).exists():
        raise ValidationError({"name": "A team with this name already exists"})
    team = Team(name=name, phone=phone.strip())
    team.full_clean()
    team.save()
    audit.record(request, AuditAction.CREATE, f"team: added {team.name}")
    return team


@transaction.atomic
def add_agency(request: HttpRequest, *, name: str, agency_type: str) -> Agency:
    name = name.strip()
    if Agency.objects.filter(name__iexact=name).exists():
        raise ValidationError({"name": "An agency with this name already exists"})
    agency = Agency(name=name, agency_type=agency_type)
    agency.full_clean()
    agency.save()
    audit.record(request, AuditAction.CREATE, f"agency: added {agency.name}")
    return agency
