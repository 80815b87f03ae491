"""The name of a person who acted, as a record keeps it."""

from __future__ import annotations

from typing import Any


def name_of(user: Any) -> str:
    """The user's full name, else their username: the name kept on a record, so it still says who
    acted if the account is ever removed. Works on the historical models of a data migration too, which
    have the fields but not `User`'s methods."""
    full = f"{getattr(user, 'first_name', '')} {getattr(user, 'last_name', '')}".strip()
    return full or str(user.username)
