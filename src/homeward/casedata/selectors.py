"""The children not in the case system's extract, as each person may see them: the data officer every
one (by CHILD id only: they read no child's record), a manager those of their teams (whose records they
may open)."""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from homeward.access.policy import Capability, has_capability, visible_children
from homeward.casedata.models import MissingFromExtract
from homeward.children.models import Child


def sees_every_child_missing(user: AbstractBaseUser | AnonymousUser) -> bool:
    """The data officer, who loads the case data, sees every child missing from it (by CHILD id)."""
    return has_capability(user, Capability.SYNC_CASE_DATA)


def missing_children(user: AbstractBaseUser | AnonymousUser) -> QuerySet[MissingFromExtract]:
    """The children still missing from the extract this user may decide on, undecided first."""
    rows = MissingFromExtract.objects.filter(back_in_extract_at__isnull=True).select_related("child")
    if not sees_every_child_missing(user):
        rows = rows.filter(child__in=visible_children(user, Child.objects.all()))
    return rows.order_by("decision", "first_missing_at", "child__la_child_id")  # "" (undecided) first
