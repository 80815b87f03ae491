"""The upload form (several 903 files at once) and the dashboard's choices (data and unit costs)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django import forms

from homeward.base.forms import GovUKForm, MultipleFileField
from homeward.ssda903 import UnitCosts

MAX_UNIT_COST = Decimal("10000000")


class UploadForm(GovUKForm):
    return_files = MultipleFileField(
        label="903 return files",
        help_text=(
            "Choose every file at once: the CSV files of each table (at least Header and Episodes), or "
            "EXPSSDA903 XML files. You can choose several years together."
        ),
        error_messages={"required": "Choose at least one 903 file to check"},
    )


class DashboardForm(forms.Form):
    """GET parameters of the dashboard: which data, and the unit costs (not stored: this view only)."""

    source = forms.ChoiceField(label="Data to analyse", required=False)
    re_entry_cost = forms.DecimalField(
        label="Cost of each re-entry to care (£)",
        required=False,
        min_value=Decimal(0),
        max_value=MAX_UNIT_COST,
        decimal_places=2,
        error_messages={
            "invalid": "Enter the cost of each re-entry as a number of pounds, like 105804",
            "min_value": "The cost of each re-entry must be £0 or more",
            "max_value": "The cost of each re-entry must be £10,000,000 or less",
        },
    )
    support_cost = forms.DecimalField(
        label="Cost of supporting a family at each return home (£)",
        required=False,
        min_value=Decimal(0),
        max_value=MAX_UNIT_COST,
        decimal_places=2,
        error_messages={
            "invalid": "Enter the cost of support as a number of pounds, like 7857",
            "min_value": "The cost of support must be £0 or more",
            "max_value": "The cost of support must be £10,000,000 or less",
        },
    )

    as_of_day = forms.IntegerField(required=False, min_value=1, max_value=31)
    as_of_month = forms.IntegerField(required=False, min_value=1, max_value=12)
    as_of_year = forms.IntegerField(required=False, min_value=1990, max_value=2100)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        parts = [data.get(f"as_of_{p}") for p in ("day", "month", "year")]
        data["as_of"] = None
        if any(p is not None for p in parts):
            try:
                data["as_of"] = date(parts[2], parts[1], parts[0])  # type: ignore[arg-type]
            except (TypeError, ValueError):
                self.add_error(
                    "as_of_day", "Enter the date the data should end as a real date, like 31 3 2024"
                )
        return data

    def as_of(self) -> date | None:
        """The date the analysis should end on, or None for the latest date in the data."""
        if not (self.is_bound and self.is_valid()):
            return None
        value: date | None = self.cleaned_data.get("as_of")
        return value

    def __init__(self, *args: Any, sources: list[tuple[str, str]], **kwargs: Any) -> None:
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("re_entry_cost", f"{UnitCosts().re_entry:.0f}")
        kwargs["initial"].setdefault("support_cost", f"{UnitCosts().support_per_return:.0f}")
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = sources  # type: ignore[attr-defined]

    def unit_costs(self) -> UnitCosts:
        """The unit costs asked for, or the defaults where a value is missing or invalid."""
        default = UnitCosts()
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        re_entry, support = data.get("re_entry_cost"), data.get("support_cost")
        changed = re_entry is not None or support is not None
        return UnitCosts(
            re_entry=float(re_entry) if re_entry is not None else default.re_entry,
            support_per_return=float(support) if support is not None else default.support_per_return,
            source="your figures" if changed else default.source,
        )
