"""Imported 903 returns: who imported which files, when, and the validated tables ready for analysis.

The validated (tidied and repaired) Header and Episodes tables are kept as Parquet inside the database
(`ImportedTable.parquet`), not as one row per episode and not as files under a media directory:
- the import is then one database transaction (all-or-nothing, no orphaned files, no half-written
  directory), and it is backed up, restored and deleted with the rest of the database;
- the analysis reads Arrow tables directly, so a few megabytes of Parquet load in milliseconds even
  for an authority's whole history, where a million ORM rows would not;
- the tables hold pseudonymous CHILD ids and dates of birth: no page or admin screen shows them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ImportStatus(models.TextChoices):
    IMPORTED = "imported", "Imported"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Import903(models.Model):
    """One clean import of 903 returns (one or several years at once). Failed uploads leave no record."""

    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="imports_903"
    )
    imported_by_name = models.CharField(max_length=150, help_text="Kept if the account is removed")
    imported_at = models.DateTimeField(auto_now_add=True, db_index=True)
    status = models.CharField(max_length=10, choices=ImportStatus.choices, default=ImportStatus.IMPORTED)
    children = models.PositiveIntegerField(help_text="Children in the Header table after tidying")
    episodes = models.PositiveIntegerField(help_text="Episodes after de-duplication and repair")
    warnings = models.PositiveIntegerField(default=0)
    repairs = models.JSONField(default=dict, help_text="Repair rule → how many times it was applied")
    first_date = models.DateField(null=True, help_text="Earliest episode start in the data")
    last_date = models.DateField(null=True, help_text="Latest episode start or end in the data")
    staged_upload = models.CharField(
        max_length=32,
        null=True,
        blank=True,
        unique=True,
        help_text="The staged upload imported (one import each, however often it is asked for)",
    )

    class Meta:
        ordering = ["-imported_at", "-id"]
        verbose_name = "903 import"

    def __str__(self) -> str:
        return f"903 import {self.pk} by {self.imported_by_name} on {self.imported_at:%d/%m/%Y %H:%M}"

    @property
    def label(self) -> str:
        span = ""
        if self.first_date and self.last_date:
            span = f" ({self.first_date:%B %Y} to {self.last_date:%B %Y})"
        return f"903 returns imported {self.imported_at:%d/%m/%Y %H:%M}{span}"


class Import903File(models.Model):
    """A file that was part of an import, with its SHA-256 so the exact file can be identified later."""

    import_903 = models.ForeignKey(Import903, on_delete=models.CASCADE, related_name="files")
    name = models.CharField(max_length=255)
    sha256 = models.CharField("SHA-256 checksum", max_length=64)
    size = models.PositiveBigIntegerField(help_text="Bytes")
    table = models.CharField(max_length=30, blank=True, help_text="The 903 table the file held")
    rows = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["import_903", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.table}, {self.rows} rows, sha256 {self.sha256[:12]}…)"

    @property
    def sha256_parts(self) -> list[str]:
        return [self.sha256[i : i + 16] for i in range(0, len(self.sha256), 16)]


class ImportedTable(models.Model):
    """A validated 903 table of an import, stored as Parquet (see the module docstring for why)."""

    import_903 = models.ForeignKey(Import903, on_delete=models.CASCADE, related_name="tables")
    name = models.CharField(max_length=30)
    rows = models.PositiveIntegerField()
    parquet = models.BinaryField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["import_903", "name"], name="one_table_per_import")]

    def __str__(self) -> str:
        return f"{self.name} ({self.rows} rows) of import {self.import_903_id}"


class StoredFigures(models.Model):
    """The dashboard's figures and charts for one choice of data, computed once and read in one query.

    An import's figures for the default unit costs and date are computed in the import's transaction;
    any other choice on the page (unit costs, an "as of" date) is computed the first time it is asked
    for and kept. Homeward's own records carry a `fingerprint` of their episodes and moves: when an
    episode changes the stored figures no longer match it and are computed once more, not per request.
    """

    source = models.CharField(max_length=30, help_text='"homeward" or "import-<id>"')
    choice = models.CharField(max_length=64, help_text="SHA-256 of the unit costs and as-of date")
    import_903 = models.ForeignKey(
        Import903, null=True, blank=True, on_delete=models.CASCADE, related_name="stored_figures"
    )
    fingerprint = models.CharField(max_length=100, blank=True, help_text="Homeward's records when computed")
    result = models.JSONField(help_text="The analysis of homeward.ssda903, as the page shows it")
    charts = models.JSONField(help_text="Chart name → SVG and its text alternative (or null)")
    computed_at = models.DateTimeField(auto_now=True)
    seconds = models.FloatField(default=0, help_text="How long the analysis and charts took")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["source", "choice"], name="one_figures_per_choice")]
        verbose_name_plural = "stored figures"

    def __str__(self) -> str:
        return f"Dashboard figures of {self.source} ({self.computed_at:%d/%m/%Y %H:%M})"
