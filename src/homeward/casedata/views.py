"""The case-data upload page for a data officer: upload, read what the sync would change, confirm.
Thin: the staging of the files is the 903 import's, the sync is `casedata.services.sync_case_data`."""

from __future__ import annotations

import shutil

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from homeward.access.decorators import requires
from homeward.access.policy import Capability
from homeward.casedata.forms import SyncUploadForm
from homeward.casedata.services import sync_case_data
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
