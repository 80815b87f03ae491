"""Planning and review meetings: who was invited and came, what was decided, actions, signed minutes."""

from __future__ import annotations
