"""claim_edit: one UPDATE … WHERE edit_version decides which of two saves wins; a signed record's
version is never raised."""

from __future__ import annotations

from typing import Any

import pytest

from homeward.base.concurrency import EditConflict, claim_edit, claim_new
from homeward.children.models import FamilyMember
from homeward.plans.models import ParentSection, SignedAgreementError
from tests.plans.helpers import write_agreement


def test_of_two_saves_from_the_same_version_only_the_first_wins(demo: Any) -> None:
    member = FamilyMember.objects.filter(child=demo.showcase).first()
    assert member is not None
    mine, theirs = FamilyMember.objects.get(pk=member.pk), FamilyMember.objects.get(pk=member.pk)
    seen = mine.edit_version

    claim_edit(mine, seen)
    with pytest.raises(EditConflict):
        claim_edit(theirs, seen)

    assert mine.edit_version == seen + 1
    assert FamilyMember.objects.get(pk=member.pk).edit_version == seen + 1


def test_a_caller_not_replaying_a_form_takes_the_next_version(demo: Any) -> None:
    member = FamilyMember.objects.filter(child=demo.showcase).first()
    assert member is not None
    before = member.edit_version
    claim_edit(member, None)
    assert FamilyMember.objects.get(pk=member.pk).edit_version == before + 1


def test_a_part_of_a_signed_agreement_keeps_its_version(demo: Any) -> None:
    from homeward.plans import services

    agreement = write_agreement(demo.showcase, demo.staff["worker"])
    services.sign_agreement(agreement, demo.staff["manager"])
    section = ParentSection.objects.filter(agreement=agreement).first()
    assert section is not None
    before = section.edit_version

    with pytest.raises(SignedAgreementError):
        claim_edit(section, before)

    assert ParentSection.objects.get(pk=section.pk).edit_version == before


def test_a_record_made_after_the_form_was_drawn_is_a_conflict(demo: Any) -> None:
    member = FamilyMember.objects.filter(child=demo.showcase).first()
    claim_new(None, 0)  # nothing yet, the form saw nothing: fine
    with pytest.raises(EditConflict):
        claim_new(member, 0)  # someone made it since
    with pytest.raises(EditConflict):
        claim_new(None, 3)  # the form saw one, now gone
