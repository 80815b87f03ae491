"""Figures in the words a social worker would say them, shared by pages and the summaries built for them."""

from __future__ import annotations


def days_in_words(days: int | None) -> str:
    """1,500 days reads as "4 years 1 month": how a worker says how long a child has been in care."""
    if days is None:
        return ""
    if days < 0:
        return "not yet started"
    if days < 31:
        return f"{days} day{'s' if days != 1 else ''}"
    months_total = int(days / 30.4375)
    years, months = divmod(months_total, 12)
    parts = []
    if years:
        parts.append(f"{years} year{'s' if years != 1 else ''}")
    if months:
        parts.append(f"{months} month{'s' if months != 1 else ''}")
    return " ".join(parts)
