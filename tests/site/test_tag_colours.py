"""Tags whose meanings differ look clearly different: amber is not red, a gap is not a caution.

The colours are GOV.UK Frontend's own tag modifiers, read from the compiled stylesheet; two tags "look
alike" when their backgrounds are closer than a clearly visible difference: CIE76 ΔE under 12 (about 2
is the least a person can see side by side; GOV.UK Frontend 5's orange and red are 6.7 apart)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from homeward.base import tags

REPO = Path(__file__).resolve().parents[2]
SRC = REPO / "src" / "homeward"
CSS = REPO / "static-build" / "homeward" / "homeward.css"
CLEARLY_DIFFERENT = 12.0


def _lab(hex_colour: str) -> tuple[float, float, float]:
    """sRGB (#rrggbb) to CIE L*a*b* (D65)."""
    rgb = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    x = (0.4124 * lin[0] + 0.3576 * lin[1] + 0.1805 * lin[2]) / 0.95047
    y = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    z = (0.0193 * lin[0] + 0.1192 * lin[1] + 0.9505 * lin[2]) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _background(colour: str) -> str:
    found = re.search(r"\.govuk-tag--" + colour + r"\{[^}]*background-color:(#[0-9a-f]{6})", CSS.read_text())
    assert found, f"no background for .govuk-tag--{colour} in {CSS} (run `make setup`)"
    return found.group(1)


def difference(one: str, other: str) -> float:
    a, b = _lab(_background(one)), _lab(_background(other))
    return float(sum((p - q) ** 2 for p, q in zip(a, b, strict=True)) ** 0.5)


def test_gap_and_caution_amber_and_red_look_different() -> None:
    assert tags.GAP != tags.CAUTION and tags.AMBER != tags.ALERT
    assert difference(tags.GAP, tags.CAUTION) > CLEARLY_DIFFERENT
    assert difference(tags.AMBER, tags.ALERT) > CLEARLY_DIFFERENT
    # Why orange is left out: GOV.UK Frontend's orange tag is all but its red.
    assert difference("orange", "red") < CLEARLY_DIFFERENT


def test_the_four_risk_classifications_each_look_different() -> None:
    levels = list(tags.RISK_LEVELS.values())
    for i, one in enumerate(levels):
        for other in levels[i + 1 :]:
            assert difference(one, other) > CLEARLY_DIFFERENT, (one, other)


def _sources() -> list[Path]:
    return [p for p in SRC.rglob("*") if p.suffix in (".html", ".py") and "static" not in p.parts]


def test_no_page_uses_a_tag_colour_that_could_be_taken_for_another() -> None:
    used: dict[str, set[str]] = {}
    for path in _sources():
        text = path.read_text(encoding="utf-8")
        for colour in re.findall(r"govuk-tag--([a-z-]+)", text):
            used.setdefault(colour, set()).add(str(path.relative_to(SRC)))
        for colour in re.findall(r"""colour=["']([a-z-]+)["']""", text):
            used.setdefault(colour, set()).add(str(path.relative_to(SRC)))
    wrong = {c: sorted(paths) for c, paths in used.items() if c not in tags.ALLOWED}
    assert not wrong, f"tag colours outside homeward.base.tags.ALLOWED: {wrong}"
    assert {"red", "yellow", "green"} <= set(used)


@pytest.mark.django_db
def test_the_rules_page_shows_gaps_and_cautions_in_their_own_colours(
    client_for: Callable[[str | None], Any], demo: Any
) -> None:
    page = client_for("worker").get("/rules/").content.decode()
    gaps = re.findall(r'<strong class="govuk-tag govuk-tag--([a-z]+)">Gap</strong>', page)
    cautions = re.findall(r'<strong class="govuk-tag govuk-tag--([a-z]+)">Caution</strong>', page)
    assert gaps and cautions
    assert set(gaps) == {tags.GAP} and set(cautions) == {tags.CAUTION}
