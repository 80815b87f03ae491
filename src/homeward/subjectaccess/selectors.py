"""Everything Homeward holds about one person (a subject access request, UK GDPR art. 15), and the
records kept past the authority's retention.

A child's records are found by walking, from the child, every record that points at them (and every
record that points at those: a household's memberships, an assessment's ratings), whatever the app, so
a part added to Homeward later is in the export without anyone remembering to add it; then the audit
trail of who read or changed the record (`access.audit.trail`). A family member is recorded once per
child they appear with (`children.FamilyMember`): the same person is the same full name and date of
birth, and their export holds each of those entries with what points at them (the households they
lived in, their own assessments as a carer), and which child each belongs to.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from homeward.access import audit
from homeward.base.people import name_of
from homeward.children.models import Child, FamilyMember

AUDIT_LIMIT = 1_000_000  # the whole trail: an export leaves nothing out
LEFT_OUT = (models.BinaryField,)  # stored files of figures, never a person's data


@dataclass(frozen=True)
class Value:
    name: str  # the field, for the JSON
    label: str  # the field in words, for the PDF
    value: Any  # JSON-ready: text, number, true/false, an ISO date, a list of texts, or None

    @property
    def text(self) -> str:
        if self.value is None or self.value == "" or self.value == []:
            return "Not recorded"
        if isinstance(self.value, bool):
            return "Yes" if self.value else "No"
        if isinstance(self.value, list):
            return ", ".join(str(v) for v in self.value)
        return str(self.value)


@dataclass(frozen=True)
class Entry:
    """One record: a row of one kind (an episode, a visit, a decision)."""

    ref: str  # "children.episode 12": which record, so a correction can be asked for by name
    values: tuple[Value, ...]


@dataclass
class Part:
    """All the records of one kind, e.g. "Episodes" of the children app."""

    app: str
    kind: str  # the model's name in words, plural
    entries: list[Entry] = field(default_factory=list)


@dataclass(frozen=True)
class AuditLine:
    at: datetime
    who: str
    role: str
    action: str
    what: str


@dataclass
class Export:
    """What one subject access request answers with: who it is about, every record, and the audit."""

    kind: str  # "child" or "family member"
    name: str
    date_of_birth: date | None
    made_at: datetime
    made_by: str
    about: list[tuple[str, str]]  # (what, value): the subject in a few words
    parts: list[Part]
    audit: list[AuditLine]
    children: list[Child]  # whose records it was drawn from (each export is audited against them)

    def as_json(self) -> str:
        return json.dumps(
            {
                "subject": {
                    "kind": self.kind,
                    "name": self.name,
                    "date_of_birth": self.date_of_birth.isoformat() if self.date_of_birth else None,
                    **{what.lower().replace(" ", "_"): value for what, value in self.about},
                },
                "made_at": self.made_at.isoformat(),
                "made_by": self.made_by,
                "records": [
                    {
                        "app": p.app,
                        "kind": p.kind,
                        "entries": [
                            {"record": e.ref, **{v.name: v.value for v in e.values}} for e in p.entries
                        ],
                    }
                    for p in self.parts
                ],
                "audit": [
                    {"at": a.at.isoformat(), "who": a.who, "role": a.role, "action": a.action, "what": a.what}
                    for a in self.audit
                ],
            },
            indent=2,
            ensure_ascii=False,
        )

    @property
    def record_count(self) -> int:
        return sum(len(p.entries) for p in self.parts)


# Finding the person ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    """A family member as one person across the children they appear with."""

    member_id: int  # one of their entries, to ask for the export by
    name: str
    date_of_birth: date | None
    children: tuple[str, ...]  # "Isla Carter (mother)"


def same_person(member: FamilyMember) -> Q:
    """The entries of the same person: the same full name (any case) and date of birth."""
    return Q(full_name__iexact=member.full_name.strip(), date_of_birth=member.date_of_birth)


def search(text: str, limit: int = 50) -> tuple[list[Child], list[Person]]:
    """Children (by name or CHILD id) and family members (by name) matching `text`."""
    text = text.strip()
    if not text:
        return [], []
    words = text.split()
    child_q = Q(la_child_id__iexact=text)
    name_q = Q()
    for w in words:
        name_q &= Q(first_name__icontains=w) | Q(last_name__icontains=w)
    children = list(Child.objects.filter(child_q | name_q).order_by("last_name", "first_name", "pk")[:limit])
    member_q = Q()
    for w in words:
        member_q &= Q(full_name__icontains=w)
    people: dict[tuple[str, date | None], list[FamilyMember]] = {}
    for m in FamilyMember.objects.filter(member_q).select_related("child").order_by("full_name", "pk"):
        people.setdefault((m.full_name.strip().lower(), m.date_of_birth), []).append(m)
    found = [
        Person(
            ms[0].pk,
            ms[0].full_name,
            ms[0].date_of_birth,
            tuple(f"{m.child.full_name} ({m.get_relationship_display().lower()})" for m in ms),
        )
        for ms in people.values()
    ]
    return children, found[:limit]


# The export -----------------------------------------------------------------------------------------


def _json_value(obj: models.Model, f: models.Field[Any, Any]) -> Any:
    if f.choices:
        return getattr(obj, f"get_{f.name}_display")()
    if isinstance(f, models.ForeignKey | models.OneToOneField):
        related = getattr(obj, f.name)
        if related is None:
            return None
        return name_of(related) if hasattr(related, "username") else str(related)
    value = getattr(obj, f.attname)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _entry(obj: models.Model) -> Entry:
    values = [
        Value(f.name, str(f.verbose_name).capitalize(), _json_value(obj, f))
        for f in obj._meta.concrete_fields
        if not isinstance(f, LEFT_OUT) and not f.primary_key
    ]
    for m2m in obj._meta.many_to_many:
        linked = [str(x) for x in getattr(obj, m2m.name).all()]
        values.append(Value(m2m.name, str(m2m.verbose_name).capitalize(), linked))
    return Entry(f"{obj._meta.label_lower} {obj.pk}", tuple(values))


def _pointing_at(obj: models.Model) -> Iterator[models.Model]:
    """The records of Homeward's apps that point at `obj` (by a foreign key or one-to-one)."""
    for rel in obj._meta.related_objects:
        if rel.many_to_many or not _ours(rel.related_model):
            continue
        accessor = rel.get_accessor_name()
        if accessor is None:
            continue
        if rel.one_to_one:
            try:
                yield getattr(obj, accessor)
            except rel.related_model.DoesNotExist:  # type: ignore[union-attr]
                continue
        else:
            yield from getattr(obj, accessor).all()


