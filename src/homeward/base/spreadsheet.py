"""CSV downloads: a cell typed or uploaded by someone must not run as a formula when it is opened."""

from __future__ import annotations


def inert(cell: object) -> object:
    """The cell, with a leading apostrophe if a spreadsheet would read it as a formula."""
    if isinstance(cell, str) and cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + cell
    return cell
