"""The snapshot's JSON Schema, validation errors that name each field, and the dict round trip."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

from homeward.framework import CaseSnapshot, SnapshotError, snapshot_from_dict, snapshot_json_schema
from homeward.framework.examples import example_dict, example_names


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = snapshot_json_schema()
    Draft202012Validator.check_schema(schema)
    assert schema["required"] == ["as_of", "child", "legal_status"]
    assert schema["additionalProperties"] is False
    member = schema["properties"]["household_members"]["items"]
    assert "excluded_reason" in member["properties"] and member["description"]
    assert member["properties"]["parental_responsibility"]["default"] is False
    assert schema["properties"]["care_history"]["default"]["placements_in_current_period"] == 1
    # agency types are a fixed list of slugs
    agency = schema["properties"]["agencies_consulted"]["items"]["properties"]["type"]
    assert "adult_mental_health" in agency["enum"] and "domestic_abuse_service" in agency["enum"]


def test_schema_is_a_fresh_copy() -> None:
    snapshot_json_schema()["properties"].clear()
    assert snapshot_json_schema()["properties"]


@pytest.mark.parametrize("name", example_names())
def test_examples_validate_and_round_trip(name: str) -> None:
    data = example_dict(name)
    snapshot = snapshot_from_dict(data)
    assert isinstance(snapshot, CaseSnapshot)
    assert snapshot_from_dict(snapshot.to_dict()) == snapshot
    Draft202012Validator(snapshot_json_schema()).validate(snapshot.to_dict())
    json.dumps(snapshot.to_dict())


def _errors(data: object) -> list[str]:
    with pytest.raises(SnapshotError) as info:
        snapshot_from_dict(data)
    assert str(info.value).startswith("The case snapshot is not valid")
    return info.value.messages


def test_errors_name_each_offending_field() -> None:
    data = example_dict("dean-smith")
    data["as_of"] = "2026-02-30"
    data["legal_status"] = "Z9"
    data["household_members"][1]["nmae"] = "typo"
    data["household_members"][2]["assessed_on"] = "yesterday"
    data["goals"][0]["reviews"][1]["score"] = 3
    data["child"].pop("name")
    data["care_history"]["placements_in_current_period"] = "two"
    messages = _errors(data)
    expected = [
        "as_of: '2026-02-30' is not a valid date",
        "legal_status: 'Z9' is not one of",
        "household_members[1].nmae: is not a known field",
        "household_members[2].assessed_on: 'yesterday' is not a valid date",
        "goals[0].reviews[1].score: 3 is greater than the maximum of 2",
        "child.name: is required",
        "care_history.placements_in_current_period: 'two' is not of type integer",
    ]
    for text in expected:
        assert any(m.startswith(text) for m in messages), (text, messages)
    assert len(messages) == len(expected)


def test_nullable_object_errors_point_inside_it() -> None:
    data = example_dict("ready-to-return")
    data["agreement"] = {"exists": "yes"}
    assert _errors(data) == ["agreement.exists: 'yes' is not of type boolean"]


def test_cross_field_problems_are_reported_by_field() -> None:
    data = example_dict("dean-smith")
    data["evidence"][1]["id"] = "ev-1"
    data["evidence"][2]["written_up_on"] = "2026-05-01"
    data["goals"][0]["reviews"][0]["evidence_ids"] = ["ev-99"]
    messages = _errors(data)
    assert "evidence[1].id: 'ev-1' is used by an earlier evidence item" in messages
    assert "evidence[2].written_up_on: 2026-05-01 is before seen_on 2026-05-20" in messages
    assert "goals[0].reviews[0].evidence_ids[0]: 'ev-99' is not the id of an evidence item" in messages


@pytest.mark.parametrize("data", [None, [], "snapshot", 3])
def test_not_an_object(data: object) -> None:
    assert _errors(data) == [f"(the snapshot): expected a JSON object, got {type(data).__name__}"]


def test_minimal_snapshot_uses_defaults() -> None:
    s = snapshot_from_dict(
        {"as_of": "2026-01-01", "child": {"name": "A B", "date_of_birth": "2020-01-01"}, "legal_status": "C2"}
    )
    assert (
        s.household_members == () and s.agreement is None and s.care_history.placements_in_current_period == 1
    )
    assert s.child_age == 6


def _with_occasions_missing_and_evidence() -> dict[str, object]:
    data = example_dict("ready-to-return")
    data["child_seen"] = [
        {
            "seen_on": "2026-03-02",
            "present": ["Priya Shah (social worker)", "Jo Brown (mother)"],
            "seen_alone": False,
            "note": "At contact",
        },
        {"seen_on": "2026-04-20", "present": ["Priya Shah (social worker)"], "seen_alone": True},
    ]
    data["missing_episodes"] = [
        {"started_on": "2026-04-10", "ended_on": "2026-04-11", "ran_home": True, "note": "Found at home"},
        {"started_on": "2026-05-20", "ended_on": None, "ran_home": False},
    ]
    data["evidence"].append(  # type: ignore[attr-defined]
        {
            "id": "ev-sm",
            "description": "Forward Leeds letter",
            "source": "Forward Leeds",
            "kind": "written",
            "seen_on": "2026-05-01",
            "agency": "substance_misuse",
            "shows_continuing": True,
        }
    )
    data["needs"].append(  # type: ignore[attr-defined]
        {"type": "substance_misuse", "person": "Jo Brown", "continuing": False, "evidence_ids": ["ev-sm"]}
    )
    return data


def test_occasions_missing_episodes_and_what_evidence_shows_round_trip() -> None:
    snapshot = snapshot_from_dict(_with_occasions_missing_and_evidence())
    assert snapshot_from_dict(snapshot.to_dict()) == snapshot
    Draft202012Validator(snapshot_json_schema()).validate(snapshot.to_dict())
    first, second = snapshot.child_seen
    assert first.present == ("Priya Shah (social worker)", "Jo Brown (mother)") and not first.seen_alone
    assert second.seen_alone and second.note == ""
    assert snapshot.missing_episodes[0].ran_home and snapshot.missing_episodes[1].ended_on is None
    assert snapshot.evidence[-1].shows_continuing is True and snapshot.evidence[0].shows_continuing is None
    assert snapshot.needs[-1].evidence_ids == ("ev-sm",) and snapshot.needs[0].evidence_ids == ()


def test_new_fields_are_checked_by_field() -> None:
    data = _with_occasions_missing_and_evidence()
    data["needs"][-1]["evidence_ids"] = ["ev-nowhere"]  # type: ignore[index]
    data["missing_episodes"][0]["ended_on"] = "2026-04-01"  # type: ignore[index]
    data["child_seen"][1]["seen_alone"] = "yes"  # type: ignore[index]
    with pytest.raises(SnapshotError) as caught:
        snapshot_from_dict(data)
    assert caught.value.messages == ["child_seen[1].seen_alone: 'yes' is not of type boolean"]
    data["child_seen"][1]["seen_alone"] = True  # type: ignore[index]
    with pytest.raises(SnapshotError) as caught:
        snapshot_from_dict(data)
    assert caught.value.messages == [
        "needs[1].evidence_ids[0]: 'ev-nowhere' is not the id of an evidence item",
        "missing_episodes[0].ended_on: 2026-04-01 is before started_on 2026-04-10",
    ]
