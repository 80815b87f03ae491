"""Telling every agency: in-app notifications, the email outbox and the sharing log."""

from __future__ import annotations
