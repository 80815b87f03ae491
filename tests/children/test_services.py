"""Writes to the child's record: family network, household moves, agencies involved."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from homeward.children import services
from homeward.children.models import AgencyInvolvement, FamilyMember, Household, HouseholdMembership
from homeward.organisation.models import Agency, AgencyType

pytestmark = pytest.mark.django_db


@pytest.fixture
def child(demo: Any) -> Any:
    return demo.showcase


@pytest.fixture
def mothers_home(child: Any) -> Household:
    return child.households.get(name="Mother's home")


def test_add_member_who_lives_in_a_household(child: Any, mothers_home: Household) -> None:
    member = services.add_family_member(
        child,
        full_name="  Jordan Pike ",
        relationship="mothers_partner",
        parental_responsibility=False,
        household=mothers_home,
        moved_in=date(2025, 3, 3),
    )
    assert member.full_name == "Jordan Pike"
    assert member.child == child
    [membership] = member.memberships.all()
    assert (membership.household, membership.started, membership.ended) == (
        mothers_home,
        date(2025, 3, 3),
        None,
    )


def test_add_member_without_household(child: Any) -> None:
    member = services.add_family_member(
        child, full_name="Nan Hughes", relationship="grandparent", parental_responsibility=False
    )
    assert not member.memberships.exists()


def test_household_without_move_in_date_saves_nothing(child: Any, mothers_home: Household) -> None:
    before = FamilyMember.objects.count()
    with pytest.raises(ValidationError) as error:
        services.add_family_member(
            child,
            full_name="No Date",
            relationship="lodger",
            parental_responsibility=False,
            household=mothers_home,
        )
    assert "moved_in" in error.value.message_dict
    assert FamilyMember.objects.count() == before, "the person was saved without their move"


def test_another_childs_household_is_refused(demo: Any, child: Any) -> None:
    other_home = Household.objects.exclude(child=child).first()
    assert other_home is not None
    before = FamilyMember.objects.count()
    with pytest.raises(ValidationError):
        services.add_family_member(
            child,
            full_name="Wrong House",
            relationship="other",
            parental_responsibility=False,
            household=other_home,
            moved_in=date(2025, 1, 1),
        )
    assert FamilyMember.objects.count() == before


def test_unknown_relationship_is_refused(child: Any) -> None:
    with pytest.raises(ValidationError):
        services.add_family_member(
            child, full_name="X", relationship="cousin-ish", parental_responsibility=False
        )


def test_update_member(child: Any) -> None:
    member = child.family.get(relationship="father")
    services.update_family_member(member, parental_responsibility=True, notes="PR by order")
    member.refresh_from_db()
    assert member.parental_responsibility and member.notes == "PR by order"


def test_end_membership(child: Any) -> None:
    membership = HouseholdMembership.objects.filter(member__child=child, ended__isnull=True).first()
    assert membership is not None
    ended = membership.started.replace(year=membership.started.year + 1)
    services.end_membership(membership, ended=ended)
    membership.refresh_from_db()
    assert membership.ended == ended
    with pytest.raises(ValidationError, match="already moved out"):
        services.end_membership(membership, ended=ended)


def test_cannot_move_out_before_moving_in(child: Any, mothers_home: Household) -> None:
    member = services.add_family_member(
        child,
        full_name="Lee Short",
        relationship="lodger",
        parental_responsibility=False,
        household=mothers_home,
        moved_in=date(2025, 3, 3),
    )
    membership = member.memberships.get()
    with pytest.raises(ValidationError) as error:
        services.end_membership(membership, ended=date(2025, 3, 2))
    assert "ended" in error.value.message_dict
    membership.refresh_from_db()
    assert membership.ended is None
    services.end_membership(membership, ended=date(2025, 3, 3))  # same day is allowed


def test_cannot_be_in_the_same_household_twice_at_once(child: Any, mothers_home: Household) -> None:
    mother = child.family.get(relationship="mother")
    with pytest.raises(ValidationError, match="already recorded as living"):
        services.add_membership(mother, household=mothers_home, started=date(2025, 1, 1))


def test_add_household(child: Any) -> None:
    household = services.add_household(child, name=" Aunt's flat ", is_proposed_return_home=False)
    assert household.name == "Aunt's flat" and household.child == child
    with pytest.raises(ValidationError):
        services.add_household(child, name="   ", is_proposed_return_home=False)


def test_add_and_end_agency_involvement(child: Any) -> None:
    housing = Agency.objects.get(agency_type=AgencyType.HOUSING)
    involvement = services.add_agency_involvement(
        child, agency=housing, contact_name=" Pat Row ", started=date(2025, 2, 1), reason="Rent arrears"
    )
    assert involvement.contact_name == "Pat Row" and involvement.ended is None
    assert involvement.is_current(date(2025, 2, 1))
    with pytest.raises(ValidationError) as error:
        services.end_agency_involvement(involvement, ended=date(2025, 1, 31))
    assert "ended" in error.value.message_dict
    services.end_agency_involvement(involvement, ended=date(2025, 6, 1))
    involvement.refresh_from_db()
    assert involvement.ended == date(2025, 6, 1)
    assert not involvement.is_current(date(2025, 6, 2))
    with pytest.raises(ValidationError, match="already ended"):
        services.end_agency_involvement(involvement, ended=date(2025, 7, 1))


def test_agency_involvement_needs_a_contact(child: Any) -> None:
    housing = Agency.objects.get(agency_type=AgencyType.HOUSING)
    before = AgencyInvolvement.objects.count()
    with pytest.raises(ValidationError):
        services.add_agency_involvement(child, agency=housing, contact_name="  ", started=date(2025, 2, 1))
    assert AgencyInvolvement.objects.count() == before
