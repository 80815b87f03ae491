"""key-agency-absent: an agency holding the evidence about a need was not consulted (a dated
contribution that says something), or missed the latest planning or review meeting."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from tests.framework.rules.helpers import find

from homeward.framework import CaseSnapshot
from homeward.framework.snapshot import AgencyConsulted, AgencyInvolved, MeetingAbsence, Need

RULE = "key-agency-absent"
FORWARD = AgencyConsulted(
    type="substance_misuse",
    name="Forward",
    consulted_on=date(2026, 6, 1),
    contribution="Letter: attending weekly, two clear tests",
)


def _drink(s: CaseSnapshot, *consulted: AgencyConsulted) -> CaseSnapshot:
    return replace(
        s,
        needs=(*s.needs, Need(type="substance_misuse", person="Jo Brown")),
        agencies_consulted=(*s.agencies_consulted, *consulted),
    )


def test_fires_naming_the_need_the_person_and_the_agency(clean: CaseSnapshot) -> None:
    f = find(_drink(clean), RULE, "D1")
    assert f is not None and f.kind == "gap" and f.people == ("Jo Brown",)
    assert "substance misuse (Jo Brown)" in f.message and "the substance-misuse service" in f.message


def test_silent_once_consulted_on_the_day_of_the_decision(clean: CaseSnapshot) -> None:
    assert find(_drink(clean, FORWARD), RULE, "D1") is None


@pytest.mark.parametrize(
    ("consulted_on", "contribution", "says"),
    [
        (None, "Letter: attending weekly, two clear tests", "listed as consulted, but with no date"),
        (date(2026, 6, 1), "TBC", "says only 'TBC'"),
        (date(2026, 6, 1), "n/a", "says only 'n/a'"),
        (date(2026, 6, 1), "see notes", "says only 'see notes'"),
        (date(2026, 6, 1), "", "is blank"),
    ],
    ids=["no date", "TBC", "n/a", "see notes", "nothing contributed"],
)
def test_a_consultation_counts_only_as_a_dated_contribution(
    clean: CaseSnapshot, consulted_on: date | None, contribution: str, says: str
) -> None:
    listed = replace(FORWARD, consulted_on=consulted_on, contribution=contribution)
    f = find(_drink(clean, listed), RULE, "D1")
    assert f is not None and says in f.message


def test_a_consultation_dated_after_the_decision_does_not_count(clean: CaseSnapshot) -> None:
    f = find(_drink(clean, replace(FORWARD, consulted_on=date(2026, 6, 2))), RULE, "D1")
    assert f is not None and "the substance-misuse service has not been consulted" in f.message


def test_mental_health_names_the_service_involved(clean: CaseSnapshot) -> None:
    f = find(replace(clean, agencies_consulted=clean.agencies_consulted[1:]), RULE, "D1")
    assert f is not None
    assert "parental mental health (Jo Brown)" in f.message and "adult mental health services" in f.message
    assert "Community Mental Health Team is involved with the family" in f.message


def test_an_agency_only_involved_does_not_count_as_consulted(clean: CaseSnapshot) -> None:
    only_involved = replace(
        clean,
        needs=(Need(type="housing", person="Jo Brown"),),
        agencies_involved=(AgencyInvolved(type="housing", name="Council housing"),),
    )
    f = find(only_involved, RULE, "D1")
    assert f is not None and "Council housing is involved with the family" in f.message


def test_domestic_abuse_takes_the_police_or_a_domestic_abuse_service(clean: CaseSnapshot) -> None:
    da = replace(clean, needs=(*clean.needs, Need(type="domestic_abuse", person="Lee Jones")))
    f = find(da, RULE, "D1")
    assert f is not None and "the police or a domestic abuse service" in f.message
    for agency in ("police", "domestic_abuse_service"):
        contributed = AgencyConsulted(
            type=agency, consulted_on=da.as_of, contribution="Call-out history, 2 years"
        )
        assert find(replace(da, agencies_consulted=(*da.agencies_consulted, contributed)), RULE, "D1") is None


def test_a_key_agency_absent_from_the_latest_meeting(clean: CaseSnapshot) -> None:
    missed = MeetingAbsence(
        type="adult_mental_health",
        name="Community Mental Health Team",
        meeting_on=date(2026, 5, 20),
        meeting_kind="looked_after_review",
        invited=True,
    )
    f = find(replace(clean, meeting_absences=(missed,)), RULE, "D3")
    assert f is not None and f.items == ("adult_mental_health",)
    assert (
        "Community Mental Health Team was invited to the looked-after review on 20 May 2026 but did not "
        "attend, though it holds the evidence about parental mental health." in f.message
    )
    not_invited = replace(missed, invited=False, name="")
    f = find(replace(clean, meeting_absences=(not_invited,)), RULE, "D1")
    assert f is not None
    assert "Adult mental health services was not invited to the looked-after review" in f.message
    # Silent when the agency is not key for any of the family's needs, or the meeting is after as_of.
    housing = replace(missed, type="housing", name="Council housing")
    assert find(replace(clean, meeting_absences=(housing,)), RULE, "D3") is None
    later = replace(missed, meeting_on=date(2026, 7, 1))
    assert find(replace(clean, meeting_absences=(later,)), RULE, "D3") is None
