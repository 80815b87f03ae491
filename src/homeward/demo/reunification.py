"""Reunification work in the synthetic demo (called at the end of `homeward.demo.services.load_demo`).

- The showcase child (903 id 100001): an assessment in progress in which everyone in the mother's home
  is assessed except the mother's new partner — the case-review finding Homeward exists for — plus
  evidence, goals with two GAS reviews and an RC1 classification. The partner is left for the user (and
  the browser journey) to assess.
- The ready-to-return child (the first other North-team child of `worker` a return home is being
  considered for, by 903 id): the whole journey up to the last decision — a signed assessment, goals
  reviewed on written and observed evidence, RC1 and RC2, D1 and D2 signed off, a written agreement
  signed by the manager, a staged return plan, support after the return with a contingency plan, and a
  D3 "yes" proposed and waiting for the manager's sign-off.
- The next such child: a signed assessment only.
Dates are relative to the demo's `today`; nothing is random, so the demo stays reproducible. The demo
app sits above the practice apps, so it may drive all of them through their services.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from homeward.assessments import selectors, services
from homeward.assessments.models import Assessment, MemberAssessment, NeedType
from homeward.children.models import Child
from homeward.decisions import services as decisions
from homeward.demo.chronology import add_chronology_demo
from homeward.demo.meetings import add_meetings_demo
from homeward.demo.monitoring import add_monitoring_demo
from homeward.demo.notifications import add_notifications_demo
from homeward.organisation.models import Agency, AgencyType
from homeward.plans import services as plans
from homeward.snapshot import evaluate_child

SHOWCASE = "100001"
CHILD_RELATIONSHIPS = ("sibling", "half_sibling", "step_sibling")


def _household(assessment: Assessment, on: date, *, skip_relationship: str | None) -> None:
    for row in selectors.proposed_household(assessment.child, assessment):
        member = row.member
        if member.relationship == skip_relationship:
            continue
        if member.relationship in CHILD_RELATIONSHIPS:
            services.record_member(
                assessment,
                member,
                outcome=MemberAssessment.Outcome.EXCLUDED,
                excluded_reason="A child of the household: seen and spoken to, not assessed as a carer.",
            )
        else:
            services.record_member(
                assessment,
                member,
                outcome=MemberAssessment.Outcome.ASSESSED,
                assessed_on=on,
                summary=f"Two home visits with {member.full_name}; checks with the police and GP.",
                poses_risk=False,
            )


def _common(child: Child, worker: object, today: date, *, skip_relationship: str | None) -> Assessment:
    started = today - timedelta(days=45)
    assessment = services.start_assessment(child, worker, started)  # type: ignore[arg-type]
    _household(assessment, today - timedelta(days=30), skip_relationship=skip_relationship)
    for carer in selectors.carers(child):
        if carer.relationship == skip_relationship:
            continue
        services.record_carer_capacity(
            assessment,
            carer,
            assessed_on=today - timedelta(days=28),
            assessed_separately=True,
            parenting_capacity="Provides basic care; warm in contact; routines slipped when unwell.",
            capacity_to_change="Recognises what went wrong; has kept every appointment with her GP.",
        )
    services.update_section(
        assessment,
        "risk",
        risk_factors="Neglect of the children's basic needs when the mother's mental health was poor.",
        protective_factors="Maternal grandmother lives nearby and visits daily. The mother asks for help.",
    )
    services.add_need(
        assessment, need_type=NeedType.NEGLECT, person=None, continuing=False, notes="Home conditions"
    )
    services.update_section(
        assessment,
        "child",
        child_needs=f"{child.first_name} needs a stable school place and help to manage worries.",
        early_experiences="Periods without food or clean clothes before coming into care.",
        wishes_recorded_on=today - timedelta(days=20),
        wishes_in_own_words="I want to go home to my mum. I don't want it to be like before though.",
        wishes_present="Sam Okafor, social worker",
        wishes_pressure_considered=True,
        wishes_pressure_notes="Seen at school after a contact visit; no sign of being coached.",
        wishes_seen_alone=True,
    )
    mother = child.family.filter(relationship="mother").first()
    mum = f"{mother.full_name} (mother)" if mother else "The mother"
    services.record_child_seen(
        assessment,
        worker,  # type: ignore[arg-type]
        seen_on=today - timedelta(days=30),
        present=f"Sam Okafor, social worker\n{mum}",
        seen_alone=False,
        note="At the end of a contact session at the family centre.",
    )
    services.record_child_seen(
        assessment,
        worker,  # type: ignore[arg-type]
        seen_on=today - timedelta(days=20),
        present="Sam Okafor, social worker",
        seen_alone=True,
        note="At school, in the library; talked about home and about contact.",
    )
    services.update_section(
        assessment, "support", support_needs="Family support worker twice a week; GP review of medication."
    )
    health = Agency.objects.filter(agency_type=AgencyType.HEALTH).order_by("pk").first()
    if health is not None:
        services.add_agency_consulted(
            assessment,
            agency=health,
            consulted_on=today - timedelta(days=25),
            contribution="Health visitor's report: appointments kept since March.",
        )
    return assessment


def _showcase(child: Child, worker: object, today: date) -> None:
    _common(child, worker, today, skip_relationship="mothers_partner")
    services.record_missing_episode(
        child,
        worker,  # type: ignore[arg-type]
        started_on=today - timedelta(days=50),
        ended_on=today - timedelta(days=49),
        ran_home=True,
        note="Left the foster home after school; found at the family home the next morning.",
    )
    mother = child.family.filter(relationship="mother").first()
    if mother is None:
        return
    letter = services.add_evidence(
        child,
        worker,  # type: ignore[arg-type]
        description="Letter from the GP: mother's mental health stable on medication",
        source="Dr Patel, GP",
        kind="written",
        seen_on=today - timedelta(days=35),
        written_up_on=today - timedelta(days=34),
    )
    visit = services.add_evidence(
        child,
        worker,  # type: ignore[arg-type]
        description="Home visit: kitchen clean, food in the cupboards, children's rooms ready",
        source="Sam Okafor, social worker",
        kind="observation",
        seen_on=today - timedelta(days=14),
        written_up_on=today - timedelta(days=13),
    )
    course = services.add_evidence(
        child,
        worker,  # type: ignore[arg-type]
        description="Attended 5 of 6 parenting course sessions",
        source="Family Hub",
        kind="attendance",
        seen_on=today - timedelta(days=15),
        written_up_on=today - timedelta(days=15),
    )
    set_on = today - timedelta(days=40)  # agreed once the assessment (started 45 days ago) was under way
    goals = [
        services.add_goal(child, worker, parent=mother, description=text, set_on=set_on)  # type: ignore[arg-type]
        for text in (
            "Keep the home safe, clean and stocked with food",
            "Keep taking medication and see the GP every month",
            "Use what the parenting course teaches at home",
        )
    ]
    first, second = today - timedelta(days=26), today - timedelta(days=12)
    for goal, (a, b), evidence in zip(
        goals, ((-1, 1), (-1, 0), (0, 1)), ([visit], [letter], [course]), strict=True
    ):
        services.review_goal(goal, worker, reviewed_on=first, score=a)  # type: ignore[arg-type]
        services.review_goal(goal, worker, reviewed_on=second, score=b, evidence=evidence)  # type: ignore[arg-type]
    services.classify_risk(
        child,
        worker,  # type: ignore[arg-type]
        point="RC1",
        level="high",
        classified_on=today - timedelta(days=40),
        reasons="Neglect in the past; the mother's recovery is recent.",
        case_team="Sam Okafor (social worker), Helen Marsh (team manager)",
    )


def add_reunification_demo(today: date) -> None:
    """Add the reunification demo to a freshly loaded demo (see the module docstring)."""
    User = get_user_model()
    worker = User.objects.filter(username="worker").first()
    manager = User.objects.filter(username="manager").first()
    if worker is None or manager is None:
        return
    # The services refuse future dates; a demo dated ahead of the clock would be refused, so skip it.
    if today > timezone.localdate():
        return
    showcase = Child.objects.filter(la_child_id=SHOWCASE).first()
    if showcase is not None:
        _showcase(showcase, worker, today)
        add_notifications_demo(showcase, today)
        add_meetings_demo(showcase, worker, manager, today)
    others = (
        Child.objects.filter(allocated_worker=worker, return_home_considered_since__isnull=False)
        .exclude(la_child_id=SHOWCASE)
        .order_by("la_child_id")[:2]
    )
    for index, child in enumerate(others):
        if not child.episodes.exists():
            continue
        if index == 0:
            _ready_to_return(child, worker, manager, today)
        else:
            assessment = _common(child, worker, today, skip_relationship=None)
            services.sign_assessment(assessment, worker, today - timedelta(days=7))  # type: ignore[arg-type]
    add_monitoring_demo(today)  # after the return: children in monitoring, closed well and broken down
    add_chronology_demo(showcase, ready_to_return_child(), worker, today)


def ready_to_return_child() -> Child | None:
    """The demo's ready-to-return child (see the module docstring), once the demo is loaded."""
    return (
        Child.objects.filter(reunification_decisions__gate="D3")
        .exclude(la_child_id=SHOWCASE)
        .order_by("la_child_id")
        .first()
    )


