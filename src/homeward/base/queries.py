"""Filters over many children at once."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet


def ids_for_filter(ids: Iterable[int] | QuerySet[Any]) -> list[int] | QuerySet[Any]:
    """Ids for an `__in` filter. A query stays a query, so the database reads it as a subquery: a
    team's thousands of children are not written into every statement as thousands of parameters."""
    return ids if isinstance(ids, QuerySet) else list(ids)
