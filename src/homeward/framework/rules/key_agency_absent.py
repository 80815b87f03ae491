"""key-agency-absent (gap): an agency that holds the evidence about one of the family's needs was not
consulted.

Case reviews found adult services and other key agencies were not involved (NSPCC 2016). The mapping
from each need to the agencies that hold its evidence is `agencies.needs` in the configuration
(e.g. parental mental health → adult mental health services; substance misuse → the substance-misuse
service; domestic abuse → the police or a domestic abuse service); at least one of the mapped agencies
must have been consulted. Applies at every gate.

The same finding covers the meetings where the plan is made and reviewed: a key agency for one of the
family's needs that was not invited to the latest planning or review meeting, or was invited and did
not come (`meeting_absences`, filled from the meetings app's key-agency flags), is a gap too, named
with the meeting it missed.
"""

from __future__ import annotations

from homeward.framework.model import ALL_GATES, NSPCC_2016, Context, Hit, Rule, join_words
from homeward.framework.snapshot import (
    AGENCY_LABELS,
    MEETING_LABELS,
    NEED_LABELS,
    AgencyConsulted,
    format_date,
)
from homeward.framework.text import quoted, says_something


def check(ctx: Context) -> Hit | None:
    # A consultation is a dated contribution: listed with no date, or with nothing it contributed, it
    # does not count (and the finding says why).
    consulted = {
        a.type
        for a in ctx.snapshot.agencies_consulted
        if a.consulted_on is not None and a.consulted_on <= ctx.as_of and says_something(a.contribution)
    }
    listed: dict[str, AgencyConsulted] = {
        a.type: a
        for a in ctx.snapshot.agencies_consulted
        if a.type not in consulted and (a.consulted_on is None or a.consulted_on <= ctx.as_of)
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
        for a in (listed[t] for t in agencies if t in listed):
            name = a.name or AGENCY_LABELS[a.type]
            if a.consulted_on is None:
                line += f" {name[0].upper()}{name[1:]} is listed as consulted, but with no date."
            else:
                line += f" What {name} contributed {quoted(a.contribution)}."
        known = [f"{involved[a] or AGENCY_LABELS[a]}" for a in agencies if a in involved]
        if known:
            line += f" {join_words(known)} is involved with the family."
        lines.append(line)
        if need.person:
            people.append(need.person)
        items.extend(a for a in agencies if a not in items)
    key_for: dict[str, list[str]] = {}
    for need in ctx.snapshot.needs:
        for agency in ctx.config.agencies_for_need.get(need.type, ()):
            if NEED_LABELS[need.type] not in key_for.setdefault(agency, []):
                key_for[agency].append(NEED_LABELS[need.type])
    for absent in ctx.snapshot.meeting_absences:
        if absent.meeting_on > ctx.as_of or absent.type not in key_for:
            continue
        who = absent.name or AGENCY_LABELS[absent.type]
        meeting = f"the {MEETING_LABELS[absent.meeting_kind]} on {format_date(absent.meeting_on)}"
        if absent.invited:
            missed = f"was invited to {meeting} but did not attend"
        else:
            missed = f"was not invited to {meeting}"
        lines.append(
            f"{who[0].upper()}{who[1:]} {missed}, though it holds the evidence about "
            f"{join_words(key_for[absent.type])}."
        )
        if absent.type not in items:
            items.append(absent.type)
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
    why_these_gates=(
        "Agencies' information is part of every decision and of the meetings that plan the return."
    ),
    doc=__doc__ or "",
)
