"""The reunification rulebook: the NSPCC Reunification Practice Framework as plain Python.

Pure Python, no Django: plain data in, plain data (with explanations and citations) out. The Django
apps, the API and the command line all call this one rulebook. It is advice to a professional, never a
verdict: it shows gaps, cautions and a suggested answer with reasons; a person decides, with a
manager's sign-off.

Public API
----------
``CaseSnapshot``
    The case as it stood on ``as_of`` (frozen dataclasses in ``homeward.framework.snapshot``):
    ``as_of``, ``child`` (name, date_of_birth; ``snapshot.child_age``), ``legal_status`` (903 LS code),
    ``care_history`` (periods_of_care, previous_returns with E4A/E4B and broke_down,
    placements_in_current_period), ``assessment`` (started_on, completed_on), ``household_members``
    (name, relationship, in_household_since, parental_responsibility, assessed_on, excluded_reason,
    left_household_on, poses_risk), ``carer_assessments`` (carer, relationship, assessed_on,
    assessed_separately), ``agencies_involved`` / ``agencies_consulted`` (type slug, name, ...),
    ``meeting_absences`` (type slug, name, meeting_on, meeting_kind, invited),
    ``needs`` (type slug, person, continuing, evidence_ids), ``evidence`` (id, description, source,
    kind, seen_on, written_up_on, agency, shows_continuing), ``goals`` (id, parent, description, weight,
    reviews: reviewed_on, score −2…+2, evidence_ids), ``risk_classifications`` (point RC1–RC3, level,
    classified_on, reasons), ``child_wishes``, ``child_seen`` (seen_on, present, seen_alone, note),
    ``missing_episodes`` (started_on, ended_on, ran_home, note), ``agreement``, ``return_plan``,
    ``support_plan``, ``contingency_plan``.
    ``snapshot.to_dict()`` round-trips through ``snapshot_from_dict``.
``snapshot_from_dict(data) -> CaseSnapshot``
    Validates JSON-able data against the schema; raises ``SnapshotError`` (``.messages``: one per
    problem, each naming its field) — never a traceback for bad data.
``snapshot_json_schema() -> dict``
    The JSON Schema (draft 2020-12); also ``python -m homeward framework schema``.
``Gate``
    ``Gate.D1`` "Should a return home be considered?", ``Gate.D2`` "Should we proceed to a
    reunification plan?", ``Gate.D3`` "Should the child return home?" (``gate.question``).
``evaluate(snapshot, gate, config=None) -> Evaluation``
    ``.gaps`` and ``.cautions`` (tuples of ``Finding``: ``.id``, ``.kind``, ``.title``, ``.message``,
    ``.source``, ``.gates``, ``.people``, ``.items``), ``.suggested_answer`` ("yes" / "maybe" / "no"),
    ``.reasons``, ``.config_version``, ``.reviews`` (GAS review summaries), ``.to_dict()``.
    Deterministic: never reads the clock (everything is measured from ``snapshot.as_of``).
``load_config(path=None) -> Config``
    The versioned configuration (``config.toml`` shipped here, or another file); ``Config.version``
    is recorded in every evaluation.
``t_score(scores, weights=None, rho=0.3) -> float``, ``goal_status(score) -> "red" | "amber" | "green"``
    Goal Attainment Scaling (Kiresuk & Sherman 1968). ``homeward.framework.gas.counts_as_evidence``
    (and ``kinds_count_as_evidence`` / ``basis_of_kinds`` for evidence kinds) is the one definition of
    a score that is evidence of change: it cites an item that exists and is not attendance. A review
    summary's ``.partial`` says it scored only some of the goals set by then.
``RULES``
    Every rule (``Rule``: ``.id``, ``.kind``, ``.title``, ``.gates``, ``.source``, ``.doc``), one module
    each under ``homeward.framework.rules``; ``RULES_BY_ID`` finds one by id.
``example_snapshot(name="dean-smith") -> CaseSnapshot``
    A shipped, fictional example case (``examples/*.json``).
"""

from homeward.framework.config import Config, ConfigError, load_config
from homeward.framework.evaluate import evaluate
from homeward.framework.examples import example_names, example_snapshot
from homeward.framework.gas import goal_status, t_score
from homeward.framework.model import CORE_QUESTION, Evaluation, Finding, Gate, Rule
from homeward.framework.rules import RULES, RULES_BY_ID
from homeward.framework.schema import SnapshotError, snapshot_from_dict, snapshot_json_schema
from homeward.framework.snapshot import CaseSnapshot

__all__ = [
    "CORE_QUESTION",
    "RULES",
    "RULES_BY_ID",
    "CaseSnapshot",
    "Config",
    "ConfigError",
    "Evaluation",
    "Finding",
    "Gate",
    "Rule",
    "SnapshotError",
    "evaluate",
    "example_names",
    "example_snapshot",
    "goal_status",
    "load_config",
    "snapshot_from_dict",
    "snapshot_json_schema",
    "t_score",
]
