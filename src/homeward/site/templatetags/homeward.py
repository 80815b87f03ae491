"""Presentation helpers shared by every page."""

from __future__ import annotations

from django import template

from homeward.base import words

register = template.Library()


@register.filter
def days_in_words(days: int | None) -> str:
    """1,500 days reads as "4 years 1 month" (`homeward.base.words`)."""
    return words.days_in_words(days)
