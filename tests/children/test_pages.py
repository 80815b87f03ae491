"""The caseload, the child's record and its form pages, as a signed-in person sees them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import unescape
from typing import Any

import pytest
from django.urls import reverse

from homeward.children.models import AgencyInvolvement, FamilyMember, Household

pytestmark = pytest.mark.django_db

Client = Callable[[str | None], Any]


def _record_url(child: Any) -> str:
    return reverse("children:record", kwargs={"child_id": child.pk})


def test_caseload_lists_own_children_first_with_markers(demo: Any, client_for: Client) -> None:
    response = client_for("worker").get(reverse("children:caseload"))
    assert response.status_code == 200
    rows = response.context["rows"]
    assert {r.child.pk for r in rows} >= {demo.showcase.pk}
    assert all(r.child.team == demo.showcase.team or r.mine for r in rows)
    showcase_row = next(r for r in rows if r.child.pk == demo.showcase.pk)
    assert showcase_row.return_home_considered and showcase_row.failed_returns >= 1
    html = response.content.decode()
    assert demo.showcase.full_name in html and "Being considered" in html


def test_caseload_of_partner_is_only_involved_children(demo: Any, client_for: Client) -> None:
    response = client_for("health").get(reverse("children:caseload"))
    pks = {r.child.pk for r in response.context["rows"]}
    assert demo.showcase.pk in pks
    assert demo.other_child["health"].pk not in pks


def test_partner_caseload_shows_only_what_partners_are_shown(demo: Any, client_for: Client) -> None:
    # The showcase child has a failed return and a placement; a partner's record page shows neither
    # (episodes and care history are not shared), so their caseload must not either.
    worker_html = client_for("worker").get(reverse("children:caseload")).content.decode()
    assert "Where the child lives now" in worker_html and "failed return" in worker_html
    html = client_for("health").get(reverse("children:caseload")).content.decode()
    assert demo.showcase.full_name in html
    assert "Where the child lives now" not in html and "Time in care" not in html
    assert "failed return" not in html
    assert "Legal status" in html


def test_record_shows_the_care_story(demo: Any, client_for: Client) -> None:
    response = client_for("worker").get(_record_url(demo.showcase))
    html = response.content.decode()
    assert response.status_code == 200
    assert demo.showcase.full_name in html
    assert 'id="previous-failed-return"' in html
    for heading in ("Care history", "Legal status history", "Care episodes", "Family and household network"):
        assert heading in html
    assert "Mother&#x27;s partner" in html or "Mother's partner" in html


def test_partner_sees_only_shared_parts_of_the_record(demo: Any, client_for: Client) -> None:
    html = client_for("health").get(_record_url(demo.showcase)).content.decode()
    assert "Family and household network" in html and "Agencies involved" in html
    assert "Care episodes" not in html
    assert 'id="care-history"' not in html
    assert 'id="previous-failed-return"' not in html
    assert "Add a person" not in html, "partners cannot edit, so should not be offered to"


def test_iro_is_not_offered_edit_links(demo: Any, client_for: Client) -> None:
    html = client_for("iro").get(_record_url(demo.showcase)).content.decode()
    assert "Care episodes" in html
    assert "Add a person" not in html and "Who has viewed this record" not in html


def test_manager_is_offered_the_audit_page(demo: Any, client_for: Client) -> None:
    html = client_for("manager").get(_record_url(demo.showcase)).content.decode()
    assert reverse("children:audit", kwargs={"child_id": demo.showcase.pk}) in html


# --- Form pages --------------------------------------------------------------------------------------


def test_add_person_with_missing_fields_shows_error_summary_and_saves_nothing(
    demo: Any, client_for: Client
) -> None:
    child = demo.showcase
    before = FamilyMember.objects.count()
    response = client_for("worker").post(reverse("children:member_add", kwargs={"child_id": child.pk}), {})
    assert response.status_code == 400
    html = response.content.decode()
    assert "govuk-error-summary" in html and "There is a problem" in html
    assert "Enter their full name" in html
    assert "Select their relationship to the child" in html
    assert "<title>Error:" in html
    assert FamilyMember.objects.count() == before


def test_add_person_living_in_household_needs_move_in_date(demo: Any, client_for: Client) -> None:
    child = demo.showcase
    home = child.households.get(name="Mother's home")
    before = FamilyMember.objects.count()
    response = client_for("worker").post(
        reverse("children:member_add", kwargs={"child_id": child.pk}),
        {
            "full_name": "Jay Cole",
            "relationship": "lodger",
            "parental_responsibility": "no",
            "household": home.pk,
        },
    )
    assert response.status_code == 400
    assert "Enter the date they moved in" in response.content.decode()
    assert FamilyMember.objects.count() == before


def test_add_person_who_moved_in(demo: Any, client_for: Client) -> None:
    child = demo.showcase
    home = child.households.get(name="Mother's home")
    client = client_for("worker")
    response = client.post(
        reverse("children:member_add", kwargs={"child_id": child.pk}),
        {
            "full_name": "Jay Cole",
            "relationship": "mothers_partner",
            "parental_responsibility": "no",
            "household": str(home.pk),
            "moved_in_0": "3",
            "moved_in_1": "3",
            "moved_in_2": "2025",
        },
    )
    assert response.status_code == 302 and response.headers["Location"] == _record_url(child)
    member = FamilyMember.objects.get(child=child, full_name="Jay Cole")
    assert member.memberships.get().started == date(2025, 3, 3)
    html = client.get(_record_url(child)).content.decode()
    assert "Jay Cole added to the family and household network." in html
    assert "moved in 3 Mar 2025" in html


def test_impossible_date_is_explained_in_words(demo: Any, client_for: Client) -> None:
    child = demo.showcase
    response = client_for("worker").post(
        reverse("children:agency_add", kwargs={"child_id": child.pk}),
        {
            "agency": str(AgencyInvolvement.objects.first().agency_id),  # type: ignore[union-attr]
            "contact_name": "Sam",
            "started_0": "31",
            "started_1": "2",
            "started_2": "2025",
        },
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "must be a real date" in html
    assert "day is out of range" not in html


def test_two_digit_year_is_refused(demo: Any, client_for: Client) -> None:
    child = demo.showcase
    before = Household.objects.count()
    response = client_for("worker").post(
        reverse("children:agency_add", kwargs={"child_id": child.pk}),
        {
            "agency": str(AgencyInvolvement.objects.first().agency_id),  # type: ignore[union-attr]
            "contact_name": "Sam",
            "started_0": "1",
            "started_1": "2",
            "started_2": "25",
        },
    )
    assert response.status_code == 400
    assert "4 numbers" in response.content.decode()
    assert Household.objects.count() == before


def test_move_out_before_move_in_is_shown_on_the_form(demo: Any, client_for: Client) -> None:
    child = demo.showcase
    membership = child.households.get(name="Mother's home").memberships.filter(ended__isnull=True).first()
    before = membership.started
    response = client_for("worker").post(
        reverse("children:membership_end", kwargs={"child_id": child.pk, "membership_id": membership.pk}),
        {"ended_0": str(before.day), "ended_1": str(before.month), "ended_2": str(before.year - 1)},
    )
    assert response.status_code == 400
    assert "must be on or after the date they moved in" in response.content.decode()
    membership.refresh_from_db()
    assert membership.ended is None


def test_add_agency_with_missing_fields(demo: Any, client_for: Client) -> None:
    child = demo.showcase
    before = AgencyInvolvement.objects.count()
    response = client_for("worker").post(reverse("children:agency_add", kwargs={"child_id": child.pk}), {})
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Select the agency" in html and "Enter the name of the contact" in html
    assert "Enter date involvement started" in html
    assert AgencyInvolvement.objects.count() == before


def test_end_agency_involvement_through_the_page(demo: Any, client_for: Client) -> None:
    child = demo.showcase
    involvement = child.agency_involvements.filter(ended__isnull=True).first()
    ended = involvement.started.replace(year=involvement.started.year + 1)
    response = client_for("worker").post(
        reverse("children:agency_end", kwargs={"child_id": child.pk, "involvement_id": involvement.pk}),
        {"ended_0": str(ended.day), "ended_1": str(ended.month), "ended_2": str(ended.year)},
    )
    assert response.status_code == 302
    involvement.refresh_from_db()
    assert involvement.ended == ended


def test_cannot_reach_another_childs_member_through_own_child(demo: Any, client_for: Client) -> None:
    # worker may edit the showcase child, but not, through its URL, a person in another child's network
    other_member = FamilyMember.objects.filter(child=demo.other_child["worker"]).first()
    assert other_member is not None
    url = reverse("children:member_edit", kwargs={"child_id": demo.showcase.pk, "member_id": other_member.pk})
    assert client_for("worker").get(url).status_code == 404


def test_record_of_a_child_with_nothing_recorded_yet(demo: Any, client_for: Client) -> None:
    from homeward.children.models import Child

    child = Child.objects.create(
        la_child_id="900100",
        first_name="New",
        last_name="Referral",
        date_of_birth=date(2020, 5, 1),
        sex="2",
        ethnicity="WBRI",
        team=demo.showcase.team,
    )
    response = client_for("worker").get(_record_url(child))
    assert response.status_code == 200
    html = response.content.decode()
    assert "No episodes of care recorded." in html
    assert "Not looked after now" in html
    assert 'id="previous-failed-return"' not in html
    caseload = client_for("worker").get(reverse("children:caseload")).content.decode()
    assert "New Referral" in caseload


# --- The record at a glance ----------------------------------------------------------------------------


def _glance(html: str) -> str:
    start = html.index('data-testid="at-a-glance"')
    return html[start : html.index("</dl>", start)]


def test_record_opens_with_what_matters_now(demo: Any, client_for: Client) -> None:
    response = client_for("worker").get(_record_url(demo.showcase))
    html = response.content.decode()
    glance = _glance(html)
    keys = [line.key for line in response.context["glance"]]
    assert keys[:3] == ["Where the child lives now", "Legal status", "Return home"]
    assert {"Open findings", "Failed returns"} <= set(keys)
    assert "Alert" in keys or "Alerts" in keys
    history = response.context["record"].history
    now = history.current_episode
    assert now is not None and now.place_words in glance and now.ls_words in glance
    assert "broke down" in glance and "Being considered</strong> since" in glance
    assert "gap" in glance or "caution" in glance or "None before" in glance
    # The summary comes before every part of the record it sums up.
    top = html.index('data-testid="at-a-glance"')
    for later in ('id="previous-failed-return"', 'id="reunification-heading"', 'id="care-history"'):
        assert top < html.index(later), later


def test_a_partner_sees_at_a_glance_only_what_they_are_shown(demo: Any, client_for: Client) -> None:
    response = client_for("health").get(_record_url(demo.showcase))
    keys = [line.key for line in response.context["glance"]]
    assert keys == ["Legal status"]
    glance = _glance(response.content.decode())
    assert "broke down" not in glance and "Being considered" not in glance and "finding" not in glance


def test_each_episode_is_one_line_with_its_details_on_demand(demo: Any, client_for: Client) -> None:
    response = client_for("worker").get(_record_url(demo.showcase))
    html = response.content.decode()
    timeline = response.context["record"].history.timeline
    assert len(timeline) >= 2
    start = html.index('data-testid="episodes"')
    episodes = unescape(html[start : html.index("</ol>", start)])
    assert episodes.count('<details class="govuk-details') == len(timeline)
    for entry in timeline:
        e = entry.episode
        line = f"{e.decom:%-d %b %Y} to "
        summary = episodes[episodes.index(line) : episodes.index("</summary>", episodes.index(line))]
        assert e.place_words in summary and e.ls_words in summary
        assert f"({e.ls})" not in summary, "the one line says the legal status in words"
