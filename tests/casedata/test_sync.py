"""The case-data sync: children and episodes from the case system's 903 extracts, all-or-nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from typer.testing import CliRunner

from homeward.access.audit import CommandLine
from homeward.access.models import AuditAction, AuditEvent
from homeward.casedata.services import SyncReport, sync_case_data
from homeward.children.models import CareSummary, Child, Episode
from homeward.cli import app
from homeward.moves import services as moves
from homeward.moves.models import MoveKind
from homeward.organisation.models import Team

pytestmark = pytest.mark.django_db

SOURCE = CommandLine("cron (command line)", "/data/extracts")
HEADER = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"
EPISODES = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
# Two children: 900001 in care since 2024 (one placement change), 900002 went home in 2024.
CHILDREN = ["900001,M,01/02/2015,WBRI,,,", "900002,F,05/06/2012,MWBC,,,"]
CARE = [
    "900001,10/01/2024,S,C2,N1,U4,PR1,01/06/2024,X1,CARPL,,,",
    "900001,01/06/2024,P,C2,N1,U1,PR1,,,,,,",
    "900002,15/03/2023,S,V2,N4,U4,PR1,20/05/2024,E4A,,,,",
]


def write(folder: Path, children: list[str], episodes: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "header.csv").write_text(HEADER + "".join(f"{r}\n" for r in children))
    (folder / "episodes.csv").write_text(EPISODES + "".join(f"{r}\n" for r in episodes))
    return folder


@pytest.fixture
def team() -> Team:
    return Team.objects.create(name="Children in Care (North)")


def run(folder: Path, **kw: Any) -> SyncReport:
    kw.setdefault("default_team", "Children in Care (North)")
    return sync_case_data([folder], source=SOURCE, **kw)


def episodes_of(child_id: str) -> list[tuple[Any, ...]]:
    return list(
        Episode.objects.filter(child__la_child_id=child_id)
        .order_by("decom")
        .values_list("decom", "rne", "ls", "place", "dec", "rec")
    )


def test_new_children_are_added_with_their_episodes_care_summary_and_audit(
    team: Team, tmp_path: Path
) -> None:
    report = run(write(tmp_path, CHILDREN, CARE))
    assert report.ok, report.errors
    assert (report.added, report.updated, report.unchanged) == (2, 0, 0)
    assert report.episodes_added == 3
    child = Child.objects.get(la_child_id="900001")
    assert (child.sex, child.date_of_birth, child.ethnicity, child.team) == (
        "1",
        date(2015, 2, 1),
        "WBRI",
        team,
    )
    assert episodes_of("900001") == [
        (date(2024, 1, 10), "S", "C2", "U4", date(2024, 6, 1), "X1"),
        (date(2024, 6, 1), "P", "C2", "U1", None, ""),
    ]
    assert CareSummary.objects.get(child=child).legal_status == "C2"
    assert CareSummary.objects.get(child__la_child_id="900002").legal_status == ""  # went home
    created = AuditEvent.objects.filter(action=AuditAction.CREATE, child_id=child.pk)
    assert created.count() == 1
    event = created.get()
    assert event.username == "cron (command line)" and event.method == "CLI"
    assert "added from the case system" in event.what


def test_sex_in_the_2024_codes_is_stored_as_homeward_stores_it(team: Team, tmp_path: Path) -> None:
    report = run(write(tmp_path, ["900001,F,01/02/2015,WBRI,,,"], CARE[:2]))
    assert report.ok, report.errors
    assert Child.objects.get(la_child_id="900001").sex == "2"


def test_an_existing_child_is_updated_by_child_id_and_episodes_replaced(team: Team, tmp_path: Path) -> None:
    run(write(tmp_path / "may", CHILDREN, CARE))
    kept_pk = Episode.objects.get(child__la_child_id="900001", decom=date(2024, 1, 10)).pk
    changed = [CARE[0], "900001,01/06/2024,P,C2,N1,U1,PR1,01/09/2024,X1,CARPL,,,",
               "900001,01/09/2024,P,C2,N1,U5,PR1,,,,,,", CARE[2]]  # fmt: skip
    report = run(write(tmp_path / "june", ["900001,M,01/02/2015,WIRI,,,", CHILDREN[1]], changed))
    assert report.ok, report.errors
    assert (report.added, report.updated, report.unchanged) == (0, 1, 1)
    change = next(c for c in report.children if c.child == "900001")
    assert change.fields == ["ethnicity"]
    assert change.episodes_changed == [date(2024, 6, 1)] and change.episodes_added == [date(2024, 9, 1)]
    assert Child.objects.get(la_child_id="900001").ethnicity == "WIRI"
    assert [e[0] for e in episodes_of("900001")] == [date(2024, 1, 10), date(2024, 6, 1), date(2024, 9, 1)]
    assert Episode.objects.filter(pk=kept_pk).exists()  # an unchanged episode is kept, not rewritten
    # An episode the case system no longer holds goes.
    report = run(write(tmp_path / "july", CHILDREN, ["900001,10/01/2024,S,C2,N1,U4,PR1,,,,,,", CARE[2]]))
    assert report.ok, report.errors
    change = next(c for c in report.children if c.child == "900001")
    assert change.episodes_removed == [date(2024, 6, 1), date(2024, 9, 1)]
    assert change.episodes_changed == [date(2024, 1, 10)]
    assert len(episodes_of("900001")) == 1
    assert (
        AuditEvent.objects.filter(
            child_id=Child.objects.get(la_child_id="900001").pk, action=AuditAction.CHANGE
        ).count()
        == 2
    )


def test_the_same_extract_twice_changes_nothing_the_second_time(team: Team, tmp_path: Path) -> None:
    folder = write(tmp_path, CHILDREN, CARE)
    run(folder)
    episodes = list(Episode.objects.order_by("pk").values())
    events = AuditEvent.objects.filter(child_id__isnull=False).count()
    report = run(folder)
    assert report.ok
    assert (report.added, report.updated, report.unchanged) == (0, 0, 2)
    assert (report.episodes_added, report.episodes_removed, report.episodes_changed) == (0, 0, 0)
    assert list(Episode.objects.order_by("pk").values()) == episodes
    assert (
        AuditEvent.objects.filter(child_id__isnull=False).count() == events
    )  # nothing changed, nothing audited


def test_a_dry_run_says_what_would_change_and_changes_nothing(team: Team, tmp_path: Path) -> None:
    report = run(write(tmp_path, CHILDREN, CARE), dry_run=True)
    assert report.ok and report.dry_run
    assert (report.added, report.episodes_added) == (2, 3)
    assert "Children: 2 would be added" in report.summary()[0]
    assert not Child.objects.exists() and not Episode.objects.exists()
    assert not AuditEvent.objects.filter(child_id__isnull=False).exists()


def test_a_child_missing_from_the_extract_is_kept_and_listed(team: Team, tmp_path: Path) -> None:
    run(write(tmp_path / "one", CHILDREN, CARE))
    report = run(write(tmp_path / "two", CHILDREN[:1], CARE[:2]))
    assert report.ok
    assert report.missing_from_extract == ["900002"]
    assert Child.objects.filter(la_child_id="900002").exists()
    assert len(episodes_of("900002")) == 1  # nor are their episodes touched
    assert any("not in the extract" in line for line in report.summary())


def test_a_bad_file_changes_nothing_and_names_file_row_and_column(team: Team, tmp_path: Path) -> None:
    run(write(tmp_path / "good", CHILDREN, CARE))
    before = (list(Child.objects.values()), list(Episode.objects.values()), AuditEvent.objects.count())
    bad = [CARE[0], "900001,01/06/2024,P,ZZ,N1,U1,PR1,,,,,,", CARE[2]]  # row 3: LS ZZ is no 903 code
    header = ["900001,M,01/02/2015,WIRI,,,", CHILDREN[1], "900003,M,01/01/2016,WBRI,,,"]
    report = run(write(tmp_path / "bad", header, bad))
    assert not report.ok
    problem = next(p for p in report.errors if p.column == "LS")
    assert (problem.file, problem.row) == ("episodes.csv", 3)
    assert "episodes.csv, row 3, column LS" in str(problem)
    assert report.summary() == [f"{len(report.errors)} errors: nothing was changed."]
    assert (
        list(Child.objects.values()),
        list(Episode.objects.values()),
        AuditEvent.objects.count(),
    ) == before


def test_a_new_child_without_a_team_is_an_error(tmp_path: Path) -> None:
    report = sync_case_data([write(tmp_path, CHILDREN, CARE)], source=SOURCE)
    assert not report.ok and "no team" in str(report.errors[0])
    assert not Child.objects.exists()


def test_allocation_comes_from_its_file_and_unknown_names_are_errors(team: Team, tmp_path: Path) -> None:
    users = get_user_model().objects
    worker, iro = users.create(username="sam.worker"), users.create(username="ira.iro")
    south = Team.objects.create(name="Children in Care (South)")
    allocation = tmp_path / "allocation.csv"
    allocation.write_text(
        "CHILD,worker username,team name,IRO username,first name,last name\n"
        "900001,sam.worker,Children in Care (South),ira.iro,Ada,Example\n"
    )
    report = run(write(tmp_path / "x", CHILDREN, CARE), allocation=allocation)
    assert report.ok, report.errors
    child = Child.objects.get(la_child_id="900001")
    assert (child.allocated_worker, child.iro, child.team, child.full_name) == (
        worker,
        iro,
        south,
        "Ada Example",
    )
    assert Child.objects.get(la_child_id="900002").team == team  # not in the file: the default team
    allocation.write_text("CHILD,worker,team,IRO\n900001,nobody,Children in Care (South),\n")
    report = run(write(tmp_path / "x", CHILDREN, CARE), allocation=allocation)
    assert not report.ok
    assert [(p.file, p.row, p.column) for p in report.errors] == [("allocation.csv", 2, "worker")]
    assert Child.objects.get(la_child_id="900001").allocated_worker == worker


def test_a_move_recorded_in_homeward_is_kept_until_the_case_system_holds_it(
    team: Team, tmp_path: Path
) -> None:
    folder = write(tmp_path / "before", CHILDREN, CARE)
    run(folder)
    worker = get_user_model().objects.create(username="sam.worker")
    child = Child.objects.get(la_child_id="900001")
    moves.record_move(
        child,
        moves.MoveDetails(kind=MoveKind.PLACEMENT_CHANGE, moved_on=date(2025, 3, 1), place="U3",
                          place_provider="PR1", reason_place_change="CARPL"),
        user=worker,
    )  # fmt: skip
    recorded = episodes_of("900001")
    assert recorded[-1][0] == date(2025, 3, 1) and recorded[-2][4:] == (date(2025, 3, 1), "X1")
    # The case system's extract does not hold the move yet: Homeward's episodes are kept, and said so.
    report = run(folder)
    assert report.ok
    assert episodes_of("900001") == recorded
    assert report.kept_moves == [
        "CHILD 900001: Moved to another placement on 01/03/2025: recorded in Homeward, not yet in the "
        "case system (kept)"
    ]
    assert report.unchanged == 2 and not report.conflicts
    # The case system has a different move after it: Homeward's record kept, the conflict in words.
    other = [*CARE[:1], "900001,01/06/2024,P,C2,N1,U1,PR1,01/04/2025,X1,CARPL,,,",
             "900001,01/04/2025,P,C2,N1,U6,PR1,,,,,,", CARE[2]]  # fmt: skip
    report = run(write(tmp_path / "other", CHILDREN, other))
    assert episodes_of("900001") == recorded
    assert report.conflicts == [
        "CHILD 900001: the case system has an episode starting 01/04/2025, after moved to another placement "
        "on 01/03/2025 recorded in Homeward that it does not hold. Homeward's record is kept: check the case "
        "system."
    ]
    # Once the case system holds the move, its extract is the record again.
    held = [*CARE[:1], "900001,01/06/2024,P,C2,N1,U1,PR1,01/03/2025,X1,CARPL,,,",
            "900001,01/03/2025,P,C2,N1,U3,PR1,,,,,,", CARE[2]]  # fmt: skip
    report = run(write(tmp_path / "held", CHILDREN, held))
    assert not report.kept_moves and not report.conflicts
    assert episodes_of("900001") == recorded


def test_the_command_shows_a_dry_run_and_fails_on_a_bad_file(team: Team, tmp_path: Path) -> None:
    folder = write(tmp_path / "good", CHILDREN, CARE)
    runner = CliRunner()
    result = runner.invoke(app, ["sync", str(folder), "--team", team.name, "--dry-run", "--detail"])
    assert result.exit_code == 0, result.output
    assert "Children: 2 would be added, 0 would be updated, 0 unchanged." in result.output
    assert "CHILD 900002: added from the case system" in result.output
    assert "Dry run: nothing was changed." in result.output
    assert not Child.objects.exists()
    result = runner.invoke(app, ["sync", str(folder), "--team", team.name])
    assert result.exit_code == 0 and Child.objects.count() == 2
    bad = write(tmp_path / "bad", CHILDREN, [CARE[0].replace(",C2,", ",ZZ,")])
    result = runner.invoke(app, ["sync", str(bad), "--team", team.name])
    assert result.exit_code == 1
    assert "episodes.csv, row 2, column LS" in result.output


def test_allocation_comes_from_the_extracts_own_columns_by_username_or_email(
    team: Team, tmp_path: Path
) -> None:
    users = get_user_model().objects
    worker = users.create(username="sam.worker", email="Sam.Worker@example.org")
    iro = users.create(username="ira.iro")
    south = Team.objects.create(name="Children in Care (South)")
    folder = tmp_path / "with-columns"
    folder.mkdir()
    (folder / "header.csv").write_text(
        HEADER.rstrip("\n") + ",Worker email,Team,IRO\n"
        f"{CHILDREN[0]},sam.worker@example.org,children in care (south),ira.iro\n"
        f"{CHILDREN[1]},j.left@example.org,Children in Care (West),\n"
    )
    (folder / "episodes.csv").write_text(EPISODES + "".join(f"{r}\n" for r in CARE))
    report = run(folder)
    assert report.ok, report.errors
    child = Child.objects.get(la_child_id="900001")
    assert (child.allocated_worker, child.team, child.iro) == (worker, south, iro)
    other = Child.objects.get(la_child_id="900002")
    assert (other.allocated_worker, other.team) == (None, team)  # unmatched: the default team
    assert report.allocations_not_matched == [
        "Team ‘Children in Care (West)’: no team has this name in Homeward (CHILD 900002); left as it was",
        "Worker ‘j.left@example.org’: no one has this username or email in Homeward (CHILD 900002); "
        "left as it was",
    ]
    assert any("match no one in Homeward" in line for line in report.summary())
    # The reader's "not part of the table" warning is not given for columns that were read.
    assert not [w for w in report.warnings if "not part of the Header table" in w.message]
    # The allocation file, a person's choice, wins over the extract's columns.
    allocation = tmp_path / "allocation.csv"
    allocation.write_text("CHILD,team\n900001,Children in Care (North)\n")
    report = run(folder, allocation=allocation)
    assert report.ok, report.errors
    child.refresh_from_db()
    assert (child.allocated_worker, child.team) == (worker, team)
