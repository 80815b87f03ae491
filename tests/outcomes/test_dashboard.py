"""The dashboard shows `analyse` of the chosen data, suppresses small counts, and downloads every table."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from django.utils.html import escape

from homeward.access.models import AuditAction, AuditEvent
from homeward.children.models import Child, Episode
from homeward.organisation.models import Team
from homeward.outcomes import selectors
from homeward.outcomes.services import homeward_records, import_paths
from homeward.ssda903 import UnitCosts, analyse, dataset_from_records, load

from .conftest import history

pytestmark = pytest.mark.django_db


def without_provenance(result: dict) -> dict:
    # The stored tables no longer know which files they came from, nor the warnings (counted on the import).
    return {k: v for k, v in result.items() if k != "data_quality"}


def test_dashboard_figures_are_the_analysis_of_the_imported_files(analyst, write_return) -> None:
    paths = write_return(*history(30))
    imported = import_paths(paths, None)
    page = analyst.get(reverse("outcomes:dashboard"))
    assert page.status_code == 200
    shown = page.context["r"]
    assert page.context["board"].source.key == f"import-{imported.pk}"  # the latest import by default
    assert without_provenance(shown) == without_provenance(analyse(load(paths)).as_dict())
    # Known answers, worked out from how `history` is built: 15 planned, 15 unplanned, 10 re-entries.
    assert shown["returns_home"] == {"E4A": 15, "E4B": 15}
    assert shown["re_entry"]["re_entries"] == 10
    html = page.content.decode()
    table = page.context["tables"]["returns_by_year"]
    assert table.rows == [["2018-19", "15", "15", "30", "0"]]
    assert "Returns home per year" in html and "<svg" in html
    assert "C0001" not in html  # no CHILD id reaches the page
    for term, _ in page.context["definitions"]:
        assert term in html
    assert selectors.SUPPRESSION_RULE.split(":")[0] in html


def test_unit_costs_come_from_the_page_and_are_not_stored(analyst, write_return) -> None:
    paths = write_return(*history(30))
    import_paths(paths, None)
    page = analyst.get(reverse("outcomes:dashboard"), {"re_entry_cost": "1000", "support_cost": "10"})
    costs = page.context["r"]["costs"]
    expected = analyse(load(paths), costs=UnitCosts(1000.0, 10.0, "your figures")).as_dict()["costs"]
    assert costs == expected
    assert costs["cost_of_re_entries"] == 10 * 1000  # ten re-entries, by construction
    assert "£10,000" in page.content.decode()
    again = analyst.get(reverse("outcomes:dashboard"))
    assert again.context["r"]["costs"]["unit_costs"]["re_entry"] == UnitCosts().re_entry


def test_an_invalid_unit_cost_is_reported_and_the_default_used(analyst, write_return) -> None:
    import_paths(write_return(*history(30)), None)
    page = analyst.get(reverse("outcomes:dashboard"), {"re_entry_cost": "lots"})
    assert page.status_code == 200
    assert "Enter the cost of each re-entry as a number of pounds" in page.content.decode()
    assert page.context["r"]["costs"]["unit_costs"]["re_entry"] == UnitCosts().re_entry


def test_rates_are_hidden_when_they_would_reveal_few_re_entries(analyst, write_return) -> None:
    import_paths(write_return(*history(12)), None)  # 12 returns home, 4 re-entries (i = 0, 3, 6, 9)
    page = analyst.get(reverse("outcomes:dashboard"))
    r, tables = page.context["r"], page.context["tables"]
    assert (r["re_entry"]["returns"], r["re_entry"]["re_entries"]) == (12, 4)
    assert all(cell == selectors.TOO_FEW for cell in tables["re_entry"].rows[0][1:4])
    assert tables["returns_by_year"].rows[0][3] == "12"
    assert page.context["curve"] is None  # its steps would show the four re-entries


def test_small_counts_are_suppressed(analyst, write_return) -> None:
    import_paths(write_return(*history(3)), None)
    page = analyst.get(reverse("outcomes:dashboard"))
    html = page.content.decode()
    tables = page.context["tables"]
    assert tables["returns_by_year"].rows == [
        ["2018-19", "fewer than 5", "fewer than 5", "fewer than 5", "0"]
    ]
    assert tables["re_entry"].rows[1][1] == selectors.TOO_FEW
    assert page.context["curve"] is None
    assert "£105,804" in html  # the unit cost, but not a total that would reveal the count
    assert "not shown (small number)" in tables["costs"].rows[0][3]


@pytest.fixture
def homeward_children(db) -> None:  # type: ignore[no-untyped-def]
    team = Team.objects.create(name="Team A")
    for i in range(12):
        child = Child.objects.create(
            la_child_id=f"H{i:03d}",
            first_name="Zebedee",
            last_name=f"Quill{i}",
            date_of_birth=date(2012, 5, 1),
            sex="1",
            ethnicity="WBRI",
            team=team,
        )
        rec = "E4A" if i % 2 else "E4B"
        Episode.objects.create(
            child=child,
            decom=date(2020, 1, 1),
            rne="S",
            ls="C2",
            cin="N1",
            place="U1",
            place_provider="PR1",
            dec=date(2020, 6, 1),
            rec=rec,
        )
        if i % 4 == 0:
            Episode.objects.create(
                child=child,
                decom=date(2021, 1, 1),
                rne="S",
                ls="V2",
                cin="N1",
                place="U1",
                place_provider="PR1",
            )


def test_homeward_records_go_through_the_same_analysis(analyst, homeward_children) -> None:
    page = analyst.get(reverse("outcomes:dashboard"))
    assert page.context["board"].source.key == selectors.HOMEWARD  # no import yet
    header, episodes = homeward_records()
    assert without_provenance(page.context["r"]) == without_provenance(
        analyse(dataset_from_records(header, episodes)).as_dict()
    )
    assert page.context["r"]["returns_home"] == {"E4A": 6, "E4B": 6}
    assert page.context["r"]["re_entry"]["re_entries"] == 3
    html = page.content.decode()
    assert "Zebedee" not in html and "Quill" not in html and "H001" not in html


def test_the_user_chooses_between_an_import_and_homeward_records(
    analyst, homeward_children, write_return
) -> None:
    import_paths(write_return(*history(30)), None)
    page = analyst.get(reverse("outcomes:dashboard"), {"source": selectors.HOMEWARD})
    assert page.context["r"]["returns_home"] == {"E4A": 6, "E4B": 6}
    page = analyst.get(reverse("outcomes:dashboard"))
    assert page.context["r"]["returns_home"] == {"E4A": 15, "E4B": 15}


def test_every_table_downloads_as_csv_and_is_audited(manager, write_return) -> None:
    import_paths(write_return(*history(30)), None)
    page = manager.get(reverse("outcomes:dashboard"))
    tables = page.context["tables"]
    assert len(tables) == 4 + len(selectors.BREAKDOWNS)  # key figures, per year, re-entry, costs
    for key, table in tables.items():
        response = manager.get(reverse("outcomes:table_csv", args=[key]))
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        assert rows[0] == [table.caption]
        assert rows[1] == table.head
        assert rows[2 : 2 + len(table.rows)] == table.rows
        assert ["Definitions"] in rows and any(r and r[0] == "Re-entry" for r in rows)
        assert reverse("outcomes:table_csv", args=[key]) in page.content.decode()
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT).count() == len(tables)
    assert manager.get(reverse("outcomes:table_csv", args=["nothing"])).status_code == 404


def test_csv_download_keeps_the_chosen_costs(analyst, write_return) -> None:
    import_paths(write_return(*history(30)), None)
    response = analyst.get(reverse("outcomes:table_csv", args=["costs"]), {"re_entry_cost": "1000"})
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[2][:4] == ["Re-entries to care after a return home", "10", "£1,000", "£10,000"]


def test_policy_questions_are_answered_from_the_figures(analyst, write_return) -> None:
    import_paths(write_return(*history(30)), None)
    page = analyst.get(reverse("outcomes:dashboard"))
    answers = dict(page.context["board"].answers)
    r = page.context["r"]
    assert len(answers) == 5
    cost = answers["What would supporting every return have cost, against what re-entries cost?"]
    assert selectors.money(r["costs"]["cost_to_support_every_return"]) in cost
    assert selectors.money(r["costs"]["cost_of_re_entries"]) in cost
    # history(): every re-entry comes 200 days after the return, so the one-year figure is known.
    year = answers["How many returns home broke down within a year?"]
    assert selectors.percent(r["re_entry"]["cumulative_incidence"]["365"]) in year


def test_the_data_can_be_analysed_as_of_an_earlier_date(analyst, write_return) -> None:
    paths = write_return(*history(30))
    import_paths(paths, None)
    when = {"as_of_day": "1", "as_of_month": "10", "as_of_year": "2018"}
    page = analyst.get(reverse("outcomes:dashboard"), when)
    assert page.context["r"] == {
        **analyse(load(paths), as_of=date(2018, 10, 1)).as_dict(),
        "data_quality": page.context["r"]["data_quality"],
    }
    assert page.context["r"]["as_of"] == "2018-10-01"
    # history(): returns home from 11 July 2018 onwards, re-entries from January 2019: none yet.
    assert page.context["r"]["re_entry"]["re_entries"] == 0
    response = analyst.get(reverse("outcomes:table_csv", args=["summary"]), when)
    assert "2018-10-01" in response.content.decode()


def test_an_impossible_as_of_date_is_reported(analyst, write_return) -> None:
    import_paths(write_return(*history(30)), None)
    page = analyst.get(
        reverse("outcomes:dashboard"), {"as_of_day": "31", "as_of_month": "2", "as_of_year": "2019"}
    )
    assert "Enter the date the data should end as a real date" in page.content.decode()
    assert page.context["r"]["as_of"] != "2019-02-31"


def test_every_chart_is_an_svg_with_a_text_alternative(analyst, write_return) -> None:
    import_paths(write_return(*history(30)), None)
    page = analyst.get(reverse("outcomes:dashboard"))
    html = page.content.decode()
    charts = [page.context[k] for k in ("curve", "year_chart", "cost_chart")]
    assert all(c is not None for c in charts)
    assert html.count('<svg role="img" aria-labelledby="') == 3
    r = page.context["r"]
    assert (
        selectors.money(r["costs"]["cost_of_re_entries"]).replace("£", "") in page.context["cost_chart"].alt
    )
    assert f"{r['re_entry']['returns']:,} returns home" in page.context["curve"].alt
    for c in charts:  # each chart is named by its caption, which holds the text alternative
        assert f'aria-labelledby="{c.caption_id}"' in html
        assert f'id="{c.caption_id}">{c.alt}' in html


def test_repairs_are_listed_in_words_with_what_they_did_to_the_figures(analyst, write_return) -> None:
    from homeward.ssda903.repair import EFFECTS, RULES

    header, episodes = history(12)
    # The same return sent twice (as two years would re-send open episodes): duplicates are repaired.
    import_paths(write_return(header, episodes, "year1") + write_return(header, episodes, "year2"), None)
    page = analyst.get(reverse("outcomes:dashboard"))
    assert page.context["r"]["repairs"]["duplicate_dropped"] > 0
    assert escape(RULES["duplicate_dropped"]) in page.content.decode()
    assert escape(EFFECTS["duplicate_dropped"]) in page.content.decode()


def test_breakdowns_have_a_chart_when_two_groups_can_be_shown(analyst, write_return) -> None:
    header, episodes = history(30)
    # One more child coming into care in 2020 carries the data's end past a year after every return.
    header.append("Z0001,1,01/01/2012,WBRI,,,")
    episodes.append("Z0001,01/01/2020,S,V2,N1,U1,PR1,,,,,,")
    import_paths(write_return(header, episodes), None)
    page = analyst.get(reverse("outcomes:dashboard"))
    charts = {table.key: chart for table, chart in page.context["breakdowns"]}
    planned = charts["breakdown_planned_or_unplanned"]
    assert planned is not None
    by_type = page.context["r"]["re_entry_by_type"]
    for code in ("E4A", "E4B"):  # each group's one-year share is in the text alternative
        assert selectors.percent(by_type[code]["cumulative_incidence"]["365"]) in planned.alt
