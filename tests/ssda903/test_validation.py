"""Every kind of validation message, on a broken file, naming the file, row and column."""

from __future__ import annotations

from datetime import date

import pytest

from homeward.ssda903 import Severity, load
from homeward.ssda903.tables import COLUMNS
from tests.ssda903.helpers import csv_text, ep_row, hd_row


def write(tmp_path, name: str, text: str | bytes):
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text)
    return path


def found(ds, kind: str):
    return [i for i in ds.issues if i.kind == kind]


def one(ds, kind: str, **where):
    matches = [i for i in found(ds, kind) if all(getattr(i, k) == v for k, v in where.items())]
    assert len(matches) == 1, (kind, where, [str(i) for i in ds.issues])
    return matches[0]


@pytest.fixture
def broken(tmp_path):
    header = [hd_row("1"), hd_row("2"), hd_row("2"), hd_row("3", dob="01/01/2021")]
    episodes = [
        ep_row("1", "01/04/2020", "S", "C9"),  # row 2: unknown legal status
        ep_row("2", "31/02/2020", "S", "C2"),  # row 3: no such date
        ep_row("3", "01/05/2020", "S", "C2", "01/04/2020", "E4A"),  # row 4: ends before it starts, before DOB
        ep_row("4", "01/01/2020", "S", "C2", "01/06/2020", "X1"),  # row 5
        ep_row("4", "01/05/2020", "P", "C2", "01/07/2020", "E4A"),  # row 6: overlaps row 5
        ep_row("4", "01/09/2020", "P", "C2", "", ""),  # row 7: RNE P after a return home
        ep_row("5", "01/01/2020", "S", "", "", ""),  # row 8: LS blank
        ep_row("6", "01/01/2020", "S", "C2", "", "E4A"),  # row 9: REC without DEC
        ep_row("6", "01/01/2020", "S", "C2", "", ""),  # row 10: same start as row 9
        ep_row("7", "01/01/2020", "S", "C2", "01/02/2020", "X1"),  # row 11
        ep_row("7", "05/02/2020", "P", "C2", "", ""),  # row 12: starts 4 days after an X1
        ep_row("8", "01/01/2020", "S", "C2", "01/02/2030", "E4A"),  # row 13: DEC in the future
    ]
    write(tmp_path, "header.csv", csv_text("Header", header))
    write(tmp_path, "episodes.csv", csv_text("Episodes", episodes))
    return load([tmp_path])


def test_unknown_code(broken):
    issue = one(broken, "unknown_code", column="LS")
    assert (issue.row, issue.value, issue.severity) == (2, "C9", Severity.ERROR)
    assert "V2" in issue.allowed and "C2" in issue.allowed
    assert issue.file.endswith("episodes.csv")
    assert "row 2, column LS" in str(issue) and "'C9'" in str(issue)


def test_impossible_date(broken):
    issue = one(broken, "impossible_date", column="DECOM", row=3)
    assert issue.value == "31/02/2020" and "dd/mm/YYYY" in issue.allowed


def test_dec_before_decom(broken):
    issue = one(broken, "dec_before_decom", row=4)
    assert issue.column == "DEC" and issue.value == "01/04/2020" and "01/05/2020" in issue.message


def test_episode_before_birth(broken):
    issue = one(broken, "impossible_date", column="DECOM", row=4)
    assert "date of birth" in issue.message and "01/01/2021" in issue.message


def test_date_in_future(broken):
    issue = one(broken, "impossible_date", column="DEC", row=13)
    assert issue.value == "01/02/2030"


def test_overlapping_episodes(broken):
    issue = one(broken, "overlapping_episodes", row=6)
    assert issue.column == "DECOM" and "row 5" in issue.message and "01/06/2020" in issue.message


def test_rne_not_s_after_period_ended(broken):
    issue = one(broken, "rne_not_s_after_period_ended", row=7)
    assert issue.column == "RNE" and issue.value == "P" and issue.allowed.startswith("S")
    assert "E4A" in issue.message


def test_missing_value_and_dec_rec_pairs(broken):
    assert one(broken, "missing_value", column="LS").row == 8
    assert one(broken, "missing_value", column="DEC").row == 9


def test_duplicate_episode_and_child(broken):
    assert one(broken, "duplicate_episode").row == 10
    dup = one(broken, "duplicate_child")
    assert (dup.row, dup.column, dup.value) == (4, "CHILD", "2") and "row 3" in dup.message


def test_warnings(broken):
    gap = one(broken, "gap_after_x1", row=12)
    assert gap.severity is Severity.WARNING
    missing = found(broken, "child_not_in_header")
    assert {i.value for i in missing} == {"4", "5", "6", "7", "8"}
    assert all(i.severity is Severity.WARNING for i in missing)
    assert broken.has_errors


