"""The T-score chart: hand-written, server-rendered SVG, readable without JavaScript.

The chart is decoration for sighted users; the same figures are in a table and a sentence beside it
(`t_score_summary`), so nothing depends on seeing the colours. Points carry a letter (R/A/G) as well as
a colour.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from homeward.snapshot.series import ChartPoint

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 48, 20, 20, 48
LOW, HIGH = 20.0, 80.0
COLOURS = {"red": "#d4351c", "amber": "#f47738", "green": "#00703c", "partial": "#505a5f"}
LETTERS = {"red": "R", "amber": "A", "green": "G", "partial": "P"}


def _y(t: float) -> float:
    t = min(max(t, LOW), HIGH)
    return TOP + (HIGH - t) / (HIGH - LOW) * (HEIGHT - TOP - BOTTOM)


INSET = 60  # keeps the first and last points (and their date labels) clear of the axis and the edge


def _x(i: int, n: int) -> float:
    span = WIDTH - LEFT - RIGHT - 2 * INSET
    return LEFT + INSET + (span / 2 if n == 1 else i * span / (n - 1))


def _status(p: ChartPoint) -> str:
    """'green', or for a partial review 'partial: 2 of 3 goals scored' (with its red or amber)."""
    if not p.partial:
        return p.status
    scored = f"partial: {p.goals} of {p.goals_due} goals scored"
    return scored if p.status == "partial" else f"{p.status}, {scored}"


def t_score_summary(points: list[ChartPoint]) -> str:
    if not points:
        return "No goal reviews have been scored yet."
    parts = [f"{p.reviewed_on:%-d %b %Y}: {p.t_score:.1f} ({_status(p)})" for p in points]
    return "T-score at each review (50 is the expected level): " + "; ".join(parts) + "."


def t_score_svg(points: list[ChartPoint]) -> SafeString:
    """An SVG line chart of the T-score per review, coloured by RAG status, with 50 marked."""
    if not points:
        return mark_safe("")
    n = len(points)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        'aria-labelledby="t-chart-title t-chart-desc" focusable="false" font-family="Arial, sans-serif">',
        '<title id="t-chart-title">Goal attainment T-score over time</title>',
        f'<desc id="t-chart-desc">{escape(t_score_summary(points))}</desc>',
        f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
    ]
    for t in (20, 30, 40, 50, 60, 70, 80):
        y = _y(t)
        stroke = "#0b0c0c" if t == 50 else "#b1b4b6"
        dash = "" if t == 50 else ' stroke-dasharray="4 4"'
        out.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="{stroke}"{dash}/>'
        )
        out.append(
            f'<text x="{LEFT - 8}" y="{y + 4:.1f}" text-anchor="end" font-size="12" fill="#0b0c0c">{t}</text>'
        )
    out.append(
        f'<text x="{WIDTH - RIGHT}" y="{_y(50) - 6:.1f}" text-anchor="end" font-size="12" '
        'fill="#0b0c0c">Expected level (50)</text>'
    )
    coords = [(_x(i, n), _y(p.t_score)) for i, p in enumerate(points)]
    if n > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
        out.append(f'<polyline points="{path}" fill="none" stroke="#1d70b8" stroke-width="3"/>')
    for (x, y), p in zip(coords, points, strict=True):
        colour = COLOURS.get(p.status, "#505a5f")
        out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="11" fill="{colour}" stroke="#0b0c0c"/>')
        out.append(
            f'<text x="{x:.1f}" y="{y + 4:.1f}" text-anchor="middle" font-size="11" font-weight="bold" '
            f'fill="#ffffff">{LETTERS.get(p.status, "?")}</text>'
        )
        out.append(
            f'<text x="{x:.1f}" y="{y - 16:.1f}" text-anchor="middle" font-size="12" '
            f'fill="#0b0c0c">{p.t_score:.1f}</text>'
        )
        out.append(
            f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 20}" text-anchor="middle" font-size="12" '
            f'fill="#0b0c0c">{escape(f"{p.reviewed_on:%-d %b %Y}")}</text>'
        )
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 - every value interpolated is a number or escaped
