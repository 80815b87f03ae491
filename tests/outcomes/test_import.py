"""Importing 903 returns through the pages: all-or-nothing, with a report a data officer can act on."""

from __future__ import annotations

import csv
import hashlib
import io
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from homeward.access.models import AuditAction, AuditEvent
from homeward.organisation.models import Role, StaffProfile
from homeward.outcomes.models import Import903, Import903File, ImportedTable, ImportStatus
from homeward.outcomes.services import import_paths, imported_dataset
from homeward.ssda903 import load
from tests.ssda903.helpers import FAKE_DATA
from tests.twofactor import sign_in_verified

from .conftest import history

pytestmark = pytest.mark.django_db


def upload(client: Client, paths: list[Path]) -> str:
    """Post the files to the upload page; returns the report page's URL."""
    handles = [p.open("rb") for p in paths]
    try:
        response = client.post(reverse("outcomes:upload"), {"return_files": handles})
    finally:
        for h in handles:
            h.close()
    assert response.status_code == 302, response.content[:2000]
    return str(response["Location"])


def database_state() -> tuple[int, int, int]:
    return Import903.objects.count(), Import903File.objects.count(), ImportedTable.objects.count()


def every_table() -> dict[str, int]:
    """Rows in every table of the application (sessions aside: each request refreshes its own)."""
    return {
        m._meta.label: m._default_manager.count()
        for m in apps.get_models()
        if m._meta.app_label != "sessions"
    }


def test_an_upload_with_an_error_changes_nothing_and_shows_row_and_column(
    analyst, write_return, staging_dir
) -> None:
    header, episodes = history(12)
    # Row 4 of episodes.csv (the third episode): the episode ends before it starts.
    fields = episodes[2].split(",")
    fields[7] = "01/01/2017"
    episodes[2] = ",".join(fields)
    paths = write_return(header, episodes)
    before = every_table()

    report_url = upload(analyst, paths)
    page = analyst.get(report_url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "These files cannot be imported" in html
    assert "Import these returns" not in html
    errors = page.context["report"].errors
    assert any(e.file == "episodes.csv" and e.row == 4 and e.column in ("DEC", "DECOM") for e in errors)
    shown = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))  # the page's text, cell by cell
    assert re.search(r"episodes\.csv 4 DEC(OM)? ", shown)
    # Posting the confirmation anyway imports nothing, and nothing else changed either.
    analyst.post(report_url)
    assert every_table() == before
    # The rejected files are not kept (only the report, which can still be downloaded).
    assert not list(staging_dir.rglob("*.csv"))
    assert analyst.get(report_url + "report.csv").status_code == 200
    assert not AuditEvent.objects.filter(action=AuditAction.CREATE).exists()


def test_a_clean_import_is_recorded_with_checksums(
    analyst, write_return, django_capture_on_commit_callbacks, staging_dir
) -> None:
    paths = write_return(*history(30))
    report_url = upload(analyst, paths)
    page = analyst.get(report_url)
    assert "No errors found" in page.content.decode()
    assert Import903.objects.count() == 0  # nothing until confirmed

    with django_capture_on_commit_callbacks(execute=True):
        response = analyst.post(report_url)
    imported = Import903.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"?source=import-{imported.pk}")
    assert imported.imported_by_name == "t-analyst"
    assert imported.children == 30
    assert {f.name: f.sha256 for f in imported.files.all()} == {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths
    }
    assert {f.name: f.table for f in imported.files.all()} == {
        "header.csv": "Header",
        "episodes.csv": "Episodes",
    }
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, what__startswith="903 import").count() == 1
    # The stored tables are the validated tables of the files, and the staged copy is gone.
    stored, direct = imported_dataset(imported), load(paths)
    assert stored.episodes.equals(direct.episodes)
    assert stored.header.equals(direct.header)
    assert not any(staging_dir.iterdir())  # the staged copy (dates of birth, UPNs) is deleted on import
    again = analyst.get(report_url, follow=True)
    assert "These files were already imported" in again.content.decode()
    assert Import903.objects.count() == 1


def test_someone_elses_upload_cannot_be_seen_or_imported(analyst, write_return) -> None:
    report_url = upload(analyst, write_return(*history(12)))
    user = get_user_model().objects.create_user(username="second-analyst", password="not-used-here-1234")
    StaffProfile.objects.create(user=user, role=Role.ANALYST)
    other = Client()
    sign_in_verified(other, user)
    assert other.get(report_url).status_code == 404
    assert other.post(report_url).status_code == 404
    assert Import903.objects.count() == 0