def test_missing_columns(tmp_path):
    cols = tuple(c for c in COLUMNS["Episodes"] if c not in ("URN", "PL_POST"))
    write(tmp_path, "episodes.csv", csv_text("Episodes", [ep_row("1", "01/01/2020", "S", "C2")], cols))
    ds = load([tmp_path])
    issue = one(ds, "missing_columns")
    assert issue.row == 1 and issue.column == "PL_POST, URN" and issue.severity is Severity.ERROR
    assert len(ds.episode_records()) == 1  # still read: the missing columns are not needed for the analysis


def test_missing_essential_column_file_not_read(tmp_path):
    cols = tuple(c for c in COLUMNS["Episodes"] if c != "DECOM")
    write(tmp_path, "episodes.csv", csv_text("Episodes", [ep_row("1", "01/01/2020", "S", "C2")], cols))
    ds = load([tmp_path])
    assert one(ds, "missing_columns").column == "DECOM"
    assert ds.episodes.num_rows == 0


def test_wrong_encoding(tmp_path):
    text = csv_text("Header", [hd_row("Zoë")]).encode("cp1252")
    path = write(tmp_path, "header.csv", text)
    ds = load([path])
    issue = one(ds, "wrong_encoding")
    assert issue.severity is Severity.ERROR and "UTF-8" in issue.allowed
    assert ds.header_records()[0]["CHILD"] == "Zoë"  # still read, so other problems can be listed


def test_empty_file(tmp_path):
    ds = load([write(tmp_path, "episodes.csv", "")])
    assert one(ds, "empty_file").severity is Severity.ERROR


def test_header_only_file(tmp_path):
    ds = load([write(tmp_path, "episodes.csv", ",".join(COLUMNS["Episodes"]) + "\n")])
    assert one(ds, "no_rows").severity is Severity.WARNING


def test_truncated_file(tmp_path):
    text = csv_text("Episodes", [ep_row("1", "01/01/2020", "S", "C2"), ep_row("2", "01/01/2020", "S", "C2")])
    path = write(tmp_path, "episodes.csv", text[: text.rindex("C2") + 2])  # cut mid-row, no line end
    ds = load([path])
    issue = one(ds, "truncated_file")
    assert issue.row == 3 and issue.severity is Severity.ERROR
    assert [r["CHILD"] for r in ds.episode_records()] == ["1"]


def test_row_with_too_few_values_keeps_later_row_numbers(tmp_path):
    text = (
        csv_text("Episodes", [ep_row("1", "01/01/2020", "S", "C2")])
        + "2,01/01/2020\n"
        + csv_text("Episodes", [ep_row("3", "01/01/2020", "S", "C9")]).split("\n", 1)[1]
    )
    ds = load([write(tmp_path, "episodes.csv", text)])
    assert one(ds, "wrong_column_count").row == 3
    assert one(ds, "unknown_code").row == 4  # the row after the bad one keeps its spreadsheet number


def test_unknown_table(tmp_path):
    ds = load([write(tmp_path, "notes.csv", "NAME,NOTE\nx,y\n")])
    issue = one(ds, "unknown_table")
    assert issue.row == 1 and "Episodes" in issue.allowed


def test_k3_only_from_2024(tmp_path):
    rows = [
        ep_row("1", "01/01/2023", "S", "C2", PLACE="K3"),
        ep_row("2", "01/05/2024", "S", "C2", PLACE="K3"),
    ]
    ds = load([write(tmp_path, "episodes.csv", csv_text("Episodes", rows))])
    issue = one(ds, "code_not_valid_for_year")
    assert issue.row == 2 and issue.severity is Severity.WARNING