def _ours(model: type[models.Model] | str) -> bool:
    return not isinstance(model, str) and model.__module__.startswith("homeward.")


def kind_of(meta: Any) -> str:
    """A kind of record in words, plural ("Care summaries", not Django's default "Care summarys")."""
    if "verbose_name_plural" in meta.original_attrs:
        return str(meta.verbose_name_plural).capitalize()
    name = str(meta.verbose_name)
    if name.endswith("s"):
        plural = name
    elif name.endswith("y") and name[-2:-1] not in ("a", "e", "i", "o", "u"):
        plural = name[:-1] + "ies"
    else:
        plural = name + "s"
    return plural.capitalize()


def held(roots: Iterable[models.Model]) -> list[Part]:
    """Every record that points at `roots` (and at those, and so on), grouped by kind, each once."""
    seen: set[tuple[str, Any]] = set()
    parts: dict[str, Part] = {}
    queue = list(roots)
    for root in queue:
        seen.add((root._meta.label_lower, root.pk))
    while queue:
        obj = queue.pop(0)
        meta = obj._meta
        kind = kind_of(obj._meta)
        part = parts.setdefault(meta.label_lower, Part(str(meta.app_config.verbose_name), kind))
        part.entries.append(_entry(obj))
        for found in _pointing_at(obj):
            key = (found._meta.label_lower, found.pk)
            if key not in seen:
                seen.add(key)
                queue.append(found)
    return list(parts.values())


