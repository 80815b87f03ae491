"""Where the child lives: moves as 903 facts, the reg 39 checklist, the nominated officer's approval."""

from __future__ import annotations