def test_messy_but_fine_export_is_read_with_warnings_only(tmp_path):
    cols = COLUMNS["Episodes"]
    lines = [",".join(cols)]
    lines.append(
        ",".join(
            {
                "CHILD": " 1 ",
                "DECOM": "2020-01-01",
                "RNE": "s",
                "LS": " c2",
                "CIN": "n1",
                "PLACE": "u6",
                "PLACE_PROVIDER": "pr1",
                "DEC": "01/06/2020",
                "REC": "e4a",
            }.get(c, "")
            for c in cols
        )
    )
    lines.append(",".join("" for _ in cols))  # a trailing blank row from a spreadsheet
    body = "\ufeff" + "\r\n".join(lines) + "\r\n\r\n"
    ds = load([write(tmp_path, "episodes.csv", body.encode("utf-8"))])
    assert not ds.errors, [str(i) for i in ds.errors]
    kinds = {i.kind for i in ds.warnings}
    assert kinds == {"tidied_value", "blank_rows"}
    tidied = {i.column for i in found(ds, "tidied_value")}
    assert tidied == {"CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "REC"}
    rec = ds.episode_records()[0]
    assert (rec["CHILD"], rec["DECOM"], rec["RNE"], rec["LS"], rec["REC"]) == (
        "1",
        date(2020, 1, 1),
        "S",
        "C2",
        "E4A",
    )


def test_xml_is_read_with_renamed_fields(tmp_path):
    xml = (
        "<?xml version='1.0' encoding='utf-8'?><EXPSSDA903><CHILD><HEADER><CHILDID>77</CHILDID><SEX>2</SEX>"
        "<DOB>01/01/2012</DOB><ETHNIC>WBRI</ETHNIC></HEADER><EPISODE><DECOM>01/01/2020</DECOM><RNE>S</RNE>"
        "<LS>V2</LS><CIN>N1</CIN><PL>Q9</PL><PLACE_PROVIDER>PR1</PLACE_PROVIDER><DEC>01/03/2020</DEC>"
        "<REC>E4B</REC></EPISODE></CHILD></EXPSSDA903>"
    )
    ds = load([write(tmp_path, "return.xml", xml)])
    assert [(r["CHILD"], r["PLACE"], r["REC"]) for r in ds.episode_records()] == [("77", "Q9", "E4B")]
    issue = one(ds, "unknown_code", column="PLACE")
    assert issue.value == "Q9" and issue.row == 2  # record 2 of the file (the child's header is 1)


def test_truncated_xml(tmp_path):
    xml = (
        "<EXPSSDA903><CHILD><HEADER><CHILDID>1</CHILDID></HEADER><EPISODE><DECOM>01/01/2020</DECOM>"
        "</EPISODE></CHILD><CHILD><HEADER><CHILDID>2</CHI"
    )
    ds = load([write(tmp_path, "cut.xml", xml)])
    assert one(ds, "truncated_file").severity is Severity.ERROR
    assert [r["CHILD"] for r in ds.header_records()] == ["1"]


def test_sequence_warnings_and_open_episode_overlap(tmp_path):
    episodes = [
        ep_row("1", "01/01/2020", "S", "C2", "01/03/2020", "X1"),  # row 2
        ep_row("1", "01/03/2020", "S", "C2", "", ""),  # row 3: S although the child stayed looked after
        ep_row("2", "01/01/2020", "S", "C2", "", ""),  # row 4: still open …
        ep_row("2", "01/02/2020", "P", "C2", "", ""),  # row 5: … yet a later episode starts
    ]
    ds = load([write(tmp_path, "episodes.csv", csv_text("Episodes", episodes))])
    s_after_x1 = one(ds, "rne_s_after_x1")
    assert (s_after_x1.row, s_after_x1.column, s_after_x1.severity) == (3, "RNE", Severity.WARNING)
    overlap = one(ds, "overlapping_episodes")
    assert overlap.row == 5 and "row 4" in overlap.message and "still open" in overlap.message


def test_extra_columns_are_ignored_with_a_warning(tmp_path):
    cols = (*COLUMNS["Header"], "NOTES")
    ds = load([write(tmp_path, "header.csv", csv_text("Header", [hd_row("1", NOTES="x")], cols))])
    issue = one(ds, "extra_columns")
    assert issue.column == "NOTES" and issue.severity is Severity.WARNING
    assert ds.header_records()[0]["CHILD"] == "1"


def test_utf16_export_is_read_with_a_warning(tmp_path):
    text = csv_text("Header", [hd_row("1")])
    ds = load([write(tmp_path, "header.csv", text.encode("utf-16"))])
    assert one(ds, "wrong_encoding").severity is Severity.WARNING
    assert not ds.errors and ds.header_records()[0]["CHILD"] == "1"


def test_many_rows_with_one_problem_are_summarised(tmp_path):
    rows = [ep_row(str(i), "01/01/2020", "S", "ZZ") for i in range(510)]
    ds = load([write(tmp_path, "episodes.csv", csv_text("Episodes", rows))])
    listed = [i for i in found(ds, "unknown_code") if i.row is not None]
    summary = [i for i in found(ds, "unknown_code") if i.row is None]
    assert len(listed) == 500 and [i.rows for i in summary] == [10]
    assert "10 more rows" in summary[0].message


def test_missing_file_is_reported_not_raised(tmp_path):
    ds = load([tmp_path / "nowhere.csv"])
    assert one(ds, "file_not_found").severity is Severity.ERROR
