"""Browser-test helpers: screenshots for a person to look at, and an axe-core accessibility check."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

REPO_DIR = Path(__file__).resolve().parents[2]
AXE_JS = REPO_DIR / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = REPO_DIR / "test-results" / "screenshots"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Everything in tests/e2e drives a browser; mark it so `-m "not e2e"` gives a quick run.
    for item in items:
        if "tests/e2e/" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.e2e)


def screenshot(page: Any, name: str) -> Path:
    """A full-page screenshot in test-results/screenshots/ (git-ignored), to look at by eye."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """Run axe-core (npm `axe-core`, installed by `npm ci`) on the page as it is now."""
    assert AXE_JS.exists(), f"{AXE_JS} is missing: run `npm ci` (make test does)"
    # Evaluated by the test driver, not added as a <script> tag: the page's Content-Security-Policy
    # (rightly) refuses inline scripts, and the browser tests run with that policy enforced.
    page.evaluate(AXE_JS.read_text(encoding="utf-8") + "\n;undefined")
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return list(result["violations"])


def describe_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v.get('impact')}): {v['help']}\n  {v['helpUrl']}")
        for node in v["nodes"][:5]:
            lines.append(f"    at {json.dumps(node['target'])}: {node['html'][:200]}")
            if node.get("failureSummary"):
                lines.append("      " + node["failureSummary"].replace("\n", "\n      "))
    return "\n".join(lines)


def assert_accessible(page: Any, name: str) -> None:
    violations = axe_violations(page)
    assert not violations, (
        f"axe-core found accessibility problems on the {name} page:\n" + describe_violations(violations)
    )
