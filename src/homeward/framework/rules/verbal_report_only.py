"""verbal-report-only (gap): what a source has said rests only on verbal reports, with nothing in writing.

Case reviews found decisions based on verbal reports (NSPCC 2016). For each source of evidence (a
person or agency), if every item from them is a verbal report, the gap names them. An item in writing
whose description says nothing ("n/a", "see notes") is not a written record behind the verbal reports.
Applies at every gate.
"""

from __future__ import annotations

from homeward.framework.model import ALL_GATES, NSPCC_2016, Context, Hit, Rule
from homeward.framework.snapshot import EvidenceItem, format_date
from homeward.framework.text import says_something


def check(ctx: Context) -> Hit | None:
    by_source: dict[str, list[EvidenceItem]] = {}
    for e in ctx.snapshot.evidence:
        if e.seen_on <= ctx.as_of:
            by_source.setdefault(e.source or "an unnamed source", []).append(e)
    lines: list[str] = []
    people: list[str] = []
    items: list[str] = []
    for source, evidence in by_source.items():
        verbal = [e for e in evidence if e.kind == "verbal_report"]
        if verbal and not any(e.kind != "verbal_report" and says_something(e.description) for e in evidence):
            evidence = verbal
            described = ", ".join(f"'{e.description}' ({format_date(e.seen_on)})" for e in evidence)
            lines.append(f"Evidence from {source} rests only on verbal reports: {described}.")
            if evidence[0].source:
                people.append(source)
            items.extend(e.id for e in evidence)
    if not lines:
        return None
    return Hit(
        message=" ".join(lines) + " Ask for it in writing before relying on it in a decision.",
        people=tuple(people),
        items=tuple(items),
    )


RULE = Rule(
    id="verbal-report-only",
    kind="gap",
    title="Evidence only verbal",
    gates=ALL_GATES,
    source=NSPCC_2016,
    check=check,
    why_these_gates="Every decision should rest on written evidence.",
    doc=__doc__ or "",
)
