"""Reunification work in the synthetic demo (called at the end of `homeward.demo.services.load_demo`).

- The showcase child (903 id 100001): an assessment in progress in which everyone in the mother's home
  is assessed except the mother's new partner — the case-review finding Homeward exists for — plus
  evidence, goals with two GAS reviews and an RC1 classification. The partner is left for the user (and
  the browser journey) to assess.
- Two other North-team children a return home is being considered for: a signed assessment; the first
  also has a signed-off D1 decision.
Dates are relative to the demo's `today`; nothing is random, so the demo stays reproducible.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from homeward.access.models import Agency, AgencyType
from homeward.assessments import selectors, services
from homeward.assessments.models import Assessment, MemberAssessment, NeedType
from homeward.children.models import Child

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
    set_on = today - timedelta(days=90)
    goals = [
        services.add_goal(child, worker, parent=mother, description=text, set_on=set_on)  # type: ignore[arg-type]
        for text in (
            "Keep the home safe, clean and stocked with food",
            "Keep taking medication and see the GP every month",
            "Use what the parenting course teaches at home",
        )
    ]
    first, second = today - timedelta(days=60), today - timedelta(days=12)
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
    others = (
        Child.objects.filter(allocated_worker=worker, return_home_considered_since__isnull=False)
        .exclude(la_child_id=SHOWCASE)
        .order_by("la_child_id")[:2]
    )
    for index, child in enumerate(others):
        if not child.episodes.exists():
            continue
        assessment = _common(child, worker, today, skip_relationship=None)
        services.sign_assessment(assessment, worker, today - timedelta(days=7))  # type: ignore[arg-type]
        if index == 0:
            _signed_d1(child, worker, manager, today)


def _signed_d1(child: Child, worker: object, manager: object, today: date) -> None:
    from homeward.decisions import services as decisions

    evaluation = selectors.evaluate_child(child, "D1", today)
    answers = {f.id: "Discussed at the case discussion; the plan addresses it." for f in evaluation.findings}
    decision = decisions.propose(
        child,
        worker,  # type: ignore[arg-type]
        gate="D1",
        answer="maybe",
        rationale="The mother has made real changes; a return should be considered with support.",
        responses=answers,
        as_of=today,
    )
    decisions.sign_off(decision, manager, reasons="Agreed: consider a return, with support.")  # type: ignore[arg-type]
