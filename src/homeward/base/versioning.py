"""A signed record is never edited; a change is a new version that points at the old one.

The one mechanism behind the versioned records (the reunification assessment, the gate decisions and
the written agreement):

- `Versioned`: the `version` number and `supersedes` (the version this one replaces; the old row's
  `superseded_by`), and `save()` refusing to write over a stored row that is signed, whoever tries (a
  shell, the admin, a future view). The services refuse first, with a fuller message saying what to do
  instead; this is the last line of defence. Each model says which stored rows count as signed
  (`signed_rows`), with which error and message it refuses (`signed_error`, `signed_message`), and
  answers `is_signed`.
- `SignedVersion`: a `Versioned` record signed by one person, with the account (kept null if it is
  ever deleted), the name (kept always) and the time: `signed_by`, `signed_by_name`, `signed_at`; and
  what it shows, frozen when it is signed (`signed_document`, a `FrozenDocument` from the model's
  `build_document()`): `document` is the frozen one once signed, else built from the live records.
- `PartOfAVersion`: a row that belongs to one version (and is copied into the next): saved or deleted
  only while that version is unsigned.
- `WriteOnce`: a dated record in its own right (a goal's review, a risk classification, an IRO's
  challenge): written once, never saved again or deleted.
- Their querysets refuse too: `.update()` and `.delete()` over rows that include a signed version (or a
  part of one, or any write-once row) are refused, as `AuditEventQuerySet` refuses them for the audit
  trail. Deleting a child's whole record still takes its versions with it (Django's cascade deletes
  rows directly, not through these querysets), as the demo's reset does.

Each concrete model keeps its own `child` foreign key and its own constraints (which fields a version
number is unique within).
"""

from __future__ import annotations

from typing import Any, ClassVar, Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from homeward.base.documents import FrozenDocument


class SignedRecordError(ValidationError):
    """An attempt to change a record that was signed."""


class WrittenOnceError(ValidationError):
    """An attempt to change or delete a record that is written once."""


class VersionedQuerySet(models.QuerySet[Any]):
    """Bulk changes of versions: refused if any of the rows is signed (`Versioned.signed_rows`)."""

    def _refuse_if_any_signed(self) -> None:
        model: Any = self.model
        if self.filter(model.signed_rows).exists():
            raise model.signed_error(model.signed_message)

    def update(self, **kwargs: Any) -> int:
        self._refuse_if_any_signed()
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        self._refuse_if_any_signed()
        return super().delete()


class PartQuerySet(models.QuerySet[Any]):
    """Bulk changes of parts: refused if any of them belongs to a signed version."""

    def _refuse_if_any_signed(self) -> None:
        model: Any = self.model
        version: Any = model._meta.get_field(model.version_field).related_model
        signed = version._base_manager.filter(version.signed_rows)
        if self.filter(**{f"{model.version_field}__in": signed}).exists():
            raise version.signed_error(version.signed_message)

    def update(self, **kwargs: Any) -> int:
        self._refuse_if_any_signed()
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        self._refuse_if_any_signed()
        return super().delete()


class WriteOnceQuerySet(models.QuerySet[Any]):
    def update(self, **kwargs: Any) -> int:
        raise WrittenOnceError(self.model.written_once_message)  # type: ignore[attr-defined]

    def delete(self) -> tuple[int, dict[str, int]]:
        raise WrittenOnceError(self.model.written_once_message)  # type: ignore[attr-defined]


