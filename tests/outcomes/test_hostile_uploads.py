"""903 uploads that are hostile or broken: each is refused with a plain message, nothing is kept that should
not be, and no refused upload changes the database or shows a server error."""

from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import os
import threading
import time
import zipfile
from pathlib import Path

import pyarrow as pa
import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from typer.testing import CliRunner

from homeward.cli import app
from homeward.organisation.models import Role, StaffProfile
from homeward.outcomes import services
from homeward.outcomes.models import Import903
from homeward.ssda903 import load
from homeward.ssda903.synth import write_years

from .conftest import EPISODES, HEADER, history
from .test_import import every_table

pytestmark = pytest.mark.django_db

CSV = ("\n".join([HEADER, *history(6)[0]]) + "\n").encode()


def _zip(data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("header.csv", data)
    return out.getvalue()


# Each compressed format, under a name that would make Arrow (or a person) expand it.
COMPRESSED: dict[str, tuple[str, bytes]] = {
    "gzip": ("header.csv.gz", gzip.compress(CSV)),
    "Zstandard": ("header.csv.zst", pa.Codec("zstd").compress(CSV, asbytes=True)),
    "bzip2": ("header.csv.bz2", bz2.compress(CSV)),
    "xz": ("header.csv.xz", lzma.compress(CSV)),
    "LZ4": ("header.csv.lz4", pa.Codec("lz4").compress(CSV, asbytes=True)),
    "zip": ("header.zip", _zip(CSV)),
    "gzip named .csv": ("header.csv", gzip.compress(CSV)),
}


def post_files(client, files: list[tuple[str, bytes]], follow: bool = False):  # type: ignore[no-untyped-def]
    uploads = [SimpleUploadedFile(name, data) for name, data in files]
    return client.post(reverse("outcomes:upload"), {"return_files": uploads}, follow=follow)


def uploaded(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def xml_return(header: list[str], episodes: list[str]) -> bytes:
    """An EXPSSDA903 XML file holding the children and episodes of CSV lines (as in conftest.history)."""
    h_cols, e_cols = HEADER.split(","), EPISODES.split(",")
    renames = {"CHILD": "CHILDID", "PLACE": "PL"}
    parts = ["<?xml version='1.0' encoding='utf-8'?><EXPSSDA903>"]
    for line in header:
        child = dict(zip(h_cols, line.split(","), strict=True))
        parts.append("<CHILD><HEADER>")
        parts += [f"<{renames.get(c, c)}>{v}</{renames.get(c, c)}>" for c, v in child.items() if v]
        parts.append("</HEADER>")
        for ep in episodes:
            values = dict(zip(e_cols, ep.split(","), strict=True))
            if values["CHILD"] != child["CHILD"]:
                continue
            parts.append("<EPISODE>")
            tags = [(renames.get(c, c), v) for c, v in values.items() if v and c != "CHILD"]
            parts += [f"<{tag}>{v}</{tag}>" for tag, v in tags]
            parts.append("</EPISODE>")
        parts.append("</CHILD>")
    parts.append("</EXPSSDA903>")
    return "".join(parts).encode()


# --- 1. Compressed and oversized files ----------------------------------------------------------------


@pytest.mark.parametrize("kind", COMPRESSED)
def test_a_compressed_upload_is_refused_by_its_content(analyst, staging_dir, kind) -> None:
    before = every_table()
    response = post_files(analyst, [COMPRESSED[kind], ("episodes.csv", b"CHILD\n")])
    page = response.content.decode()
    assert response.status_code == 200
    assert "is a compressed" in page and "upload the CSV or XML files themselves" in page
    assert not staging_dir.exists() or not any(staging_dir.iterdir())  # nothing was kept
    assert every_table() == before


@pytest.mark.parametrize("kind", COMPRESSED)
def test_the_reader_never_expands_a_compressed_file_whatever_its_name(tmp_path, kind) -> None:
    name, data = COMPRESSED[kind]
    path = tmp_path / name
    path.write_bytes(data)
    ds = load([path])
    assert [i.kind for i in ds.issues] == ["compressed_file"]
    assert ds.header.num_rows == 0


def test_a_plain_csv_named_gz_is_read_as_the_text_it_is(analyst, write_return) -> None:
    # Staged under a neutral name: the name the user gave cannot make a reader decompress it.
    header, episodes = write_return(*history(6))
    response = post_files(
        analyst, [("header.csv.gz", header.read_bytes()), ("episodes.csv.zst", episodes.read_bytes())], True
    )
    assert "No errors found" in response.content.decode()
    stored = sorted(p.name for p in services.staging_root().glob("*/files/*"))
    assert stored == ["01.csv", "02.csv"]


def test_staged_files_keep_the_years_of_their_names(analyst, tmp_path) -> None:
    # A Header file's collection year (and so its code lists: SEX is M/F from 2024-25) is the year of
    # the Episodes file whose name holds the same years.
    files = write_years(tmp_path, children=40, years=2, seed=3).files
    response = post_files(analyst, [(f"../{Path(f).name}.gz", Path(f).read_bytes()) for f in files], True)
    assert "No errors found" in response.content.decode()
    stored = sorted(p.name for p in services.staging_root().glob("*/files/*"))
    assert stored == ["01_2024.csv", "02_2024.csv", "03_2025.csv", "04_2025.csv"]


def test_a_file_over_the_limit_is_refused_before_it_is_read(
    analyst, settings, staging_dir, monkeypatch
) -> None:
    settings.HOMEWARD_903_MAX_FILE_MB = 1
    read = []
    monkeypatch.setattr(services, "load", lambda *a, **k: read.append(a))
    big = CSV + b"C9999,1,01/01/2010,WBRI,,,\n" * 45_000  # about 1.2 MB
    response = post_files(analyst, [("header.csv", big), ("episodes.csv", b"x")])
    page = response.content.decode()
    assert response.status_code == 200
    assert "header.csv is 1.2 MB, larger than the 1 MB limit for one file" in page
    assert not read and not any(staging_dir.glob("*"))


def test_an_import_over_the_total_limit_is_refused(analyst, settings, staging_dir) -> None:
    settings.HOMEWARD_903_MAX_FILE_MB = 1
    settings.HOMEWARD_903_MAX_IMPORT_MB = 1
    part = b"x" * 700_000
    response = post_files(analyst, [("a.csv", part), ("b.csv", part)])
    page = response.content.decode()
    assert "These files add up to 1.3 MB, more than the 1 MB limit for one import" in page
    assert not any(staging_dir.glob("*"))


def test_a_full_staging_area_refuses_a_new_upload(analyst, settings, staging_dir, write_return) -> None:
    settings.HOMEWARD_903_STAGING_MAX_MB = 1
    waiting = staging_dir / "0123abcd" / "files"
    waiting.mkdir(parents=True)
    (waiting / "01.csv").write_bytes(b"x" * 1_048_000)
    (staging_dir / "0123abcd" / "manifest.json").write_text(f'{{"created": {time.time()}}}')
    paths = write_return(*history(6))
    response = post_files(analyst, [(p.name, p.read_bytes()) for p in paths])
    assert "the space for uploads waiting to be checked is full" in response.content.decode()
    assert sorted(p.name for p in staging_dir.iterdir()) == ["0123abcd"]


def test_the_limits_are_read_from_the_environment(monkeypatch) -> None:
    import importlib

    import homeward.site.settings as site_settings

    monkeypatch.setenv("HOMEWARD_903_MAX_FILE_MB", "7")
    monkeypatch.setenv("HOMEWARD_903_STAGING_HOURS", "3")
    try:
        reloaded = importlib.reload(site_settings)
        assert (reloaded.HOMEWARD_903_MAX_FILE_MB, reloaded.HOMEWARD_903_STAGING_HOURS) == (7, 3)
        assert reloaded.HOMEWARD_903_MAX_IMPORT_MB == 200
    finally:
        monkeypatch.delenv("HOMEWARD_903_MAX_FILE_MB")
        monkeypatch.delenv("HOMEWARD_903_STAGING_HOURS")
        importlib.reload(site_settings)


# --- 2. and 3. What a return must hold ----------------------------------------------------------------


def test_tables_with_column_names_only_are_refused(analyst, write_return) -> None:
    before = every_table()
    paths = write_return([], [])
    response = post_files(analyst, [(p.name, p.read_bytes()) for p in paths], follow=True)
    page = response.content.decode()
    assert "The Episodes table has column names but no rows, so there is nothing to analyse" in page
    report_url = response.redirect_chain[-1][0]
    analyst.post(report_url)
    assert every_table() == before
    with pytest.raises(services.ImportRejected):
        services.import_paths(paths, None)
    assert Import903.objects.count() == 0


def test_an_xml_file_on_its_own_imports(analyst, django_capture_on_commit_callbacks) -> None:
    header, episodes = history(12)
    response = post_files(analyst, [("return.xml", xml_return(header, episodes))], follow=True)
    page = response.content.decode()
    assert "No errors found" in page, page
    with django_capture_on_commit_callbacks(execute=True):
        done = analyst.post(response.redirect_chain[-1][0])
    imported = Import903.objects.get()
    assert done["Location"].endswith(f"?source=import-{imported.pk}")
    assert (imported.children, imported.episodes) == (12, 12 + 4)
    assert [(f.name, f.table) for f in imported.files.all()] == [("return.xml", "Header+Episodes")]
    assert analyst.get(done["Location"]).status_code == 200


# --- 4. One staged upload, one import -----------------------------------------------------------------


def staged_at(token: str, when: float) -> None:
    """Make a staged upload look as if it was made at `when` (seconds since the epoch)."""
    manifest = services.staging_root() / token / "manifest.json"
    manifest.write_text(json.dumps({**json.loads(manifest.read_text()), "created": when}))


def _staged(user, write_return) -> str:  # type: ignore[no-untyped-def]
    paths = write_return(*history(8))
    token = services.stage_upload([uploaded(p.name, p.read_bytes()) for p in paths], user)
    assert services.staged_report(token, user).ok
    return token


def test_importing_a_staged_upload_twice_imports_it_once(write_return) -> None:
    # In a test's transaction the staged files stay after the first import (its commit never comes),
    # which is the moment a second request can arrive.
    user = get_user_model().objects.create_user("analyst-2")
    token = _staged(user, write_return)
    first = services.import_staged(token, user)
    with pytest.raises(services.AlreadyImported) as again:
        services.import_staged(token, user)
    assert again.value.imported == first
    assert Import903.objects.count() == 1


def test_a_second_confirmation_is_told_the_files_are_already_imported(analyst, write_return) -> None:
    paths = write_return(*history(8))
    report_url = post_files(analyst, [(p.name, p.read_bytes()) for p in paths])["Location"]
    assert analyst.post(report_url).status_code == 302
    second = analyst.post(report_url, follow=True)
    assert second.status_code == 200
    assert "These files were already imported" in second.content.decode()
    assert Import903.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_three_simultaneous_imports_of_one_upload_make_one_import(write_return) -> None:
    if connection.vendor == "sqlite":
        # The shared in-memory test database refuses a second writer at once ("table is locked")
        # where a database file or PostgreSQL waits for it; the test above covers the same race.
        pytest.skip("needs a database whose writers wait for each other (run on PostgreSQL)")
    user = get_user_model().objects.create_user("analyst-3")
    StaffProfile.objects.create(user=user, role=Role.ANALYST)
    token = _staged(user, write_return)
    outcomes: list[str] = []
    start = threading.Barrier(3)

    def confirm() -> None:
        start.wait()
        try:
            services.import_staged(token, user)
            outcomes.append("imported")
        except services.AlreadyImported:
            outcomes.append("already imported")
        except services.StagingNotFound:
            outcomes.append("already imported")  # the first import's commit removed the staged files
        except Exception as error:  # noqa: BLE001 - a thread's exception would otherwise be lost
            outcomes.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["already imported", "already imported", "imported"]
    assert Import903.objects.count() == 1


# --- 5. Staged uploads do not outlive their use -------------------------------------------------------


def test_expired_staged_uploads_are_deleted_and_fresh_ones_kept(write_return, settings) -> None:
    settings.HOMEWARD_903_STAGING_HOURS = 24
    user = get_user_model().objects.create_user("analyst-4")
    old, fresh = _staged(user, write_return), _staged(user, write_return)
    day_later = time.time() + 24 * 3600 + 60
    staged_at(fresh, day_later - 3600)
    assert services.clean_staging(now=day_later) == 1
    assert not (services.staging_root() / old).exists()
    assert (services.staging_root() / fresh / "files").exists()


def test_an_expired_upload_cannot_be_imported_before_the_clean_up_runs(
    analyst, write_return, settings
) -> None:
    paths = write_return(*history(6))
    report_url = post_files(analyst, [(p.name, p.read_bytes()) for p in paths])["Location"]
    settings.HOMEWARD_903_STAGING_HOURS = 0
    assert analyst.post(report_url).status_code == 404
    assert Import903.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_the_worker_deletes_expired_staged_uploads(write_return, settings) -> None:
    user = get_user_model().objects.create_user("analyst-5")
    token = _staged(user, write_return)
    folder = services.staging_root() / token
    settings.HOMEWARD_903_STAGING_HOURS = 1
    staged_at(token, time.time() - 3600 - 60)
    result = CliRunner().invoke(app, ["worker", "--once"])
    assert result.exit_code == 0, result.output
    assert "903 uploads: 1 left unimported too long, deleted." in result.output
    assert not folder.exists()


# --- 6. Rows that do not fit are reported without their values ----------------------------------------


def test_a_row_with_the_wrong_number_of_values_is_reported_without_its_values(analyst, write_return) -> None:
    header, episodes = history(6)
    header.insert(1, "C9001,1,17/03/2011,WBRI,A123456789012,,,EXTRA")
    paths = write_return(header, episodes)
    response = post_files(analyst, [(p.name, p.read_bytes()) for p in paths], follow=True)
    page = response.content.decode()
    assert "Line 3 has 8 values but the file has 7 columns" in page
    assert "17/03/2011" not in page and "A123456789012" not in page and "C9001" not in page
    csv_report = analyst.get(response.redirect_chain[-1][0] + "report.csv").content.decode()
    assert "A123456789012" not in csv_report and "17/03/2011" not in csv_report


def test_a_file_without_column_names_does_not_echo_its_first_row(analyst, write_return) -> None:
    header, episodes = history(6)
    paths = write_return(header, episodes)
    headless = paths[0].read_text().splitlines()[1:]
    headless[0] = "C0000,1,17/03/2011,WBRI,A123456789012,,"
    response = post_files(
        analyst, [("header.csv", "\n".join(headless).encode()), ("episodes.csv", paths[1].read_bytes())], True
    )
    page = response.content.decode()
    assert "do not match any 903 table" in page
    assert "A123456789012" not in page and "17/03/2011" not in page


# --- Every hostile input: no server error, nothing changed --------------------------------------------

LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
    + b"".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'.encode() for i in range(8))
    + b"]><EXPSSDA903><CHILD><HEADER><CHILDID>&i;</CHILDID></HEADER></CHILD></EXPSSDA903>"
)
HOSTILE: dict[str, list[tuple[str, bytes]]] = {
    **{f"compressed {k}": [v] for k, v in COMPRESSED.items()},
    "header only": [("header.csv", (HEADER + "\n").encode()), ("episodes.csv", (EPISODES + "\n").encode())],
    "binary junk": [("episodes.csv", os.urandom(4096))],
    "empty file": [("episodes.csv", b"")],
    "NUL bytes": [("episodes.csv", EPISODES.encode() + b"\n\x00\x00,\x00\n")],
    "entity expansion": [("return.xml", LAUGHS)],
    "external entity": [
        (
            "return.xml",
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
            b"<EXPSSDA903><CHILD><HEADER><CHILDID>&e;</CHILDID></HEADER></CHILD></EXPSSDA903>",
        )
    ],
    "XML without episodes": [
        ("return.xml", b"<EXPSSDA903><CHILD><HEADER><CHILDID>1</CHILDID></HEADER></CHILD></EXPSSDA903>")
    ],
    "path in the name": [("../../../etc/passwd", CSV)],
    "UTF-16 header only": [("episodes.csv", (EPISODES + "\n").encode("utf-16"))],
    "XML named .csv.gz, cut short": [("return.csv.gz", b"<EXPSSDA903><CHILD><HEADER><CHILDID>1</CHI")],
    "wrong number of values": [
        ("header.csv", (HEADER + "\nC1,1,01/01/2010,WBRI,,,,,,\n").encode()),
        ("episodes.csv", (EPISODES + "\nC1,01/01/2020,S,C2,N1,U1,PR1,,,,,,\n").encode()),
    ],
}


@pytest.mark.parametrize("case", HOSTILE)
def test_a_hostile_upload_is_refused_without_a_server_error_or_a_change(analyst, case, staging_dir) -> None:
    before = every_table()
    response = post_files(analyst, HOSTILE[case])
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        report = analyst.get(response["Location"])
        assert report.status_code == 200
        assert "error" in report.content.decode().lower()
        confirmed = analyst.post(response["Location"])
        assert confirmed.status_code == 200  # the report again: nothing to import
    else:
        assert "govuk-error-summary" in response.content.decode()
    assert every_table() == before
    assert not list(staging_dir.glob("*/files/*"))  # a refused upload keeps no child's data
    assert ".." not in "".join(p.name for p in staging_dir.rglob("*"))


def test_the_upload_page_states_the_limits(analyst, settings) -> None:
    settings.HOMEWARD_903_MAX_FILE_MB, settings.HOMEWARD_903_MAX_IMPORT_MB = 7, 30
    page = analyst.get(reverse("outcomes:upload")).content.decode()
    assert "Each file can be up to 7 MB, and the files of one import up to 30 MB together" in page
    assert "not a zipped or compressed file" in page
