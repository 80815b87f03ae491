"""Presentation helpers shared by every page."""

from __future__ import annotations

from django import template

from homeward.base import words
from homeward.ssda903 import codes

register = template.Library()


@register.filter
def days_in_words(days: int | None) -> str:
    """1,500 days reads as "4 years 1 month" (`homeward.base.words`)."""
    return words.days_in_words(days)


@register.filter
def in_words(code: str | None, column: str) -> str:
    """A 903 code with its meaning, from `homeward.ssda903.codes`: `{{ m.place|in_words:"PLACE" }}` reads
    "K2: Children's home ...". Practitioners are never left with a bare code."""
    return codes.describe(column, code)
