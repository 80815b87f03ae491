"""The one access policy: may this user do this to this child's record, and which parts may they see?

Every page and API endpoint asks here (through `homeward.access.decorators`), and the same place
writes the audit event, so a check can never be made without leaving a trace.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from typing import TypeVar

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db.models import Model, Q, QuerySet
from django.utils import timezone

from homeward.organisation.models import Role, StaffProfile

# The policy reads a child's record by the fields that say whose it is (the allocated worker, the team,
# the IRO, the agencies involved and when), not through the children app, which stands on this one.
M = TypeVar("M", bound=Model)


class RecordAction(StrEnum):
    VIEW = "view"  # read the child's record
    EDIT = "edit"  # add or change facts on the record (network, agencies, assessments)
    VIEW_AUDIT = "view_audit"  # see who has viewed the record
    SIGN_OFF = "sign_off"  # sign off or return a decision
    CHALLENGE = "challenge"  # an IRO's challenge to a decision
    ACKNOWLEDGE = "acknowledge"  # acknowledge a notification addressed to you (partners too)


class Capability(StrEnum):
    """Pages that are not one child's record."""

    CASELOAD = "caseload"
    OUTCOMES = "outcomes"  # aggregate, non-identifying outcome figures
    IMPORT_903 = "import_903"
    # Load children and episodes from the case system (the sync); no child's record is opened for it.
    SYNC_CASE_DATA = "sync_case_data"
    # Decide on children Homeward holds whom the case system's extract no longer does (the data officer
    # by CHILD id; a manager for their teams' children).
    MISSING_FROM_EXTRACT = "missing_from_extract"
    MANAGE_USERS = "manage_users"
    # The rules page and the authority's reunification protocol: no child's record, but the authority's
    # own working rules, for its staff (partner agencies see what is shared with them, not the rulebook).
    RULEBOOK = "rulebook"
    # One's own API tokens (the API itself then asks the same policy as the pages).
    API_TOKENS = "api_tokens"
    # Subject access requests and the retention report: everything held about one person, for the
    # authority's data protection officer (a flag an administrator sets on the account, not a role).
    SUBJECT_ACCESS = "subject_access"
    # One's own two-factor sign-in: the recovery codes left, and new ones.
    OWN_SIGN_IN = "own_sign_in"


class Section(StrEnum):
    SUMMARY = "summary"
    LEGAL_STATUS = "legal_status"
    EPISODES = "episodes"
    CARE_HISTORY = "care_history"
    FAMILY = "family"
    AGENCIES = "agencies"
    REUNIFICATION = "reunification"


ALL_SECTIONS = frozenset(Section)
# What a partner agency is shown: who the child is, their legal status, the household and who else is
# involved — enough to keep the child safe and to work together, not the whole case file.
PARTNER_SECTIONS = frozenset({Section.SUMMARY, Section.LEGAL_STATUS, Section.FAMILY, Section.AGENCIES})

_ROLE_ACTIONS: dict[str, frozenset[RecordAction]] = {
    Role.SOCIAL_WORKER: frozenset({RecordAction.VIEW, RecordAction.EDIT, RecordAction.ACKNOWLEDGE}),
    Role.TEAM_MANAGER: frozenset(
        {
            RecordAction.VIEW,
            RecordAction.EDIT,
            RecordAction.VIEW_AUDIT,
            RecordAction.SIGN_OFF,
            RecordAction.ACKNOWLEDGE,
        }
    ),
    Role.IRO: frozenset({RecordAction.VIEW, RecordAction.CHALLENGE, RecordAction.ACKNOWLEDGE}),
    Role.PARTNER: frozenset({RecordAction.VIEW, RecordAction.ACKNOWLEDGE}),
}

_ROLE_CAPABILITIES: dict[str, frozenset[Capability]] = {
    Role.SOCIAL_WORKER: frozenset(
        {Capability.CASELOAD, Capability.RULEBOOK, Capability.API_TOKENS, Capability.OWN_SIGN_IN}
    ),
    Role.TEAM_MANAGER: frozenset(
        {
            Capability.CASELOAD,
            Capability.OUTCOMES,
            Capability.RULEBOOK,
            Capability.API_TOKENS,
            Capability.MISSING_FROM_EXTRACT,
            Capability.OWN_SIGN_IN,
        }
    ),
    Role.IRO: frozenset(
        {Capability.CASELOAD, Capability.RULEBOOK, Capability.API_TOKENS, Capability.OWN_SIGN_IN}
    ),
    Role.PARTNER: frozenset({Capability.CASELOAD, Capability.API_TOKENS, Capability.OWN_SIGN_IN}),
    Role.ANALYST: frozenset(
        {
            Capability.OUTCOMES,
            Capability.IMPORT_903,
            Capability.RULEBOOK,
            Capability.API_TOKENS,
            Capability.OWN_SIGN_IN,
        }
    ),
    Role.ADMINISTRATOR: frozenset(
        {Capability.MANAGE_USERS, Capability.RULEBOOK, Capability.API_TOKENS, Capability.OWN_SIGN_IN}
    ),
    # Loads case data and 903 returns, and sees the outcome figures they make; reads no child's record.
    Role.DATA_OFFICER: frozenset(
        {
            Capability.SYNC_CASE_DATA,
            Capability.MISSING_FROM_EXTRACT,
            Capability.IMPORT_903,
            Capability.OUTCOMES,
            Capability.RULEBOOK,
            Capability.API_TOKENS,
            Capability.OWN_SIGN_IN,
        }
    ),
}


