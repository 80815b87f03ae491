"""The name of a person who acted, as a record keeps it."""

from __future__ import annotations

from typing import Any


def name_of(user: Any) -> str:
    """The user's full name, else their username: the name kept on a record, so it still says who
    acted if the account is ever removed."""
    full: str = user.get_full_name() if hasattr(user, "get_full_name") else ""
    return full or user.get_username()
