"""The audit trail becomes a hash chain (`homeward.access.chain`): each event gets the previous event's
hash and its own, and the chain head holds the count and the last hash. Events written before this are
linked here, in the order they were written."""

import django.utils.timezone
from django.db import migrations, models

from homeward.access.chain import GENESIS, HEAD, event_hash


def link_existing_events(apps, schema_editor):  # type: ignore[no-untyped-def]
    AuditEvent = apps.get_model("access", "AuditEvent")
    AuditListing = apps.get_model("access", "AuditListing")
    AuditChainHead = apps.get_model("access", "AuditChainHead")
    children: dict[int, list[int]] = {}
    for event_id, child_id in AuditListing.objects.values_list("event_id", "child_id"):
        children.setdefault(event_id, []).append(child_id)
    previous, count, batch = GENESIS, 0, []
    for event in AuditEvent.objects.order_by("pk").iterator(chunk_size=2000):
        event.previous_hash = previous
        event.hash = previous = event_hash(event, children.get(event.pk, []), previous)
        batch.append(event)
        count += 1
        if len(batch) == 2000:
            AuditEvent.objects.bulk_update(batch, ["previous_hash", "hash"])
            batch = []
    AuditEvent.objects.bulk_update(batch, ["previous_hash", "hash"])
    AuditChainHead.objects.create(pk=HEAD, events=count, last_hash=previous)


class Migration(migrations.Migration):
    dependencies = [
        ("access", "0005_protect_audit_user"),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditevent",
            name="at",
            field=models.DateTimeField(db_index=True, default=django.utils.timezone.now, editable=False),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="previous_hash",
            field=models.CharField(default="", editable=False, max_length=64),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditevent",
            name="hash",
            field=models.CharField(default="", editable=False, max_length=64),
            preserve_default=False,
        ),
        migrations.CreateModel(
            name="AuditChainHead",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("events", models.BigIntegerField()),
                ("last_hash", models.CharField(max_length=64)),
            ],
        ),
        migrations.RunPython(link_existing_events, migrations.RunPython.noop, elidable=False),
    ]