# What the worker wrote against each caution the ready-to-return child's history raises at every gate.
_CAUTION_ANSWERS = {
    "neglect-or-emotional-abuse": (
        "Neglect is why she came into care: the goals and the support target the home and meals, and "
        "some visits after the return are unannounced."
    ),
    "placement-instability": (
        "Her moves in care are weighed: the foster carers keep in touch and are the contingency plan."
    ),
    "previous-failed-return": (
        "The last return broke down when support stopped at once; this time it is staged and support "
        "lasts after the return."
    ),
    "unplanned-previous-return": (
        "The last return was not planned; this one follows a signed agreement and a staged plan."
    ),
}


def _answers(child: Child, gate: str, as_of: date, otherwise: str) -> dict[str, str]:
    evaluation = evaluate_child(child, gate, as_of)
    return {f.id: _CAUTION_ANSWERS.get(f.id, otherwise) for f in evaluation.findings}


def _ready_to_return(child: Child, worker: Any, manager: Any, today: date) -> None:
    """The whole journey up to D3, which is left waiting for the manager's sign-off."""
    assessment = _common(child, worker, today, skip_relationship=None)
    mother = child.family.filter(relationship="mother").first()
    if mother is None:
        return
    letter = services.add_evidence(
        child,
        worker,
        description="Letter from the community mental health team: mother engaged and well for six months",
        source="Community mental health team",
        kind="written",
        seen_on=today - timedelta(days=40),
        written_up_on=today - timedelta(days=39),
    )
    visit = services.add_evidence(
        child,
        worker,
        description="Unannounced home visit: a clean, stocked home; a written routine on the fridge",
        source="Sam Okafor, social worker",
        kind="observation",
        seen_on=today - timedelta(days=21),
        written_up_on=today - timedelta(days=20),
    )
    contact = services.add_evidence(
        child,
        worker,
        description="Supervised contact notes: the mother set limits calmly and the child was relaxed",
        source="Family time service",
        kind="observation",
        seen_on=today - timedelta(days=18),
        written_up_on=today - timedelta(days=17),
    )
    set_on = today - timedelta(days=40)  # agreed once the assessment (started 45 days ago) was under way
    goals = [
        services.add_goal(child, worker, parent=mother, description=text, set_on=set_on)
        for text in (
            "Keep the home safe, clean and stocked with food",
            "Keep seeing the mental health team and say early when things slip",
            "Set calm limits and keep to routines at contact",
        )
    ]
    first, second = today - timedelta(days=30), today - timedelta(days=22)
    for goal, evidence in zip(goals, ([visit], [letter], [contact]), strict=True):
        services.review_goal(goal, worker, reviewed_on=first, score=-1)
        services.review_goal(goal, worker, reviewed_on=second, score=1, evidence=evidence)
    services.classify_risk(
        child,
        worker,
        point="RC1",
        level="medium",
        classified_on=today - timedelta(days=35),  # RC1 follows the assessment's findings
        reasons="Neglect when the mother was unwell; she now asks for help early.",
        case_team="Sam Okafor (social worker), Helen Marsh (team manager)",
    )
    services.classify_risk(
        child,
        worker,
        point="RC2",
        level="low",
        classified_on=today - timedelta(days=15),
        reasons="Goals reviewed on observed and written evidence; the improvement has held since then.",
        case_team="Sam Okafor (social worker), Helen Marsh (team manager), the IRO",
    )
    services.sign_assessment(assessment, worker, today - timedelta(days=14))

    d1 = decisions.propose(
        child,
        worker,
        gate="D1",
        answer="maybe",
        rationale="The mother has made real changes; a return should be considered, with support.",
        responses=_answers(child, "D1", today, "Discussed at the case discussion; the plan addresses it."),
        as_of=today,
    )
    decisions.sign_off(d1, manager, reasons="Agreed: consider a return, with support.")

    agreement = plans.start_agreement(child, worker)
    for section in agreement.parents.select_related("parent"):
        name = section.parent.full_name
        plans.update_section(
            section,
            strengths=f"{name} has kept every appointment since the spring and asks for help early.",
            concerns="The home and meals slipped when the mother's mental health was poor.",
            conditions=f"{name} will keep seeing the mental health team and let the social worker visit.",
            support="Family support worker twice a week for the first three months; a GP review monthly.",
            consequences=(
                "If the conditions are not kept, the social worker will call a meeting within two working "
                "days and the contingency plan will be used; the child may return to foster care."
            ),
            agreed_on=today - timedelta(days=5),
        )
        plans.add_goal(
            section,
            goal="Keep the home safe, clean and stocked with food",
            steps="Weekly shop with the family support worker; a written routine",
            time_frame="From now until the review",
            support="Family support worker",
        )
    plans.set_review_date(agreement, today + timedelta(days=42))
    plans.sign_agreement(agreement, manager)

    d2 = decisions.propose(
        child,
        worker,
        gate="D2",
        answer="yes",
        rationale="The goals were met on observed evidence and the agreement is signed: plan the return.",
        responses=_answers(child, "D2", today, "Weighed at the planning meeting; see the agreement."),
        as_of=today,
    )
    decisions.sign_off(d2, manager, reasons="Agreed: plan a staged return.")

    plans.save_return_plan(
        child,
        worker,
        proposed_on=today + timedelta(days=28),
        timing_reason="goals_met",
        timing_note="The goals of the agreement have been met and the support is in place.",
        notes="Overnight stays first, then weekends, then the move home.",
    )
    for description, start, end in (
        ("Overnight stays at the mother's home, one a week", 1, 13),
        ("Weekends at home, Friday to Sunday", 14, 27),
        ("Moves home; foster carer keeps in touch for a month", 28, None),
    ):
        plans.add_stage(
            child,
            worker,
            description=description,
            starts_on=today + timedelta(days=start),
            ends_on=today + timedelta(days=end) if end is not None else None,
        )
    plans.save_support_plan(
        child,
        worker,
        months=plans.default_support_months(),
        trusted_adult="The head of year at school, who the child chose",
        seen_alone="At school every two weeks by the social worker",
        contingency=(
            "If the home breaks down the child returns to the same foster carers, who have agreed to "
            "keep the room for three months; the out-of-hours team has the plan."
        ),
    )
    plans.add_service(child, worker, service="Family support worker, twice a week", provided_by="Family Hub")
    plans.add_service(child, worker, service="Monthly medication review", provided_by="GP surgery")

    decisions.propose(
        child,
        worker,
        gate="D3",
        answer="yes",
        rationale="A staged plan, support in place after the return, and the child wants it.",
        responses=_answers(child, "D3", today, "Checked at the pre-return meeting; the plan covers it."),
        as_of=today,
    )
