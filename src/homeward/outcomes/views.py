"""The leaders' dashboard and the 903 import pages. Thin: access by decorator, logic in services/selectors."""

from __future__ import annotations

import csv
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from homeward.access import audit
from homeward.access.decorators import requires
from homeward.access.models import AuditAction
from homeward.access.policy import Capability, has_capability
from homeward.base.spreadsheet import inert
from homeward.outcomes import selectors, services
from homeward.outcomes.forms import DashboardForm, UploadForm
from homeward.outcomes.models import Import903
from homeward.ssda903.repair import EFFECTS as REPAIR_EFFECTS
from homeward.ssda903.repair import RULES as REPAIR_RULES

REPORT_ROWS_SHOWN = 500  # the rest are in the downloadable report


def _choices(request: HttpRequest) -> tuple[DashboardForm, selectors.Source, dict[str, str]]:
    """The dashboard's GET form, the data source it picks, and the query to repeat in download links."""
    available = selectors.sources()
    form = DashboardForm(
        request.GET or None,
        sources=[(s.key, s.label) for s in available],
        initial={"source": available[0].key},
    )
    source = selectors.choose_source(
        form.cleaned_data.get("source") if form.is_bound and form.is_valid() else None, available
    )
    names = ("source", "re_entry_cost", "support_cost", "as_of_day", "as_of_month", "as_of_year")
    keep = {k: request.GET[k] for k in names if request.GET.get(k)}
    return form, source, keep


@requires(Capability.OUTCOMES)
def dashboard(request: HttpRequest) -> HttpResponse:
    form, source, keep = _choices(request)
    board, drawn = selectors.dashboard(source, costs=form.unit_costs(), as_of=form.as_of())
    result = board.result
    context: dict[str, Any] = {
        "form": form,
        "board": board,
        "r": result,
        "tables": board.tables,
        "query": urlencode(keep),
        "curve": drawn["curve"],
        "year_chart": drawn["year_chart"],
        "cost_chart": drawn["cost_chart"],
        "breakdowns": [(table, drawn[f"group-{key}"]) for key, _title, table in board.breakdowns()],
        "definitions": [(d["term"], d["text"]) for d in result["definitions"]],
        "suppression_rule": selectors.SUPPRESSION_RULE,
        "cell_notes": selectors.CELL_NOTES,
        "as_of": date.fromisoformat(result["as_of"]),
        "small_group": selectors.SMALL_GROUP,
        "can_import": has_capability(request.user, Capability.IMPORT_903),
        "repairs": [
            (n, REPAIR_RULES.get(rule, rule), REPAIR_EFFECTS.get(rule, ""))
            for rule, n in result["repairs"].items()
            if n
        ],
    }
    return render(request, "outcomes/dashboard.html", context)


@requires(Capability.OUTCOMES)
def table_csv(request: HttpRequest, table_key: str) -> HttpResponse:
    form, source, _ = _choices(request)
    board, _ = selectors.dashboard(source, costs=form.unit_costs(), as_of=form.as_of())
    table = board.tables.get(table_key)
    if table is None:
        raise Http404("No such table")
    audit.record(request, AuditAction.EXPORT, f"outcomes table {table_key} ({source.key})")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="homeward-{table_key}.csv"'
    writer = csv.writer(response)
    writer.writerow([table.caption])
    writer.writerow(table.head)
    writer.writerows(table.rows)
    writer.writerow([])
    writer.writerow([f"Data: {source.description}. As of {board.result['as_of']}."])
    writer.writerow([selectors.SUPPRESSION_RULE])
    writer.writerow([])
    writer.writerow(["Definitions"])
    writer.writerows([d["term"], d["text"]] for d in board.result["definitions"])
    return response


@requires(Capability.IMPORT_903)
def upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    if request.method == "POST" and form.is_valid():
        try:
            token = services.stage_upload(form.cleaned_data["return_files"], request.user)  # type: ignore[arg-type]
        except services.UploadRefused as refused:
            for problem in refused.problems:
                form.add_error("return_files", problem)
        else:
            return redirect("outcomes:report", upload_token=token)
    return render(request, "outcomes/upload.html", {"form": form, "limits": services.upload_limits_mb()})


@requires(Capability.IMPORT_903)
def report(request: HttpRequest, upload_token: str) -> HttpResponse:
    try:
        checked = services.staged_report(upload_token, request.user)  # type: ignore[arg-type]
    except services.StagingNotFound as e:
        if done := selectors.import_of_upload(upload_token):
            return _already_imported(request, done)
        raise Http404("This upload has expired or was already imported. Upload the files again.") from e
    if request.method == "POST" and checked.ok:
        try:
            with transaction.atomic():  # the import and its audit event stand or fall together
                imported = services.import_staged(upload_token, request.user)  # type: ignore[arg-type]
                names = ", ".join(f.name for f in imported.files.all())
                audit.record(request, AuditAction.CREATE, f"903 import {imported.pk}: {names}")
        except services.ImportRejected as rejected:
            checked = rejected.report
        except services.AlreadyImported as already:
            return _already_imported(request, already.imported)
        else:
            messages.success(
                request,
                f"Imported {imported.children:,} children and {imported.episodes:,} episodes. "
                "The dashboard now shows these returns.",
            )
            return redirect(f"{reverse('outcomes:dashboard')}?source=import-{imported.pk}")
    return render(
        request,
        "outcomes/report.html",
        {
            "report": checked,
            "token": upload_token,
            "errors_shown": checked.errors[:REPORT_ROWS_SHOWN],
            "warnings_shown": checked.warnings[:REPORT_ROWS_SHOWN],
            "rows_shown": REPORT_ROWS_SHOWN,
            "already": services.already_imported(checked),
            "statutory": services.statutory_report(upload_token, request.user),  # type: ignore[arg-type]
        },
    )


def _already_imported(request: HttpRequest, imported: Import903) -> HttpResponse:
    messages.info(request, f"These files were already imported: {imported.label}. Nothing more was imported.")
    return redirect("outcomes:imports")


@requires(Capability.IMPORT_903)
def report_csv(request: HttpRequest, upload_token: str) -> HttpResponse:
    try:
        checked = services.staged_report(upload_token, request.user)  # type: ignore[arg-type]
    except services.StagingNotFound as e:
        raise Http404("This upload has expired or was already imported.") from e
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="903-validation-report.csv"'
    writer = csv.writer(response)
    writer.writerow(
        ["Severity", "File", "Row", "Column", "Value", "What is wrong", "What is allowed", "Rule"]
    )
    for i in [*checked.errors, *checked.warnings]:
        value = "(not shown: identifying column)" if i.value_withheld else (i.value or "")
        row = [i.severity, i.file, i.row or "", i.column or "", value, i.message, i.allowed or "", i.kind]
        writer.writerow([inert(c) for c in row])  # values from uploaded files
    return response


@requires(Capability.IMPORT_903)
def imports(request: HttpRequest) -> HttpResponse:
    done = selectors.recent_imports()
    return render(request, "outcomes/imports.html", {"imports": done})


@requires(Capability.IMPORT_903)
def withdraw(request: HttpRequest, import_id: int) -> HttpResponse:
    imported = selectors.standing_import(import_id)
    if request.method == "POST":
        with transaction.atomic():
            services.withdraw_import(imported)
            audit.record(
                request, AuditAction.CHANGE, f"903 import {imported.pk} withdrawn and its data deleted"
            )
        messages.success(request, f"{imported.label} was withdrawn and its data deleted.")
        return redirect("outcomes:imports")
    return render(request, "outcomes/withdraw.html", {"imported": imported})
