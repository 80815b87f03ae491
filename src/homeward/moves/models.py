"""Where the child lives: moves as 903 facts, the reg 39 checklist, the nominated officer's approval.

A move is recorded once, in 903 codes, and applied to the child's episodes (`children.Episode`), which
stay the one care history (`homeward.ssda903`). A move is never edited: a correction is a new move that
points at the one it corrects (`corrects`), with who, when and why, and the episodes are put right from
it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from homeward.base.versioning import WriteOnce
from homeward.children.models import (
    Child,
    Episode,
    validate_cin,
    validate_ls,
    validate_place,
    validate_place_provider,
    validate_reason_place_change,
)
from homeward.decisions.models import Decision
from homeward.ssda903 import codes


class MoveKind(models.TextChoices):
    PLACED_WITH_PARENTS = "placed_with_parents", "Placed with parents while still looked after"
    RETURN_HOME = "return_home", "Returned home: stopped being looked after"
    RE_ENTRY = "re_entry", "Came back into care"
    PLACEMENT_CHANGE = "placement_change", "Moved to another placement"


class UnplannedReason(models.TextChoices):
    PARENT_REMOVED = "parent_removed", "A parent removed a child accommodated under section 20"
    YOUNG_PERSON_LEFT = "young_person_left", "The young person went home themselves"
    PLACEMENT_ENDED = "placement_ended", "The placement ended suddenly and the child went home"
    COURT = "court", "A court ordered the return"
    OTHER = "other", "Another reason (say what in the notes)"


def reason_ceased(kind: str, planned: bool | None) -> str:
    """The 903 REC of the episode a move ends: a return home ends the period of care (planned E4A, or
    not E4B); any other move ends the episode for a new one the same day (X1)."""
    if kind == MoveKind.RETURN_HOME:
        return codes.PLANNED_RETURN_HOME if planned else codes.UNPLANNED_RETURN_HOME
    return "X1"


class Move(WriteOnce):
    """One move of the child, as 903 facts, written once."""

    written_once_message = "A move is kept as it was recorded: record a correction instead."

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="moves")
    kind = models.CharField(max_length=24, choices=MoveKind.choices)
    moved_on = models.DateField("date of the move")
    # A return home: planned (903 REC E4A, against a signed D3 "yes") or not (E4B, with the reason).
    planned = models.BooleanField(null=True, blank=True)
    unplanned_reason = models.CharField(max_length=24, choices=UnplannedReason.choices, blank=True)
    decision = models.ForeignKey(
        Decision, null=True, blank=True, on_delete=models.RESTRICT, related_name="moves"
    )
    approval = models.ForeignKey(
        "ReturnApproval", null=True, blank=True, on_delete=models.RESTRICT, related_name="moves"
    )
    # The 903 facts of the episode a move starts (a placement with parents, a change, a re-entry).
    ls = models.CharField("legal status", max_length=2, blank=True, validators=[validate_ls])
    cin = models.CharField("category of need", max_length=2, blank=True, validators=[validate_cin])
    place = models.CharField("placement type", max_length=2, blank=True, validators=[validate_place])
    place_provider = models.CharField(
        "placement provider", max_length=3, blank=True, validators=[validate_place_provider]
    )
    reason_place_change = models.CharField(
        "reason for placement change", max_length=6, blank=True, validators=[validate_reason_place_change]
    )
    notes = models.TextField(blank=True)
    # What it did to the episodes, so a correction can put them right.
    episode_ended = models.ForeignKey(
        Episode, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    episode_started = models.ForeignKey(
        Episode, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    corrects = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.RESTRICT, related_name="corrected_by"
    )
    correction_reason = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_by_name = models.CharField(max_length=200)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["child", "-moved_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="return_home") | models.Q(planned__isnull=False),
                name="a_return_is_planned_or_not",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.moved_on:%d/%m/%Y}"

    @property
    def rec(self) -> str:
        """The 903 reason the episode it ended ceased."""
        return reason_ceased(self.kind, self.planned)

    @property
    def is_unplanned_return(self) -> bool:
        return self.kind == MoveKind.RETURN_HOME and not self.planned

    @property
    def is_corrected(self) -> bool:
        return hasattr(self, "corrected_by")


class ReturnApproval(WriteOnce):
    """A nominated officer's approval to stop looking after the child and return them home (reg 39,
    for a child looked after for 20 working days or more), given against one signed D3 decision."""

    written_once_message = "An approval is kept as it was given."

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="return_approvals")
    decision = models.ForeignKey(Decision, on_delete=models.RESTRICT, related_name="return_approvals")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_by_name = models.CharField(max_length=200)
    approved_at = models.DateTimeField(auto_now_add=True)
    # What the officer read before approving: the reg 39 checklist as it stood, item by item.
    checklist = models.JSONField()
    reasons = models.TextField("the nominated officer's reasons")

    class Meta:
        ordering = ["child", "-approved_at", "-id"]

    def __str__(self) -> str:
        return f"Return of {self.child} approved by {self.approved_by_name}"