def test_identifying_values_are_not_shown_in_the_report(analyst, write_return) -> None:
    header, episodes = history(12)
    header[0] = "C0000,1,99/99/2010,WBRI,,,"
    paths = write_return(header, episodes)
    page = analyst.get(upload(analyst, paths))
    html = page.content.decode()
    assert "99/99/2010" not in html
    issue = next(
        i for i in page.context["report"].errors + page.context["report"].warnings if i.column == "DOB"
    )
    assert issue.value_withheld and issue.row == 2


def test_no_files_chosen_shows_an_error(analyst) -> None:
    page = analyst.post(reverse("outcomes:upload"), {})
    assert page.status_code == 200
    assert "Choose at least one 903 file to check" in page.content.decode()


def test_a_header_without_episodes_is_not_imported(analyst, write_return) -> None:
    header_only = write_return(*history(12))[:1]
    page = analyst.get(upload(analyst, header_only))
    assert [e.kind for e in page.context["report"].errors] == ["no_episodes"]
    assert analyst.post(upload(analyst, header_only)).status_code == 200
    assert database_state() == (0, 0, 0)


def test_files_that_are_not_903_are_reported(analyst, tmp_path) -> None:
    junk = tmp_path / "photo.png"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    page = analyst.get(upload(analyst, [junk]))
    assert page.status_code == 200
    assert page.context["report"].errors
    assert "These files cannot be imported" in page.content.decode()


def test_the_shared_fake_data_is_reported_with_its_errors(analyst) -> None:
    files = sorted(p for p in FAKE_DATA.iterdir() if p.suffix in (".csv", ".xml"))
    page = analyst.get(upload(analyst, files))
    report = page.context["report"]
    assert report.errors and all(e.file for e in report.errors)
    html = page.content.decode()
    assert "Download the full report as CSV" in html or len(report.errors) <= 500
    csv_text = analyst.get(page.request["PATH_INFO"] + "report.csv").content.decode()
    assert len(csv_text.splitlines()) >= len(report.errors) + len(report.warnings)
    assert database_state() == (0, 0, 0)


def test_a_reader_failure_is_reported_not_a_crash(analyst, write_return, monkeypatch) -> None:
    from homeward.outcomes import services

    def broken(paths):  # type: ignore[no-untyped-def]
        raise RuntimeError("reader bug")

    monkeypatch.setattr(services, "load", broken)
    page = analyst.get(upload(analyst, write_return(*history(3))))
    assert page.status_code == 200
    assert [e.kind for e in page.context["report"].errors] == ["unreadable"]


def test_withdrawing_an_import_deletes_its_data_and_keeps_the_record(analyst, write_return) -> None:
    imported = import_paths(write_return(*history(12)), None)
    url = reverse("outcomes:withdraw", args=[imported.pk])
    assert "Withdraw this import?" in analyst.get(url).content.decode()
    assert analyst.post(url).status_code == 302
    imported.refresh_from_db()
    assert imported.status == ImportStatus.WITHDRAWN
    assert not ImportedTable.objects.exists()
    assert imported.files.count() == 2
    assert AuditEvent.objects.filter(action=AuditAction.CHANGE, what__contains="withdrawn").count() == 1
    page = analyst.get(reverse("outcomes:dashboard"))
    assert page.context["board"].source.imported is None  # back to Homeward's own records
    assert analyst.get(url).status_code == 404


def test_the_report_csv_names_row_and_column_and_defuses_formulas(analyst, write_return) -> None:
    header, episodes = history(12)
    fields = episodes[0].split(",")
    fields[4] = "=1+1"  # CIN of the first episode (spreadsheet row 2)
    episodes[0] = ",".join(fields)
    report_url = upload(analyst, write_return(header, episodes))
    response = analyst.get(report_url + "report.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:5] == ["Severity", "File", "Row", "Column", "Value"]
    cin = next(r for r in rows[1:] if r[3] == "CIN")
    assert cin[:5] == ["error", "episodes.csv", "2", "CIN", "'=1+1"]


def test_files_imported_before_are_pointed_out(analyst, write_return) -> None:
    paths = write_return(*history(12))
    first = import_paths(paths, None)
    page = analyst.get(upload(analyst, paths))
    assert page.context["already"] == [first]
    assert "Some of these exact files were imported before" in page.content.decode()


def test_if_the_audit_event_cannot_be_written_nothing_is_imported(analyst, write_return, monkeypatch) -> None:
    from homeward.outcomes import views

    def failing(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("audit store unavailable")

    report_url = upload(analyst, write_return(*history(12)))
    analyst.get(report_url)
    monkeypatch.setattr(views.audit, "record", failing)
    analyst.raise_request_exception = False
    assert analyst.post(report_url).status_code == 500
    assert database_state() == (0, 0, 0)
