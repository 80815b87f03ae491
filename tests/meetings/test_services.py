"""The rules of meetings in the services: details checked field by field, who came, actions, and
minutes that once signed refuse every change but an action's tracking."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from homeward.meetings import selectors, services
from homeward.meetings.models import Meeting, Minutes, Participant, SignedMinutesError
from tests.meetings.helpers import health_key, mother_key, ready_to_sign, record


def _field(error: pytest.ExceptionInfo[ValidationError]) -> set[str]:
    return set(error.value.error_dict)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"kind": "tea_party"}, "kind"),
        ({"held_on": None}, "held_on"),
        ({"held_on": "future"}, "held_on"),
        ({"purpose": "  "}, "purpose"),
        ({"chair": ""}, "chair"),
    ],
)
def test_recording_a_meeting_names_the_field_it_refuses(
    demo: Any, staff: Any, change: dict[str, Any], field: str
) -> None:
    data: dict[str, Any] = {
        "kind": "family_group_conference",
        "held_on": timezone.localdate(),
        "purpose": "To plan",
        "chair": "Helen Marsh",
        **change,
    }
    if data["held_on"] == "future":
        data["held_on"] = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        services.record_meeting(demo.showcase, staff["worker"], **data)
    assert _field(refused) == {field}
    assert not Meeting.objects.filter(purpose="To plan").exists()


def test_a_meeting_starts_with_unsigned_minutes(demo: Any, staff: Any) -> None:
    meeting = record(demo.showcase, staff["worker"])
    minutes = selectors.latest_minutes(meeting)
    assert minutes is not None and minutes.version == 1 and not minutes.is_signed
    assert minutes.written_by == staff["worker"]


def test_participants_record_invited_attended_and_apologies(demo: Any, staff: Any) -> None:
    child = demo.showcase
    meeting = record(child, staff["worker"])
    health, mother = health_key(child), mother_key(child)
    services.set_participants(
        meeting, invited={mother, "child"}, attended={mother}, apologies={health}, others="Ann Lee, nurse"
    )
    rows = {services.participant_key(p): p for p in meeting.participants.all()}
    assert rows[mother].attended and rows[mother].invited
    assert rows["child"].invited and not rows["child"].attended
    # apologies mean they were asked
    assert rows[health].apologies and rows[health].invited and not rows[health].attended
    assert rows["other"].name == "Ann Lee" and rows["other"].role == "nurse"
    assert services.others_text(meeting) == "Ann Lee, nurse"


def test_participants_refuse_attending_and_apologies_and_strangers(demo: Any, staff: Any) -> None:
    child = demo.showcase
    meeting = record(child, staff["worker"])
    mother = mother_key(child)
    with pytest.raises(ValidationError) as both:
        services.set_participants(meeting, invited={mother}, attended={mother}, apologies={mother})
    assert _field(both) == {"apologies"}
    with pytest.raises(ValidationError) as stranger:
        services.set_participants(meeting, invited={"family-999999"}, attended=(), apologies=())
    assert _field(stranger) == {"invited"}
    assert not Participant.objects.filter(meeting=meeting).exists()


def test_an_action_needs_what_who_and_a_due_date_not_before_the_meeting(demo: Any, staff: Any) -> None:
    meeting = record(demo.showcase, staff["worker"])
    ok: dict[str, Any] = {"description": "Visit", "owner_name": "Sam", "due_on": timezone.localdate()}
    for change, field in (
        ({"description": ""}, "description"),
        ({"owner_name": " "}, "owner_name"),
        ({"due_on": None}, "due_on"),
        ({"due_on": meeting.held_on - timedelta(days=1)}, "due_on"),
    ):
        with pytest.raises(ValidationError) as refused:
            services.add_action(meeting, **{**ok, **change})
        assert _field(refused) == {field}
    assert services.add_action(meeting, **ok).owner_name == "Sam"


def test_minutes_need_who_came_and_what_was_decided_and_a_signer_who_did_not_write_them(
    demo: Any, staff: Any
) -> None:
    child = demo.showcase
    meeting = record(child, staff["worker"])
    assert services.missing_for_signature(meeting) == ["Record who attended", "Record what was decided"]
    with pytest.raises(ValidationError, match="cannot be signed yet"):
        services.sign_minutes(meeting, staff["manager"])
    meeting = ready_to_sign(child, staff["worker"])
    with pytest.raises(ValidationError, match="person who wrote them"):
        services.sign_minutes(meeting, staff["worker"])
    signed = services.sign_minutes(meeting, staff["manager"])
    assert signed.is_signed and signed.signed_by_name and signed.signed_document is not None


def test_signed_minutes_refuse_every_change_but_an_action_done(demo: Any, staff: Any) -> None:
    child = demo.showcase
    meeting = ready_to_sign(child, staff["worker"])
    action = services.add_action(meeting, description="Visit", owner_name="Sam", due_on=meeting.held_on)
    minutes = services.sign_minutes(meeting, staff["manager"])
    with pytest.raises(SignedMinutesError, match="Start a new version"):
        services.record_decisions(meeting, decisions="Something else")
    with pytest.raises(SignedMinutesError):
        services.set_participants(meeting, invited={"child"}, attended=(), apologies=())
    with pytest.raises(SignedMinutesError):
        services.add_action(meeting, description="More", owner_name="Sam", due_on=meeting.held_on)
    with pytest.raises(SignedMinutesError):
        services.update_meeting(
            meeting, kind="looked_after_review", held_on=meeting.held_on, purpose="x", chair="y"
        )
    with pytest.raises(SignedMinutesError):  # the models refuse too, whoever tries
        Minutes.objects.filter(pk=minutes.pk).update(decisions="Rewritten")
    assert Minutes.objects.get(pk=minutes.pk).decisions == "The plan goes ahead."
    # what was agreed is frozen; whether it was done since is tracked on the action
    done = services.mark_done(action, staff["worker"], done_on=timezone.localdate())
    assert done.done_on == timezone.localdate()
    assert Minutes.objects.get(pk=minutes.pk).document.actions[0].description == "Visit"


def test_a_new_version_of_signed_minutes_unlocks_the_meeting_and_keeps_the_signed_one(
    demo: Any, staff: Any
) -> None:
    meeting = ready_to_sign(demo.showcase, staff["worker"])
    with pytest.raises(ValidationError, match="still being written"):
        services.start_new_version(meeting, staff["worker"])
    first = services.sign_minutes(meeting, staff["manager"])
    second = services.start_new_version(meeting, staff["worker"])
    assert second.version == 2 and second.supersedes_id == first.pk and not second.is_signed
    assert second.decisions == first.decisions
    services.record_decisions(meeting, decisions="The plan goes ahead, with a later date.")
    assert Minutes.objects.get(pk=first.pk).document.decisions == "The plan goes ahead."
    assert selectors.latest_minutes(meeting).document.decisions.endswith("later date.")  # type: ignore[union-attr]


def test_marking_done_names_the_date_it_refuses(demo: Any, staff: Any) -> None:
    meeting = record(demo.showcase, staff["worker"])
    action = services.add_action(meeting, description="Visit", owner_name="Sam", due_on=meeting.held_on)
    for day in (None, timezone.localdate() + timedelta(days=1), meeting.held_on - timedelta(days=1)):
        with pytest.raises(ValidationError) as refused:
            services.mark_done(action, staff["worker"], done_on=day)
        assert _field(refused) == {"done_on"}
