"""Decisions stored before a decision was a `SignedVersion` keep who signed them off or returned them,
and when: the data migration moves the decision's own signature fields into `SignedVersion`'s."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import pytest

from tests.migrations import latest, migrate_to

BEFORE = [("decisions", "0001_initial")]
AFTER = [("decisions", "0003_remove_own_signature_fields")]
PROPOSED_AT = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
MANAGER_AT = datetime(2025, 3, 4, 15, 30, tzinfo=UTC)


@pytest.fixture
def old_schema(transactional_db: Any) -> Iterator[Any]:
    """The apps as they were before the migration; the newest schema is restored afterwards."""
    newest = latest()
    try:
        yield migrate_to(BEFORE)
    finally:
        migrate_to(newest)


def _child(apps: Any) -> Any:
    team = apps.get_model("organisation", "Team").objects.create(name="North")
    return apps.get_model("children", "Child").objects.create(
        la_child_id="M1",
        first_name="Test",
        last_name="Child",
        date_of_birth=date(2015, 1, 1),
        sex="1",
        ethnicity="WBRI",
        team=team,
    )


def _decision(apps: Any, gate: str, status: str, manager: Any, **fields: Any) -> Any:
    Decision = apps.get_model("decisions", "Decision")
    child = apps.get_model("children", "Child").objects.first()
    decision = Decision.objects.create(
        child=child,
        gate=gate,
        answer="maybe",
        rationale="Progress, with support.",
        proposed_by_name="Sam Okafor",
        as_of=date(2025, 3, 1),
        evaluation={"gaps": [], "cautions": []},
        suggested_answer="maybe",
        config_version="test",
        status=status,
        manager=manager,
        manager_name=f"{manager.first_name} {manager.last_name}".strip() if manager else "",
        **{"version": 1, **fields},
    )
    # auto_now_add sets it on create; the test needs a known time.
    Decision.objects.filter(pk=decision.pk).update(proposed_at=PROPOSED_AT)
    return decision


def test_signed_off_and_returned_decisions_keep_their_manager_and_time(old_schema: Any) -> None:
    apps = old_schema
    User = apps.get_model("auth", "User")
    manager = User.objects.create(username="hmarsh", first_name="Helen", last_name="Marsh")
    _child(apps)
    signed = _decision(apps, "D1", "signed_off", manager, manager_at=MANAGER_AT, manager_reasons="Agreed.")
    returned = _decision(apps, "D2", "returned", manager, manager_at=MANAGER_AT, manager_reasons="Say more.")
    waiting = _decision(apps, "D3", "proposed", None)
    # Signed off before the time was recorded: still signed, at the earliest it can have been.
    untimed = _decision(apps, "D1", "signed_off", manager, version=2, manager_reasons="")

    new = migrate_to(AFTER).get_model("decisions", "Decision")
    fields = {f.name for f in new._meta.get_fields()}
    assert not fields & {"status", "manager", "manager_name", "manager_at"}

    after = new.objects.get(pk=signed.pk)
    assert (after.signed_by_id, after.signed_by_name, after.signed_at) == (
        manager.pk,
        "Helen Marsh",
        MANAGER_AT,
    )
    assert (after.returned_by_id, after.returned_at, after.manager_reasons) == (None, None, "Agreed.")

    after = new.objects.get(pk=returned.pk)
    assert (after.returned_by_id, after.returned_by_name) == (manager.pk, "Helen Marsh")
    assert (
        after.returned_at == MANAGER_AT and after.signed_at is None and after.manager_reasons == "Say more."
    )

    after = new.objects.get(pk=waiting.pk)
    assert (after.signed_at, after.returned_at, after.signed_by_name, after.returned_by_name) == (
        None,
        None,
        "",
        "",
    )

    after = new.objects.get(pk=untimed.pk)
    assert after.signed_at == PROPOSED_AT and after.signed_by_id == manager.pk


def test_the_migration_reverses(old_schema: Any) -> None:
    apps = old_schema
    manager = apps.get_model("auth", "User").objects.create(username="hmarsh", first_name="Helen")
    _child(apps)
    signed = _decision(apps, "D1", "signed_off", manager, manager_at=MANAGER_AT)
    returned = _decision(apps, "D2", "returned", manager, manager_at=MANAGER_AT)
    migrate_to(AFTER)

    old = migrate_to(BEFORE).get_model("decisions", "Decision")
    assert [(d.pk, d.status, d.manager_id, d.manager_at) for d in old.objects.order_by("pk")] == [
        (signed.pk, "signed_off", manager.pk, MANAGER_AT),
        (returned.pk, "returned", manager.pk, MANAGER_AT),
    ]
