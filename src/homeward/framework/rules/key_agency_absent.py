"""key-agency-absent (gap): an agency that holds the evidence about one of the family's needs was not
consulted.

Case reviews found adult services and other key agencies were not involved (NSPCC 2016). The mapping
from each need to the agencies that hold its evidence is `agencies.needs` in the configuration
(e.g. parental mental health → adult mental health services; substance misuse → the substance-misuse
service; domestic abuse → the police or a domestic abuse service); at least one of the mapped agencies
must have been consulted. Applies at every gate.
"""

from __future__ import annotations

from homeward.framework.model import ALL_GATES, NSPCC_2016, Context, Hit, Rule, join_words
from homeward.framework.snapshot import AGENCY_LABELS, NEED_LABELS


def check(ctx: Context) -> Hit | None:
    consulted = {
        a.type
        for a in ctx.snapshot.agencies_consulted
        if a.consulted_on is None or a.consulted_on <= ctx.as_of
    }
    involved: dict[str, str] = {a.type: a.name for a in ctx.snapshot.agencies_involved}
    lines: list[str] = []
    people: list[str] = []
    items: list[str] = []
    seen: set[tuple[str, str]] = set()
    for need in ctx.snapshot.needs:
        agencies = ctx.config.agencies_for_need.get(need.type, ())
        if not agencies or consulted.intersection(agencies):
            continue
        if (need.type, need.person) in seen:
            continue
        seen.add((need.type, need.person))
        about = f" ({need.person})" if need.person else ""
        wanted = join_words([AGENCY_LABELS[a] for a in agencies]).replace(" and ", " or ")
        line = (
            f"The family's needs include {NEED_LABELS[need.type]}{about}, "
            f"but {wanted} has not been consulted."
        )
        known = [f"{involved[a] or AGENCY_LABELS[a]}" for a in agencies if a in involved]
        if known:
            line += f" {join_words(known)} is involved with the family."
        lines.append(line)
        if need.person:
            people.append(need.person)
        items.extend(a for a in agencies if a not in items)
    if not lines:
        return None
    return Hit(
        message=" ".join(lines) + " Their information is part of the evidence for this decision.",
        people=tuple(dict.fromkeys(people)),
        items=tuple(items),
    )


RULE = Rule(
    id="key-agency-absent",
    kind="gap",
    title="Key agency not consulted",
    gates=ALL_GATES,
    source=NSPCC_2016,
    check=check,
    why_these_gates="Agencies' information is part of the assessment behind every decision.",
    doc=__doc__ or "",
)