@dataclass(frozen=True)
class Access:
    """What one user may do to one child's record: worked out once per request (`access_to`) and handed
    to the page, which asks it (`can`) rather than the policy again. `allowed` and `reason` answer the
    action the page was asked for (`for_action`)."""

    allowed: bool
    reason: str
    sections: frozenset[Section] = field(default_factory=frozenset)
    # What the role may do to records it can see, and whether this child is one of them.
    role: str | None = None
    role_actions: frozenset[RecordAction] = field(default_factory=frozenset)
    visible: bool = False
    record_sections: frozenset[Section] = field(default_factory=frozenset)  # shown if allowed

    def shows(self, section: str) -> bool:
        return section in self.sections

    def can(self, action: RecordAction, section: Section | None = None) -> bool:
        return self.for_action(action, section).allowed

    def for_action(self, action: RecordAction, section: Section | None = None) -> Access:
        """This access as the answer to `action` (on one `section`, when given), with the reason."""
        if self.role is None:
            return self._refused("This account has no role in Homeward.")
        if action not in self.role_actions:
            label = Role(self.role).label.lower()
            return self._refused(f"A {label} cannot {action.value.replace('_', ' ')} records.")
        if not self.visible:
            return self._refused(NOT_YOURS)
        if section is not None and section not in self.record_sections:
            return self._refused("Your role does not give access to this part of the record.")
        return replace(self, allowed=True, reason="allowed", sections=self.record_sections)

    def _refused(self, reason: str) -> Access:
        return replace(self, allowed=False, reason=reason, sections=frozenset())


NOT_YOURS = "This child is not on your caseload, your team's or your agency's."


def profile_of(user: AbstractBaseUser | AnonymousUser) -> StaffProfile | None:
    if not user.is_authenticated:
        return None
    try:
        profile: StaffProfile = getattr(user, "profile")  # noqa: B009 (the reverse one-to-one)
        return profile
    except StaffProfile.DoesNotExist:
        return None


def role_of(user: AbstractBaseUser | AnonymousUser) -> str | None:
    profile = profile_of(user)
    return profile.role if profile else None


# Capabilities an administrator grants one member of the authority's staff, whatever their role.
_GRANTED_BY_FLAG: dict[Capability, str] = {Capability.SUBJECT_ACCESS: "data_protection_officer"}


def has_capability(user: AbstractBaseUser | AnonymousUser, capability: Capability) -> bool:
    profile = profile_of(user)
    if profile is None:
        return False
    if capability in _GRANTED_BY_FLAG:
        return profile.role != Role.PARTNER and bool(getattr(profile, _GRANTED_BY_FLAG[capability]))
    return capability in _ROLE_CAPABILITIES.get(profile.role, frozenset())


def visible_children(
    user: AbstractBaseUser | AnonymousUser, children: QuerySet[M], today: date | None = None
) -> QuerySet[M]:
    """Of `children`, every child whose record this user may open; the caseload and each record check
    use this (the children app's `visible_children` passes every child)."""
    profile = profile_of(user)
    if profile is None:
        return children.none()
    today = today or timezone.localdate()
    role = profile.role
    if role == Role.SOCIAL_WORKER:
        q = Q(allocated_worker=profile.user)
        if profile.team_id:
            q |= Q(team_id=profile.team_id)
        return children.filter(q)
    if role == Role.TEAM_MANAGER:
        team_ids = set(profile.managed_teams.values_list("id", flat=True))
        if profile.team_id:
            team_ids.add(profile.team_id)
        return children.filter(team_id__in=team_ids)
    if role == Role.IRO:
        return children.filter(iro=profile.user)
    if role == Role.PARTNER and profile.agency_id:
        return children.filter(
            Q(agency_involvements__agency_id=profile.agency_id),
            Q(agency_involvements__started__lte=today),
            Q(agency_involvements__ended__isnull=True) | Q(agency_involvements__ended__gte=today),
        ).distinct()
    # Analysts see only non-identifying figures; administrators manage users, data officers load case
    # data: none of them reads case records.
    return children.none()


def sections_for(user: AbstractBaseUser | AnonymousUser) -> frozenset[Section]:
    """The parts of a record this user is shown: for pages about several children (the caseload), which
    must not show a partner what their record page would not."""
    role = role_of(user)
    if role == Role.PARTNER:
        return PARTNER_SECTIONS
    if role is not None and RecordAction.VIEW in _ROLE_ACTIONS.get(role, frozenset()):
        return ALL_SECTIONS
    return frozenset()


def access_to(user: AbstractBaseUser | AnonymousUser, child: Model | None) -> Access:
    """Everything `user` may do to `child`'s record, worked out once (at most one query to check the
    child is theirs). `child` is None for an id that does not exist: it is refused with the same reason
    as a child the user may not see, so no answer reveals which ids exist."""
    role = role_of(user)
    if role is None:
        return Access(False, "This account has no role in Homeward.")
    actions = _ROLE_ACTIONS.get(role, frozenset())
    visible = (
        bool(actions)
        and child is not None
        and visible_children(user, type(child)._default_manager.filter(pk=child.pk)).exists()
    )
    sections = sections_for(user) if visible else frozenset()
    return Access(visible, "allowed" if visible else NOT_YOURS, sections, role, actions, visible, sections)


def decide(
    user: AbstractBaseUser | AnonymousUser,
    action: RecordAction,
    child: Model | None,
    section: Section | None = None,
) -> Access:
    """May `user` do `action` to `child`'s record (to one `section` of it, when given)?"""
    return access_to(user, child).for_action(action, section)
