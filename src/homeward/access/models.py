"""The audit trail of every access to a child's record (who works where is `homeward.organisation`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from homeward.organisation.models import Role


class AuditAction(models.TextChoices):
    VIEW = "view", "Viewed"
    CREATE = "create", "Added"
    CHANGE = "change", "Changed"
    EXPORT = "export", "Exported"  # a download: a PDF, a CSV
    LIST = "list", "Listed"  # a page listing children: which ones it showed is in AuditListing
    DENIED = "denied", "Refused access"


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("Audit events cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("Audit events cannot be deleted.")


class AuditEvent(models.Model):
    """One read or write of a child's record (or a refusal). Append-only: never edited or deleted here."""

    # Set when the event is made, not when it is saved, so its hash can cover it.
    at = models.DateTimeField(default=timezone.now, editable=False, db_index=True)
    # Accounts are deactivated, never deleted: deleting one who has acted is refused, here and by the
    # database's foreign key, so the trail always points at the person (null only for the command line).
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT)
    username = models.CharField(max_length=150)
    role = models.CharField(max_length=20, blank=True)
    # Kept as a plain id, not a foreign key, so the trail outlives any record it mentions.
    child_id = models.BigIntegerField(null=True, db_index=True)
    action = models.CharField(max_length=10, choices=AuditAction.choices)
    what = models.CharField(max_length=200, help_text="The page or part of the record")
    path = models.CharField(max_length=500)
    method = models.CharField(max_length=10)
    ip_address = models.GenericIPAddressField(null=True)
    user_agent = models.CharField(max_length=300, blank=True)
    # The hash chain (`homeward.access.chain`): the event before's hash, and this one's over both.
    previous_hash = models.CharField(max_length=64, editable=False)
    hash = models.CharField(max_length=64, editable=False)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action} child {self.child_id}: {self.what}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("Audit events cannot be deleted.")

    @property
    def role_label(self) -> str:
        """The role in words ("Team manager"), as it was when the event was recorded."""
        return Role(self.role).label if self.role in Role.values else self.role


class AuditListingQuerySet(models.QuerySet["AuditListing"]):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("Audit events cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("Audit events cannot be deleted.")


class AuditListing(models.Model):
    """One child shown by a listing (the caseload): so a child's trail shows every page that listed them."""

    event = models.ForeignKey(AuditEvent, on_delete=models.PROTECT, related_name="listed")
    child_id = models.BigIntegerField(db_index=True)

    objects = AuditListingQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "child_id"], name="one_listing_per_child")]

    def __str__(self) -> str:
        return f"child {self.child_id} shown by audit event {self.event_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("Audit events cannot be deleted.")


class AuditChainHead(models.Model):
    """The end of the audit hash chain (one row): how many events it holds and the last one's hash.
    Every new event updates it first, which makes writers take turns (see `homeward.access.chain`)."""

    events = models.BigIntegerField()
    last_hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"audit chain: {self.events} events, last {self.last_hash[:12]}"


class ApiScope(models.TextChoices):
    READ = "read", "Read records"
    WRITE = "write", "Record changes (a move)"
    SYNC = "sync", "Load case data (sync)"


class ApiToken(models.Model):
    """A person's key to the API (`homeward.access.tokens`). Only a hash of the secret is kept; the
    `prefix` is the part shown in lists so a person can tell their tokens apart."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text="What the token is for")
    prefix = models.CharField(max_length=20, db_index=True)
    secret_hash = models.CharField(max_length=64, unique=True)  # SHA-256 of the whole token, hex
    scopes = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name})"

    @property
    def scope_labels(self) -> list[str]:
        return [ApiScope(s).label for s in self.scopes if s in ApiScope.values]
