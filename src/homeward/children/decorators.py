"""The decorator every page of a child's record wears (`homeward.access.decorators.RecordPages`, made for
the `Child` model here, above the access app): `@child_record(RecordAction.VIEW, "the record")`."""

from __future__ import annotations

from homeward.access.decorators import RecordPages
from homeward.children.models import Child

child_record = RecordPages(Child)
