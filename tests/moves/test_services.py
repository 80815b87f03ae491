"""Recording moves: each kind valid and refused, the planned-return gate, the 903 checks, corrections."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from homeward.children.models import Episode
from homeward.moves import selectors, services
from homeward.moves.models import Move, MoveKind
from homeward.moves.services import MoveDetails
from homeward.organisation.models import StaffProfile
from tests.moves.helpers import approved, ready_child, sign_d3


def _open(child: Any) -> Episode:
    episode = child.episodes.filter(dec__isnull=True).first()
    assert episode is not None
    return episode


def _record(child: Any, user: Any, kind: str, **fields: Any) -> Move:
    fields.setdefault("moved_on", timezone.localdate())
    return services.record_move(child, MoveDetails(kind=kind, **fields), user=user)


def _refused(child: Any, user: Any, kind: str, **fields: Any) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as refused:
        _record(child, user, kind, **fields)
    return refused.value.message_dict


def test_a_planned_return_needs_a_signed_off_d3_yes(demo: Any, staff: Any) -> None:
    child = ready_child()  # D3 "yes" proposed, not yet signed off
    errors = _refused(child, staff["worker"], MoveKind.RETURN_HOME, planned=True)
    assert "signed-off D3 decision" in " ".join(errors["planned"])
    assert not Move.objects.filter(child=child).exists()
    assert _open(child).dec is None


def test_a_planned_return_after_20_working_days_needs_the_nominated_officers_approval(
    demo: Any, staff: Any
) -> None:
    child = ready_child()
    sign_d3(child, staff["manager"])
    assert selectors.needs_nominated_officer(child, timezone.localdate())
    errors = _refused(child, staff["worker"], MoveKind.RETURN_HOME, planned=True)
    assert "nominated officer" in " ".join(errors["planned"])
    with pytest.raises(ValidationError) as tbc:
        services.approve_return(child, user=staff["manager"], reasons="TBC")
    assert "reasons" in tbc.value.message_dict  # a placeholder is no reason
    approval = services.approve_return(
        child, user=staff["manager"], reasons="Checklist read with the worker."
    )
    assert [item["key"] for item in approval.checklist] == [
        "living_arrangements",
        "support_needed",
        "wishes",
        "welfare",
        "support_after",
    ]
    episode = _open(child)
    move = _record(child, staff["worker"], MoveKind.RETURN_HOME, planned=True)
    episode.refresh_from_db()
    assert (episode.dec, episode.rec) == (timezone.localdate(), "E4A")
    assert move.decision is not None and move.decision.gate == "D3" and move.approval == approval
    assert move.rec == "E4A" and move.episode_ended == episode


def test_only_a_nominated_officer_approves(demo: Any, staff: Any) -> None:
    child = ready_child()
    sign_d3(child, staff["manager"])
    for user in (staff["worker"], staff["iro"]):
        with pytest.raises(ValidationError, match="nominated officer"):
            services.approve_return(child, user=user, reasons="Agreed.")
    StaffProfile.objects.filter(user=staff["manager"]).update(nominated_officer=False)
    staff["manager"].refresh_from_db()
    with pytest.raises(ValidationError, match="nominated officer"):
        services.approve_return(child, user=staff["manager"], reasons="Agreed.")


def test_approval_needs_reasons_and_a_signed_d3(demo: Any, staff: Any) -> None:
    child = ready_child()
    with pytest.raises(ValidationError, match="no signed-off D3"):
        services.approve_return(child, user=staff["manager"], reasons="Agreed.")
    sign_d3(child, staff["manager"])
    with pytest.raises(ValidationError) as refused:
        services.approve_return(child, user=staff["manager"], reasons="  ")
    assert "reasons" in refused.value.message_dict


def test_an_unplanned_return_is_e4b_with_its_reason(demo: Any, staff: Any) -> None:
    child = ready_child()
    errors = _refused(child, staff["worker"], MoveKind.RETURN_HOME, planned=False)
    assert "unplanned_reason" in errors
    move = _record(
        child, staff["worker"], MoveKind.RETURN_HOME, planned=False, unplanned_reason="parent_removed"
    )
    assert move.rec == "E4B" and move.decision is None
    assert move.episode_ended is not None and move.episode_ended.rec == "E4B"
    assert selectors.open_episode(child) is None


def test_a_move_cannot_be_in_the_future_or_before_the_episode_began(demo: Any, staff: Any) -> None:
    child = ready_child()
    tomorrow = timezone.localdate() + timedelta(days=1)
    errors = _refused(
        child,
        staff["worker"],
        MoveKind.RETURN_HOME,
        planned=False,
        unplanned_reason="other",
        moved_on=tomorrow,
    )
    assert errors["moved_on"] == ["The date of the move cannot be in the future."]
    before = _open(child).decom - timedelta(days=1)
    errors = _refused(
        child,
        staff["worker"],
        MoveKind.PLACEMENT_CHANGE,
        moved_on=before,
        place="U1",
        place_provider="PR1",
        reason_place_change="CARPL",
    )
    assert "cannot be earlier" in errors["moved_on"][0]


def test_a_placement_change_ends_the_episode_x1_and_starts_one_rne_p(demo: Any, staff: Any) -> None:
    child = ready_child()
    episode = _open(child)
    move = _record(
        child,
        staff["worker"],
        MoveKind.PLACEMENT_CHANGE,
        place="U1",
        place_provider="PR1",
        reason_place_change="CARPL",
    )
    episode.refresh_from_db()
    new = _open(child)
    assert (episode.dec, episode.rec) == (move.moved_on, "X1")
    assert (new.decom, new.rne, new.place, new.ls, new.reason_place_change) == (
        move.moved_on,
        "P",
        "U1",
        episode.ls,
        "CARPL",
    )


def test_the_903_rules_refuse_what_an_import_would_refuse(demo: Any, staff: Any) -> None:
    child = ready_child()
    episode = _open(child)
    # A second episode starting the day the current one started: the validator's HW-09.
    errors = _refused(
        child,
        staff["worker"],
        MoveKind.PLACEMENT_CHANGE,
        moved_on=episode.decom,
        place="U1",
        place_provider="PR1",
        reason_place_change="CARPL",
    )
    assert any("HW-09" in m for m in errors["moved_on"]), errors
    # A code the 903 does not have is refused by the code lists.
    with pytest.raises(ValidationError) as refused:
        _record(
            child,
            staff["worker"],
            MoveKind.PLACEMENT_CHANGE,
            place="Q9",
            place_provider="PR1",
            reason_place_change="CARPL",
        )
    assert "place" in refused.value.message_dict
    episode.refresh_from_db()
    assert episode.dec is None and child.episodes.count() == Episode.objects.filter(child=child).count()


def test_placed_with_parents_is_p1_under_a_care_order_but_not_under_section_20(demo: Any, staff: Any) -> None:
    child = ready_child()
    episode = _open(child)
    Episode.objects.filter(pk=episode.pk).update(ls="V2")
    errors = _refused(child, staff["worker"], MoveKind.PLACED_WITH_PARENTS)
    assert "section 20" in errors["__all__"][0]
    Episode.objects.filter(pk=episode.pk).update(ls="C2")
    _record(child, staff["worker"], MoveKind.PLACED_WITH_PARENTS)
    new = _open(child)
    assert (new.place, new.place_provider, new.ls, new.rne) == ("P1", "PR0", "C2", "P")
    errors = _refused(child, staff["worker"], MoveKind.PLACED_WITH_PARENTS)
    assert "already placed with parents" in errors["__all__"][0]


def test_a_re_entry_follows_a_return_and_is_rne_s(demo: Any, staff: Any) -> None:
    child = ready_child()
    today = timezone.localdate()
    errors = _refused(
        child, staff["worker"], MoveKind.RE_ENTRY, ls="V2", cin="N1", place="U1", place_provider="PR1"
    )
    assert "looked after now" in errors["__all__"][0]
    _record(
        child,
        staff["worker"],
        MoveKind.RETURN_HOME,
        planned=False,
        unplanned_reason="young_person_left",
        moved_on=today - timedelta(days=10),
    )
    errors = _refused(
        child,
        staff["worker"],
        MoveKind.RE_ENTRY,
        moved_on=today - timedelta(days=11),
        ls="V2",
        cin="N1",
        place="U1",
        place_provider="PR1",
    )
    assert "cannot be earlier" in errors["moved_on"][0]
    _record(child, staff["worker"], MoveKind.RE_ENTRY, ls="V2", cin="N1", place="U1", place_provider="PR1")
    new = _open(child)
    assert (new.rne, new.decom, new.ls) == ("S", today, "V2")


def test_a_correction_is_a_new_move_and_puts_the_episodes_right(demo: Any, staff: Any) -> None:
    child = ready_child()
    today = timezone.localdate()
    first = _record(
        child,
        staff["worker"],
        MoveKind.RETURN_HOME,
        planned=False,
        unplanned_reason="other",
        moved_on=today - timedelta(days=3),
    )
    details = MoveDetails(
        kind=MoveKind.RETURN_HOME,
        moved_on=today - timedelta(days=5),
        planned=False,
        unplanned_reason="parent_removed",
    )
    for says_nothing in (" ", "n/a"):
        with pytest.raises(ValidationError):
            services.correct_move(first, details, reason=says_nothing, user=staff["worker"])
    corrected = services.correct_move(first, details, reason="The date was mistyped.", user=staff["worker"])
    first.refresh_from_db()
    assert first.moved_on == today - timedelta(days=3) and first.is_corrected
    assert corrected.corrects == first and corrected.correction_reason == "The date was mistyped."
    ended = Episode.objects.get(pk=corrected.episode_ended_id or 0)
    assert (ended.dec, ended.rec) == (today - timedelta(days=5), "E4B")
    with pytest.raises(ValidationError, match="latest move"):
        services.correct_move(first, details, reason="The reason was recorded wrongly.", user=staff["worker"])
    assert Move.objects.filter(child=child).count() == 2


def test_a_move_is_written_once(demo: Any, staff: Any) -> None:
    child = ready_child()
    move = _record(child, staff["worker"], MoveKind.RETURN_HOME, planned=False, unplanned_reason="other")
    move.notes = "changed"
    with pytest.raises(ValidationError, match="record a correction"):
        move.save()


def test_approved_helper_gives_an_approval_for_the_standing_d3(demo: Any, staff: Any) -> None:
    child = ready_child()
    approval = approved(child, staff["manager"])
    assert selectors.return_readiness(child, timezone.localdate()).outstanding == []
    assert approval.decision == selectors.d3_yes(child)


def test_working_days_skip_weekends_and_english_bank_holidays() -> None:
    from datetime import date

    # Monday 21 Dec 2026 to Monday 4 Jan 2027: Christmas (Fri 25), Boxing Day observed (Mon 28) and
    # New Year's Day (Fri 1) are not working days.
    assert selectors.working_days(date(2026, 12, 21), date(2027, 1, 4)) == 7
    assert selectors.working_days(date(2026, 12, 7), date(2026, 12, 14)) == 5


def test_a_move_tells_the_agencies_involved_that_day_the_iro_and_the_managers(demo: Any, staff: Any) -> None:
    from homeward.notifications.models import Notification, OutboxEmail, SharingRecord

    child = ready_child()
    child.iro = staff["iro"]
    child.save(update_fields=["iro"])
    involved = list(child.agency_involvements.select_related("agency"))
    before = set(OutboxEmail.objects.filter(child=child).values_list("pk", flat=True))
    move = _record(
        child, staff["worker"], MoveKind.RETURN_HOME, planned=False, unplanned_reason="parent_removed"
    )
    told = set(
        Notification.objects.filter(child=child, event=MoveKind.RETURN_HOME).values_list(
            "recipient__username", flat=True
        )
    )
    assert {"iro", "manager"} <= told and "worker2" not in told
    emails = set(
        OutboxEmail.objects.filter(child=child).exclude(pk__in=before).values_list("to_address", flat=True)
    )
    expected = {
        i.agency.contact_email for i in involved if i.agency.contact_email and i.is_current(move.moved_on)
    }
    assert emails == expected and expected
    assert SharingRecord.objects.filter(child=child).count() >= len(told)
    flagged = Notification.objects.filter(child=child, event="unplanned_return")
    assert set(flagged.values_list("recipient__username", flat=True)) == {"manager"}
    assert "parent removed" in flagged.first().summary  # type: ignore[union-attr]


def test_a_return_starts_monitoring_and_a_re_entry_closes_it_as_a_breakdown(demo: Any, staff: Any) -> None:
    from homeward.monitoring import selectors as monitoring
    from homeward.monitoring.models import Closure, PeriodKind

    child = ready_child()
    today = timezone.localdate()
    _record(
        child,
        staff["worker"],
        MoveKind.RETURN_HOME,
        planned=False,
        unplanned_reason="other",
        moved_on=today - timedelta(days=20),
    )
    period = monitoring.open_period(child)
    assert period is not None and period.kind == PeriodKind.RETURN_HOME
    assert period.started_on == today - timedelta(days=20)
    _record(
        child,
        staff["worker"],
        MoveKind.RE_ENTRY,
        ls="V2",
        cin="N1",
        place="U1",
        place_provider="PR1",
        notes="The mother's partner returned to the home.",
    )
    period.refresh_from_db()
    assert (period.closure, period.closed_on) == (Closure.BREAKDOWN, today)
    assert period.closure_reason == "The mother's partner returned to the home."
    assert monitoring.open_period(child) is None


def test_placed_with_parents_is_monitored_and_a_return_then_carries_on(demo: Any, staff: Any) -> None:
    from homeward.monitoring import selectors as monitoring
    from homeward.monitoring.models import Closure, PeriodKind

    child = ready_child()
    today = timezone.localdate()
    Episode.objects.filter(pk=_open(child).pk).update(ls="C2")
    _record(child, staff["worker"], MoveKind.PLACED_WITH_PARENTS, moved_on=today - timedelta(days=30))
    placed = monitoring.open_period(child)
    assert placed is not None and placed.kind == PeriodKind.PLACED_WITH_PARENTS
    _record(child, staff["worker"], MoveKind.RETURN_HOME, planned=False, unplanned_reason="court")
    placed.refresh_from_db()
    assert placed.closure == Closure.ENDED
    after = monitoring.open_period(child)
    assert after is not None and after.kind == PeriodKind.RETURN_HOME and after.started_on == today