def _audit(children: Iterable[Child]) -> list[AuditLine]:
    lines = [
        AuditLine(e.at, e.username, e.role, e.get_action_display(), e.what)
        for c in children
        for e in audit.trail(c.pk, limit=AUDIT_LIMIT)
    ]
    return sorted(lines, key=lambda a: a.at)


def child_export(child: Child, made_by: str) -> Export:
    """Everything held about a child: their record and all that points at it, and who read it."""
    return Export(
        kind="child",
        name=child.full_name,
        date_of_birth=child.date_of_birth,
        made_at=timezone.now(),
        made_by=made_by,
        about=[("CHILD id", child.la_child_id), ("Team", str(child.team))],
        parts=held([child]),
        audit=_audit([child]),
        children=[child],
    )


def person_export(member: FamilyMember, made_by: str) -> Export:
    """Everything held about a family member, across every child they appear with. The children's own
    records are theirs, not the family member's: only each entry, what points at it, and whose it is."""
    entries = list(FamilyMember.objects.filter(same_person(member)).select_related("child").order_by("pk"))
    return Export(
        kind="family member",
        name=member.full_name,
        date_of_birth=member.date_of_birth,
        made_at=timezone.now(),
        made_by=made_by,
        about=[
            ("Appears with", "; ".join(f"{e.child.full_name} ({e.child.la_child_id})" for e in entries)),
        ],
        parts=held(entries),
        audit=_audit(sorted({e.child for e in entries}, key=lambda c: c.pk)),
        children=sorted({e.child for e in entries}, key=lambda c: c.pk),
    )


# Retention ------------------------------------------------------------------------------------------


def birthday(dob: date, age: int) -> date:
    """The day someone born on `dob` turns `age` (1 March for 29 February in a common year)."""
    try:
        return dob.replace(year=dob.year + age)
    except ValueError:
        return date(dob.year + age, 3, 1)


@dataclass(frozen=True)
class Retained:
    """A record kept past the retention: to be reviewed and deleted by a person, never by Homeward."""

    kind: str  # "child" or "family member"
    name: str
    reference: str  # the CHILD id, or the children a family member appears with
    date_of_birth: date | None
    keep_until: date
    child_ids: tuple[int, ...]


def retention_age() -> int:
    return int(settings.HOMEWARD_RETENTION_AGE)


def past_retention(today: date | None = None) -> list[Retained]:
    """Children past their retention birthday (HOMEWARD_RETENTION_AGE, 75 by default), and family
    members whose every child is: a family member is kept as long as the longest of their children."""
    today = today or timezone.localdate()
    age = retention_age()
    out = [
        Retained(
            "child", c.full_name, c.la_child_id, c.date_of_birth, birthday(c.date_of_birth, age), (c.pk,)
        )
        for c in Child.objects.order_by("date_of_birth", "pk")
        .filter(date_of_birth__lte=birthday(today, -age))
        .only("first_name", "last_name", "la_child_id", "date_of_birth")
    ]
    people: dict[tuple[str, date | None], list[FamilyMember]] = {}
    for m in FamilyMember.objects.select_related("child").only(
        "full_name", "date_of_birth", "child__date_of_birth", "child__la_child_id"
    ):
        people.setdefault((m.full_name.strip().lower(), m.date_of_birth), []).append(m)
    for entries in people.values():
        until = max(birthday(e.child.date_of_birth, age) for e in entries)
        if until <= today:
            out.append(
                Retained(
                    "family member",
                    entries[0].full_name,
                    ", ".join(sorted({e.child.la_child_id for e in entries})),
                    entries[0].date_of_birth,
                    until,
                    tuple(sorted({e.child_id for e in entries})),
                )
            )
    return sorted(out, key=lambda r: (r.keep_until, r.kind, r.name))
