"""The DfE's statutory rules on the import's report: run by the background worker on a staged upload,
listed beside Homeward's by the DfE's codes, under the names the data officer's files have."""

from __future__ import annotations

import pytest
from django.urls import reverse

from homeward.outcomes import services
from homeward.outcomes.models import Import903
from homeward.ssda903 import dfe

from .conftest import history
from .test_import import upload

pytestmark = pytest.mark.django_db


def test_the_worker_runs_the_dfe_rules_and_the_report_lists_them(analyst, write_return) -> None:
    report_url = upload(analyst, write_return(*history(12)))
    waiting = analyst.get(report_url).content.decode()
    assert "being run on these files in the background" in waiting

    assert services.run_statutory_rules() == 1
    assert services.run_statutory_rules() == 0  # each upload once

    page = analyst.get(report_url)
    statutory = page.context["statutory"]
    assert statutory.ran and statutory.rulesets == ["lac2022_23"] and statutory.findings
    html = page.content.decode()
    assert "They do not change Homeward&#x27;s figures" in html
    code, _, count, examples = statutory.by_code()[0]
    assert f'<td class="govuk-table__cell">{code}</td>' in html
    assert {f.file for f in statutory.findings} <= {"header.csv", "episodes.csv"}  # the person's names
    assert examples[0].file in html and count >= len(examples)
    assert "no rules for 2018-19" in html  # the nearest ruleset, said


def test_the_dfe_findings_do_not_hold_up_the_import(
    analyst, write_return, django_capture_on_commit_callbacks
) -> None:
    report_url = upload(analyst, write_return(*history(12)))
    analyst.get(report_url)
    with django_capture_on_commit_callbacks(execute=True):
        analyst.post(report_url)  # imported before the worker came round
    imported = Import903.objects.get()
    assert imported.children == 12
    assert services.run_statutory_rules() == 0  # the staged files went with the import


def test_without_the_validator_the_report_says_the_rules_were_not_run(
    analyst, write_return, monkeypatch
) -> None:
    monkeypatch.delenv("HOMEWARD_DFE_PYTHON", raising=False)
    monkeypatch.setattr(dfe, "validator_python", lambda: None)
    report_url = upload(analyst, write_return(*history(12)))
    assert services.run_statutory_rules() == 0
    html = analyst.get(report_url).content.decode()
    assert "statutory 903 rules were not run" in html and "make dfe" in html


def test_a_return_with_errors_is_not_sent_to_the_dfe_rules(analyst, write_return) -> None:
    header, episodes = history(12)
    episodes[2] = episodes[2].replace(",S,", ",XX,", 1)  # an unknown reason for a new episode
    report_url = upload(analyst, write_return(header, episodes))
    page = analyst.get(report_url)
    assert page.context["report"].errors
    assert services.run_statutory_rules() == 0
    assert services.STATUTORY_NOT_ON_ERRORS.replace("'", "&#x27;") in page.content.decode()
    assert reverse("outcomes:upload") in page.content.decode()