class Versioned(models.Model):
    """One version of a record; once signed it is never saved again, and a change is a new version."""

    version = models.PositiveIntegerField(default=1)
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.RESTRICT, related_name="superseded_by"
    )

    objects = VersionedQuerySet.as_manager()

    # Set by each model: which stored rows are signed, and how a change to one is refused.
    signed_rows: ClassVar[models.Q]
    signed_error: ClassVar[type[ValidationError]] = SignedRecordError
    signed_message: ClassVar[str] = "This record is signed and cannot be changed."

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The stored row decides, not this instance: signing an unsigned version is allowed.
        type(self).refuse_if_signed(self.pk)
        super().save(*args, **kwargs)

    @classmethod
    def refuse_if_signed(cls, pk: int | None) -> None:
        """Refuse a change to the stored row `pk` if it is signed (a new row, `pk` None, is allowed)."""
        if pk is not None and cls._default_manager.filter(cls.signed_rows, pk=pk).exists():
            raise cls.signed_error(cls.signed_message)

    def refuse_change_if_signed(self) -> None:
        type(self).refuse_if_signed(self.pk)

    @property
    def is_signed(self) -> bool:
        raise NotImplementedError

    def next_version_number(self) -> int:
        return self.version + 1

    @classmethod
    def version_after(cls, latest: Self | None) -> dict[str, Any]:
        """The fields that make a new row the next version after `latest` (version 1 if none)."""
        return {"version": latest.next_version_number() if latest else 1, "supersedes": latest}


class SignedVersion(Versioned):
    """A version signed by one person; signing it is the last change it ever has."""

    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_by_name = models.CharField(max_length=200, blank=True)
    signed_at = models.DateTimeField(null=True, blank=True)
    signed_document = models.JSONField(
        null=True,
        blank=True,
        editable=False,
        help_text="Everything this version shows, as it was when it was signed (a FrozenDocument)",
    )

    signed_rows: ClassVar[models.Q] = models.Q(signed_at__isnull=False)
    # Set by each model: the class of its document.
    document_class: ClassVar[type[FrozenDocument]]

    class Meta:
        abstract = True

    @property
    def is_signed(self) -> bool:
        return self.signed_at is not None

    def build_document(self) -> FrozenDocument:
        """What this version shows, read from the live records it refers to (each model says how)."""
        raise NotImplementedError

    @property
    def document(self) -> FrozenDocument:
        """What this version shows: as frozen at signing, or (unsigned) as the live records stand."""
        if self.signed_document is not None:
            return self.document_class.from_json(self.signed_document)
        return self.build_document()

    def sign(self, user: Any, name: str, *, also: tuple[str, ...] = ()) -> None:
        """Sign this version (saving the fields named in `also`, set by the caller, with it), freezing
        what it shows, the signature included."""
        self.signed_by = user
        self.signed_by_name = name
        self.signed_at = timezone.now()
        self.signed_document = self.build_document().to_json()
        self.save(update_fields=[*also, "signed_by", "signed_by_name", "signed_at", "signed_document"])

    def copy_as_new_version(self, **changes: Any) -> Self:
        """A copy of this (signed, stored) row as the next version, unsigned, pointing back at it;
        `changes` are set on the copy before it is saved. Its parts are the caller's to copy."""
        copy: Self = type(self)._base_manager.get(pk=self.pk)
        copy.pk = None
        copy.id = None  # type: ignore[attr-defined]
        copy._state.adding = True
        copy.version = self.next_version_number()
        copy.supersedes_id = self.pk  # type: ignore[attr-defined]
        copy.signed_by = None
        copy.signed_by_name = ""
        copy.signed_at = None
        copy.signed_document = None
        for name, value in changes.items():
            setattr(copy, name, value)
        copy.save()
        return copy


class PartOfAVersion(models.Model):
    """A part of one version: saved or deleted only while that version is unsigned."""

    # Set by each model: the name of the foreign key to the version this row belongs to.
    version_field: ClassVar[str]

    objects = PartQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        self._refuse_if_signed()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        self._refuse_if_signed()
        return super().delete(*args, **kwargs)

    def refuse_change_if_signed(self) -> None:
        self._refuse_if_signed()

    def _refuse_if_signed(self) -> None:
        field = self._meta.get_field(self.version_field)
        field.related_model.refuse_if_signed(getattr(self, field.attname))  # type: ignore[union-attr]


class WriteOnce(models.Model):
    """A record written once: a stored row is never saved again, nor deleted (a later record, e.g. the
    next review or classification, says what changed)."""

    written_once_message: ClassVar[str] = "This record was written once and cannot be changed."

    objects = WriteOnceQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and type(self)._base_manager.filter(pk=self.pk).exists():
            raise WrittenOnceError(self.written_once_message)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise WrittenOnceError(self.written_once_message)
