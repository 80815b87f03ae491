"""Shared fixtures: staff of every role, and a small demo world to test pages against."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
