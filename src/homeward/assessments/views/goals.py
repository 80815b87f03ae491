"""Goals for each parent, their reviews (GAS) and the T-score chart."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from homeward.access.models import AuditAction
from homeward.access.policy import Access, RecordAction
from homeward.assessments import forms, selectors, services
from homeward.assessments.models import Goal
from homeward.assessments.views import charts
from homeward.assessments.views.common import form_page, reunification
from homeward.base.pages import posted
from homeward.children.models import Child
from homeward.framework.model import join_words
from homeward.framework.snapshot import format_date
from homeward.snapshot.series import t_score_series


@reunification(RecordAction.VIEW, "goals and reviews")
def goals(request: HttpRequest, child: Child, access: Access) -> HttpResponse:
    today = timezone.localdate()
    series = t_score_series(child, today)
    context = {
        "child": child,
        "goals": selectors.goals_for(child),
        "series": series,
        "chart": charts.t_score_svg(series),
        "can_edit": access.can(RecordAction.EDIT),
    }
    return render(request, "assessments/goals.html", context)


@reunification(RecordAction.EDIT, "goals: add", done_as=AuditAction.CREATE)
def goal_add(request: HttpRequest, child: Child, access: Access) -> HttpResponseBase:
    form = forms.GoalForm(
        posted(request), carers=selectors.carers(child), initial={"set_on": timezone.localdate()}
    )

    def save(data: dict[str, Any]) -> str:
        goal = services.add_goal(child, request.user, **data)  # type: ignore[arg-type]
        return f"Goal added for {goal.parent.full_name}."

    url = reverse("assessments:goals", args=[child.pk])
    return form_page(request, child, form, save, title="Add a goal", submit="Add goal", back=url, done=url)


@reunification(RecordAction.EDIT, "goals: review", done_as=AuditAction.CREATE)
def goal_review(request: HttpRequest, child: Child, access: Access, goal_id: int) -> HttpResponseBase:
    goal = selectors.goal(child, goal_id)
    form = forms.ReviewForm(posted(request), child=child, initial={"reviewed_on": timezone.localdate()})
    parent = goal.parent.full_name
    warnings = [form.evidence_warning] if form.evidence_warning else []
    if form.is_bound and not form.is_valid() and "reviewed_on" in form.cleaned_data:
        warnings += _not_scored(goal, form.cleaned_data["reviewed_on"], parent, before=True)

    def save(data: dict[str, Any]) -> str:
        review = services.review_goal(
            goal,
            request.user,  # type: ignore[arg-type]
            reviewed_on=data["reviewed_on"],
            score=data["score"],
            evidence=list(data.get("evidence") or []),
            note=data.get("note", ""),
        )
        left = _not_scored(goal, review.reviewed_on, parent, before=False)
        return " ".join([f"Review of {parent}'s goal saved (score {review.score:+d}).", *left])

    url = reverse("assessments:goals", args=[child.pk])
    return form_page(
        request,
        child,
        form,
        save,
        title=f"Review {parent}'s goal",
        submit="Save review",
        back=url,
        done=url,
        intro=f"Goal: {goal.description}",
        warnings=warnings,
    )


def _not_scored(goal: Goal, day: date, parent: str, *, before: bool) -> list[str]:
    """Which of the parent's other goals are not scored on `day`: the review of that date is partial."""
    others = selectors.goals_not_scored_on(goal, day)
    if not others:
        return []
    names = join_words([f"'{g.description}'" for g in others])
    when = format_date(day)
    if before:
        return [
            f"{parent}'s other goals set by {when} are not scored on that date: {names}. Until each is "
            "scored on the same date, that review is partial and cannot show the goals are on track."
        ]
    return [f"Not yet scored on {when}: {names}. Until they are, that review is partial."]
