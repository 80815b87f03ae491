"""Small builders for hand-made 903 histories."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from homeward.ssda903.tables import COLUMNS

REPO = Path(__file__).resolve().parents[2]
# The DfE validator's fake 903 tables (MIT), kept in the repository so every clone has them.
FAKE_DATA = REPO / "tests" / "data" / "ssda903-fake"


def d(text: str) -> date:
    return date.fromisoformat(text)


def episode(
    child: str,
    decom: str,
    rne: str,
    ls: str,
    dec: str | None,
    rec: str | None,
    *,
    cin: str = "N1",
    place: str = "U6",
    provider: str = "PR1",
) -> dict[str, object]:
    return {
        "CHILD": child,
        "DECOM": d(decom),
        "RNE": rne,
        "LS": ls,
        "CIN": cin,
        "PLACE": place,
        "PLACE_PROVIDER": "PR0" if place == "P1" else provider,
        "DEC": d(dec) if dec else None,
        "REC": rec,
    }


def child(child_id: str, dob: str, sex: str = "1", ethnic: str = "WBRI") -> dict[str, object]:
    return {"CHILD": child_id, "SEX": sex, "DOB": d(dob), "ETHNIC": ethnic}


def csv_text(table: str, rows: list[dict[str, str]], columns: tuple[str, ...] | None = None) -> str:
    cols = columns or COLUMNS[table]
    lines = [",".join(cols)] + [",".join(r.get(c, "") for c in cols) for r in rows]
    return "\n".join(lines) + "\n"


def ep_row(
    child: str, decom: str, rne: str, ls: str, dec: str = "", rec: str = "", **kw: str
) -> dict[str, str]:
    row = {
        "CHILD": child,
        "DECOM": decom,
        "RNE": rne,
        "LS": ls,
        "CIN": "N1",
        "PLACE": "U6",
        "PLACE_PROVIDER": "PR1",
        "DEC": dec,
        "REC": rec,
    }
    row.update(kw)
    return row


def hd_row(child: str, dob: str = "01/01/2010", **kw: str) -> dict[str, str]:
    row = {"CHILD": child, "SEX": "1", "DOB": dob, "ETHNIC": "WBRI"}
    row.update(kw)
    return row


def write_year(folder: Path, year: int, header: list[dict[str, str]], episodes: list[dict[str, str]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"header_{year}.csv").write_text(csv_text("Header", header))
    (folder / f"episodes_{year}.csv").write_text(csv_text("Episodes", episodes))
