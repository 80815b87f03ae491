"""The pages of the written agreement and the plans through the Django test client."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone

from homeward.plans import selectors
from homeward.plans.models import ParentSection, ReturnPlan, SupportPlan
from tests.pages import post_form
from tests.plans.helpers import write_agreement

Client = Callable[[str | None], Any]


def _date(name: str, day: Any) -> dict[str, Any]:
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


def test_worker_writes_and_manager_signs_the_agreement(demo: Any, client_for: Client) -> None:
    child = demo.showcase
    worker, manager = client_for("worker"), client_for("manager")
    url = reverse("plans:agreement", args=[child.pk])
    assert 'data-testid="no-agreement"' in worker.get(url).content.decode()
    assert worker.post(reverse("plans:agreement_start", args=[child.pk])).status_code == 302
    agreement = selectors.latest_agreement(child)
    assert agreement is not None
    yesterday = timezone.localdate() - timedelta(days=1)
    for section in agreement.parents.select_related("parent"):
        response = post_form(
            worker,
            reverse("plans:agreement_section", args=[child.pk, section.pk]),
            {
                "concerns": "Drinking while caring for the children.",
                "conditions": f"{section.parent.full_name} will not drink while caring for the children.",
                "support": "Weekly sessions with the alcohol service.",
                "consequences": "The return will stop and we will go back to court.",
                **_date("agreed_on", yesterday),
            },
        )
        assert response.status_code == 302
    post_form(
        worker,
        reverse("plans:agreement_review_date", args=[child.pk]),
        _date("review_on", timezone.localdate() + timedelta(days=60)),
    )
    page = worker.get(url).content.decode()
    assert "The return will stop" in page and "Sign the agreement" not in page  # not the worker's to sign
    assert "Sign the agreement" in manager.get(url).content.decode()
    assert manager.post(reverse("plans:agreement_sign", args=[child.pk])).status_code == 302
    page = manager.get(url).content.decode()
    assert 'data-testid="signed-notice"' in page
    # Signed: the change pages send the worker back; a POST is refused with a message.
    signed_section = agreement.parents.first()
    assert signed_section is not None
    edit = reverse("plans:agreement_section", args=[child.pk, signed_section.pk])
    assert worker.get(edit).status_code == 302
    refused = worker.post(edit, {"consequences": "Changed"})
    assert refused.status_code == 400 and "cannot be changed" in refused.content.decode()
    assert ParentSection.objects.get(pk=signed_section.pk).consequences.startswith("The return will stop")


def test_section_errors_are_summarised_and_nothing_is_saved(demo: Any, client_for: Client) -> None:
    child = demo.showcase
    worker = client_for("worker")
    worker.post(reverse("plans:agreement_start", args=[child.pk]))
    section = selectors.latest_agreement(child).parents.first()  # type: ignore[union-attr]
    assert section is not None
    response = worker.post(
        reverse("plans:agreement_section", args=[child.pk, section.pk]),
        {"consequences": "Back to court", "agreed_on_0": "31", "agreed_on_1": "2", "agreed_on_2": "2026"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "govuk-error-summary" in page and "must be a real date" in page
    assert ParentSection.objects.get(pk=section.pk).consequences == ""


def test_the_pdf_downloads_from_the_agreement_page(demo: Any, client_for: Client, staff: Any) -> None:
    child = demo.showcase
    agreement = write_agreement(child, staff["worker"])
    iro = client_for("iro")
    page = iro.get(reverse("plans:agreement", args=[child.pk])).content.decode()
    pdf_url = reverse("plans:agreement_pdf", args=[child.pk, agreement.pk])
    assert pdf_url in page
    response = iro.get(pdf_url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert client_for("health").get(pdf_url).status_code == 403


def test_return_plan_needs_a_reason_for_its_date_and_flags_the_calendar(
    demo: Any, client_for: Client
) -> None:
    child = demo.showcase
    worker = client_for("worker")
    edit = reverse("plans:return_plan_edit", args=[child.pk])
    when = timezone.localdate() + timedelta(days=30)
    response = worker.post(edit, {**_date("proposed_on", when)})
    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page and "Select why the return is planned for that date" in page
    assert not ReturnPlan.objects.filter(child=child).exists()
    response = post_form(worker, edit, {**_date("proposed_on", when), "timing_reason": "christmas"})
    assert response.status_code == 302
    page = worker.get(reverse("plans:plans", args=[child.pk])).content.decode()
    assert 'data-testid="time-driven"' in page and "returns timed by the calendar" in page
    assert 'data-testid="not-staged"' in page
    stage = {"description": "Day contact on Saturdays", **_date("starts_on", timezone.localdate())}
    assert worker.post(reverse("plans:stage_add", args=[child.pk]), stage).status_code == 302
    assert 'data-testid="stages"' in worker.get(reverse("plans:plans", args=[child.pk])).content.decode()


def test_support_plan_starts_at_the_frameworks_months(demo: Any, client_for: Client) -> None:
    child = demo.showcase
    worker = client_for("worker")
    edit = reverse("plans:support_edit", args=[child.pk])
    assert 'value="12"' in worker.get(edit).content.decode()
    response = worker.post(edit, {"months": "-1", "contingency": "Back to foster care"})
    assert response.status_code == 400 and "govuk-error-summary" in response.content.decode()
    assert not SupportPlan.objects.filter(child=child).exists()
    data = {
        "months": "12",
        "trusted_adult": "Mrs Patel",
        "seen_alone": "Fortnightly",
        "contingency": "Back to foster care",
    }
    assert post_form(worker, edit, data).status_code == 302
    service = {"service": "Family support worker", "provided_by": "Early help"}
    assert worker.post(reverse("plans:service_add", args=[child.pk]), service).status_code == 302
    page = worker.get(reverse("plans:plans", args=[child.pk])).content.decode()
    assert "Mrs Patel" in page and "Early help" in page and "Back to foster care" in page
    # The IRO reads the plans but is not offered the change buttons.
    iro_page = client_for("iro").get(reverse("plans:plans", args=[child.pk])).content.decode()
    assert "Mrs Patel" in iro_page and edit not in iro_page


def test_the_record_page_shows_the_agreement_and_plans_but_not_to_partner_agencies(
    demo: Any, client_for: Client, staff: Any
) -> None:
    child = demo.showcase
    write_agreement(child, staff["worker"])
    url = reverse("children:record", args=[child.pk])
    page = client_for("worker").get(url).content.decode()
    assert 'data-testid="plans-panel"' in page and "being written" in page
    assert 'data-testid="plans-panel"' not in client_for("health").get(url).content.decode()


def test_a_christmas_return_is_flagged_whatever_reason_was_picked(demo: Any, client_for: Any) -> None:
    from datetime import date as day

    from homeward.plans import selectors as plan_selectors
    from homeward.plans import services as plan_services

    child = demo.showcase
    plan_services.save_return_plan(
        child, demo.staff["worker"], proposed_on=day(2026, 12, 22), timing_reason="goals_met", timing_note=""
    )
    why = plan_selectors.is_time_driven(plan_selectors.return_plan(child))
    assert "Christmas Day (25 December 2026)" in why
    page = client_for("worker").get(reverse("plans:plans", args=[child.pk]))
    assert b'data-testid="time-driven"' in page.content and b"Christmas Day" in page.content
    plan_services.save_return_plan(
        child, demo.staff["worker"], proposed_on=day(2026, 6, 17), timing_reason="goals_met", timing_note=""
    )
    assert plan_selectors.is_time_driven(plan_selectors.return_plan(child)) == ""
