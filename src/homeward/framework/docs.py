"""Generated documentation: the rule table in README.md is produced by `rules_markdown()` (a test keeps
the two in step; regenerate with `python -m homeward framework rules --markdown`)."""

from __future__ import annotations

from homeward.framework.model import Gate
from homeward.framework.rules import RULES


def rules_markdown() -> str:
    """A Markdown table of every rule: id, kind, gates, why those gates, source."""
    lines = [
        "| id | kind | gates | why these gates | source |",
        "|---|---|---|---|---|",
    ]
    for r in RULES:
        gates = ", ".join(str(g) for g in Gate if g in r.gates)
        lines.append(f"| `{r.id}` | {r.kind} | {gates} | {r.why_these_gates} | {r.source} |")
    return "\n".join(lines) + "\n"
