"""substance-misuse-stopped-unevidenced (caution): substance misuse recorded as stopped, unevidenced.

Continuing parental alcohol or drug misuse was associated with maltreatment after return (Farmer 2014),
and case reviews found decisions resting on verbal reports (NSPCC 2016). A substance-misuse need recorded
as *not* continuing must rest on written evidence (`Need.evidence_ids` naming an evidence item of kind
"written", seen by `as_of`): a verbal report, attendance at a service, or nothing at all is not enough.
Silent for a need the service's latest written evidence says is continuing (parental-substance-misuse-
continuing says so). Applies at every gate.
"""

from __future__ import annotations

from homeward.framework.model import ALL_GATES, FARMER_2014, NSPCC_2016, Context, Hit, Rule, join_words


def check(ctx: Context) -> Hit | None:
    by_id = {e.id: e for e in ctx.snapshot.evidence if e.seen_on <= ctx.as_of}
    unevidenced = []
    for need in ctx.snapshot.needs:
        if need.type != "substance_misuse" or need.continuing or ctx.service_says_continuing(need):
            continue
        cited = [by_id[ref] for ref in need.evidence_ids if ref in by_id]
        if not any(e.kind == "written" for e in cited):
            unevidenced.append((need, cited))
    if not unevidenced:
        return None
    parts = []
    for need, cited in unevidenced:
        who = need.person or "a parent"
        only = ""
        if cited:
            kinds = join_words(sorted({e.kind.replace("_", " ") for e in cited}))
            only = f" (it cites only {kinds})"
        parts.append(
            f"That substance misuse by {who} is no longer continuing rests on no written evidence{only}."
        )
    return Hit(
        message=(
            " ".join(parts) + " Ask the substance-misuse service for a written report (for example, test "
            "results) and record it as the evidence the judgement rests on."
        ),
        people=tuple(dict.fromkeys(n.person for n, _c in unevidenced if n.person)),
    )


RULE = Rule(
    id="substance-misuse-stopped-unevidenced",
    kind="caution",
    title="Substance misuse recorded as stopped without written evidence",
    gates=ALL_GATES,
    source=f"{FARMER_2014}; {NSPCC_2016}",
    check=check,
    why_these_gates="A research-based risk indicator, relevant at every decision.",
    doc=__doc__ or "",
)
