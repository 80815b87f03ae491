"""The case-data pages: for a data officer, upload, read what the sync would change, confirm; for the
data officer and managers, the children not in the case system's extract, and a decision on each.
Thin: the staging of the files is the 903 import's, the sync is `casedata.services.sync_case_data`."""

from __future__ import annotations

import shutil
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from homeward.access import audit
from homeward.access.decorators import requires
from homeward.access.models import AuditAction
from homeward.access.policy import Capability
from homeward.base.pages import Edit, form_page, posted
from homeward.casedata import selectors
from homeward.casedata.forms import MissingDecisionForm, SyncUploadForm
from homeward.casedata.models import MissingFromExtract
from homeward.casedata.services import decide_missing, sync_case_data
from homeward.organisation.models import Team
from homeward.outcomes import services as staging

CHILDREN_SHOWN = 500  # children listed one by one on the check page


@requires(Capability.SYNC_CASE_DATA)
def upload(request: HttpRequest) -> HttpResponse:
    form = SyncUploadForm(request.POST, request.FILES) if request.method == "POST" else SyncUploadForm()
    if request.method == "POST" and form.is_valid():
        try:
            token = staging.stage_upload(form.cleaned_data["extract_files"], request.user)  # type: ignore[arg-type]
        except staging.UploadRefused as refused:
            for problem in refused.problems:
                form.add_error("extract_files", problem)
        else:
            team = form.cleaned_data["team"]
            url = reverse("casedata:check", args=[token])
            return redirect(f"{url}?team={team.pk}" if team else url)
    return render(request, "casedata/upload.html", {"form": form})


@requires(Capability.SYNC_CASE_DATA)
def check(request: HttpRequest, upload_token: str) -> HttpResponse:
    try:
        paths, names = staging.staged_files(upload_token, request.user)  # type: ignore[arg-type]
    except staging.StagingNotFound as e:
        raise Http404("This upload has expired or was already loaded. Upload the files again.") from e
    team_id = request.GET.get("team", "")
    team = Team.objects.filter(pk=int(team_id)).first() if team_id.isdigit() else None
    confirmed = request.method == "POST"
    report = sync_case_data(
        paths, source=request, default_team=team.name if team else None, dry_run=not confirmed, names=names
    )
    if report.ok and confirmed:
        staging.discard_staged(upload_token, request.user)  # type: ignore[arg-type]
        for line in report.summary():
            messages.success(request, line)
        return redirect("casedata:upload")
    if not report.ok:
        # They can never be loaded: the children's data is not kept.
        shutil.rmtree(paths[0].parent, ignore_errors=True) if paths else None
    changed = [c for c in report.children if c.changed or c.kept_moves or c.conflicts]
    return render(
        request,
        "casedata/check.html",
        {
            "report": report,
            "team": team,
            "changed": changed[:CHILDREN_SHOWN],
            "changed_total": len(changed),
            "shown": CHILDREN_SHOWN,
        },
    )


MISSING_SHOWN = 500  # children listed on the page (the rest after those are decided)


@requires(Capability.MISSING_FROM_EXTRACT)
def missing(request: HttpRequest) -> HttpResponse:
    rows = selectors.missing_children(request.user)
    total = rows.count()
    shown = list(rows[:MISSING_SHOWN])
    audit.record(
        request,
        AuditAction.LIST,
        "Case data: children not in the case system's extract",
        children_shown=[r.child_id for r in shown],
    )
    return render(
        request,
        "casedata/missing.html",
        {
            "rows": shown,
            "total": total,
            "undecided": sum(1 for r in shown if not r.decision),
            # The data officer reads no child's record: the CHILD id only. A manager sees the name and
            # may open the record (these are their teams' children).
            "names": not selectors.sees_every_child_missing(request.user),
            "shown": MISSING_SHOWN,
        },
    )


def _decision_values(entry: MissingFromExtract) -> dict[str, Any]:
    return {"decision": entry.decision, "reason": entry.reason}


@requires(Capability.MISSING_FROM_EXTRACT)
def decide(request: HttpRequest, missing_id: int) -> HttpResponse:
    entry = get_object_or_404(selectors.missing_children(request.user), pk=missing_id)
    edit = Edit.of(entry, _decision_values)
    form = MissingDecisionForm(posted(request), initial=edit.initial())
    if request.method != "POST":
        audit.record(request, AuditAction.VIEW, "Case data: a child not in the extract", entry.child_id)

    def save(data: dict[str, Any]) -> str:
        decide_missing(entry, request=request, **data)
        return f"Decision recorded for CHILD {entry.child.la_child_id}."

    return form_page(
        request,
        form,
        save,
        title=f"CHILD {entry.child.la_child_id} is not in the case system's extract",
        caption="Not in the case system",
        intro=(
            f"Homeward holds this child, but the case system's extract has not since "
            f"{entry.first_missing_at:%-d %B %Y} (still not on {entry.last_missing_at:%-d %B %Y}). "
            "Homeward never deletes a record for this: decide whether it is right."
        ),
        submit="Record the decision",
        back=reverse("casedata:missing"),
        back_text="Back to children not in the case system",
        edit=edit,
    )
