"""The practitioners' rules page and the authority's reunification protocol: the rulebook's words
(`homeward.framework.protocol`) with what happens after the return, read from the settings of the apps
that do it — the monitoring period and its visits and alerts (`monitoring.conf`, `monitoring.cadence`,
`monitoring.alerts`), the nominated officer's approval (`moves.selectors`) and who is told of a move
(`notifications.services`) — so every number on the page and in the PDF is the one Homeward enforces.

The PDF follows the one PDF pattern (`plans/pdf.py`): WeasyPrint from a Django template, A4, "Page X of Y".
It is a policy document, not a practice page, so its footer names the configuration version and the date
it was made.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone

from homeward import framework
from homeward.base.pdf import html_to_pdf
from homeward.framework import protocol as rulebook
from homeward.framework.model import NSPCC_2016, WILKINS_FARMER_2015
from homeward.monitoring import alerts, cadence, conf
from homeward.monitoring.alerts import WORKING_TOGETHER_2023
from homeward.moves.selectors import NOMINATED_OFFICER_AFTER_WORKING_DAYS, REG_39
from homeward.notifications.services import BASIS_SAFEGUARDING
from homeward.plans.models import TimingReasonChoice

Point = rulebook.Point


def timing_labels() -> dict[str, str]:
    """The reasons for a return's timing in the words the return plan's form uses."""
    return {str(value): str(label) for value, label in TimingReasonChoice.choices}


def after_return(config: framework.Config) -> rulebook.AfterReturn:
    """What happens after the return, from the settings the monitoring, moves and notifications apps use."""
    months = conf.months(config)
    weeks = conf.weeks_between_visits_after_return()
    home = cadence.cadence_for("return_home", None, local_weeks_after_return=weeks)
    with_parents = cadence.cadence_for("placed_with_parents", None, local_weeks_after_return=weeks)
    interim = cadence.cadence_for(
        "placed_with_parents", cadence.INTERIM_CARE_ORDER, local_weeks_after_return=weeks
    )
    seen_alone = conf.seen_alone_visits()
    missed, out_of = conf.missed_appointments()
    acknowledge = conf.days_to_acknowledge()
    return rulebook.AfterReturn(
        months=months,
        months_source=(
            config.sources.get("support", WILKINS_FARMER_2015)
            + "; the monitoring period lasts as long as the support unless the authority sets it otherwise"
        ),
        before_the_move=(
            Point(
                text="A planned return home needs a D3 decision of ‘yes’, signed off by a team manager.",
                source=WILKINS_FARMER_2015,
            ),
            Point(
                text=f"A child looked after for {NOMINATED_OFFICER_AFTER_WORKING_DAYS} working days or more "
                "stops being looked after only with the approval of a manager named as a nominated "
                "officer, against that signed decision and a checklist drawn from the record.",
                source=REG_39,
            ),
        ),
        visits=(
            Point(text=f"After a return home: {home.words[:1].lower()}{home.words[1:]}.", source=home.source),
            Point(
                text="Placed with parents while still looked after: "
                f"{with_parents.words[:1].lower()}{with_parents.words[1:]}.",
                source=with_parents.source,
            ),
            Point(
                text=f"Placed with parents: {interim.words[:1].lower()}{interim.words[1:]}.",
                source=interim.source,
            ),
        ),
        monitoring=(
            Point(
                text=f"Monitoring starts on the day of the return and lasts {months} months; the child is a "
                "child in need with a plan, and the case does not close when looked-after status ends.",
                source=WILKINS_FARMER_2015,
            ),
            Point(
                text=f"The outcome is reviewed {conf.six_month_review_months()} months after the return.",
                source=WILKINS_FARMER_2015,
            ),
            Point(
                text=f"The child is seen alone: not being seen alone at {seen_alone} visits in a row raises "
                "an alert.",
                source=WILKINS_FARMER_2015,
            ),
            Point(
                text=f"Engagement with each service is recorded: {missed} missed appointments among the last "
                f"{out_of}, or the family stopping, raises an alert.",
                source=NSPCC_2016,
            ),
        ),
        alerts=tuple(Point(text=f"{r.title}: {r.why}", source=r.source) for r in alerts.registered()),
        closing=(
            Point(
                text=f"Monitoring closes as planned when its {months} months have passed, there is a final "
                "review, and a contingency plan says what will happen if the return breaks down.",
                source=NSPCC_2016,
            ),
            Point(
                text="Only a team manager who signs off the child's decisions may close it earlier, or "
                "without the final review or the contingency plan, and only with a written reason, kept "
                "on the record.",
            ),
            Point(text="If the child comes back into care, monitoring closes as a breakdown."),
        ),
        notifications=(
            Point(
                text="When a child returns home, is placed with parents, comes back into care or moves "
                "placement, on the day of the move Homeward tells every agency involved with the child "
                "then (an email to its named contact, and a notice to each of its users), the child's "
                "IRO and the team's managers.",
                source=WORKING_TOGETHER_2023,
            ),
            Point(
                text="A return home that was not planned is flagged to the team's managers at once.",
                source=NSPCC_2016,
            ),
            Point(
                text=f"A notice an agency has not acknowledged after {acknowledge} days raises an alert for "
                "the social worker.",
                source=WORKING_TOGETHER_2023,
            ),
            Point(
                text="What was shared, with whom, why and on what basis is kept in the record's sharing "
                f"log. The basis: {BASIS_SAFEGUARDING}.",
            ),
        ),
    )


def the_protocol(config: framework.Config | None = None) -> rulebook.Protocol:
    """The authority's reunification protocol, from `config` (the shipped one unless given)."""
    config = config or framework.load_config()
    return rulebook.protocol(config, after_return=after_return(config), labels=timing_labels())


def the_rules(config: framework.Config | None = None) -> dict[str, Any]:
    """Every rule in words, by kind, with the gates and their questions (for the rules page)."""
    config = config or framework.load_config()
    by_kind = rulebook.rules_text(config, timing_labels())
    return {
        "config_version": config.version,
        "core_question": framework.CORE_QUESTION,
        "gates": [(g, g.question) for g in framework.Gate],
        "kinds": [(kind, rulebook.KIND_WORDS[kind], rules) for kind, rules in by_kind.items()],
    }


def protocol_html(
    config: framework.Config | None = None, *, request: HttpRequest | None = None, on: date | None = None
) -> str:
    """The protocol as the HTML the PDF is drawn from."""
    return render_to_string(
        "site/protocol_pdf.html",
        {"protocol": the_protocol(config), "generated_on": on or timezone.localdate()},
        request=request,
    )


def protocol_pdf(
    config: framework.Config | None = None, *, request: HttpRequest | None = None, on: date | None = None
) -> bytes:
    return html_to_pdf(protocol_html(config, request=request, on=on))
