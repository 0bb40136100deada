"""Remember what the reference data set on each record, so a new edition can tell an analyst's
edit (kept; the edition's value goes to review) from a value nobody touched (updated).

Databases loaded before this migration never recorded it: it is rebuilt from the reference
claims' machine values, and fields an editor changed (the audit log's station events) are left
out, which makes them protected.
"""

from datetime import date

from django.db import migrations, models

STATION_FIELDS = ("country", "location_label", "city", "region", "geonameid", "latitude",
                  "longitude", "bureau", "bureau_label", "front_type", "front_detail",
                  "status", "reported_on", "reported_precision", "uncertain", "notes",
                  "published")
RESPONSE_FIELDS = ("country", "actor", "action", "date", "date_precision", "date_text",
                   "summary")
#: Station field <- the reference claim's machine value key (the loader wrote both).
FROM_CLAIM = {"status": "status", "front_type": "front_type", "bureau": "bureau",
              "city": "city", "region": "region", "location_label": "location",
              "country": "country"}


def _plain(value):
    return value.isoformat() if isinstance(value, date) else value


def backfill(apps, schema_editor):
    Station = apps.get_model("atlas", "Station")
    Response = apps.get_model("atlas", "Response")
    Claim = apps.get_model("evidence", "Claim")
    AuditEvent = apps.get_model("audit", "AuditEvent")
    bureaus = dict(apps.get_model("atlas", "Bureau").objects.values_list("id", "key"))
    machine = {c.key: c.machine_value or {} for c in Claim.objects.filter(key__startswith="ref:")}
    edited: dict[str, set[str]] = {}
    for e in AuditEvent.objects.filter(object_type="atlas.station",
                                       action__startswith="station."):
        edited.setdefault(e.object_id, set()).update((e.detail or {}).get("after", {}))
    for s in Station.objects.all():
        m = machine.get(f"ref:station:{s.key}")
        if m is None or s.reference_values:  # not from the reference data, or done
            continue
        values = {f: _plain(getattr(s, f)) for f in STATION_FIELDS if f != "bureau"}
        values["bureau"] = bureaus.get(s.bureau_id)
        for f in edited.get(str(s.pk), ()):
            values.pop(f, None)
        values.update({f: m.get(k) or ("" if f != "bureau" else None)
                       for f, k in FROM_CLAIM.items()})
        s.reference_values = values
        s.save(update_fields=["reference_values"])
    for r in Response.objects.all():
        m = machine.get(f"ref:response:{r.key}")
        if m is None or r.reference_values:
            continue
        values = {f: _plain(getattr(r, f)) for f in RESPONSE_FIELDS}
        values.update({f: m.get(f, values[f]) for f in ("country", "actor", "action")})
        r.reference_values = values
        r.save(update_fields=["reference_values"])


class Migration(migrations.Migration):

    dependencies = [
        ('atlas', '0002_station_confidence_station_continent_and_more'),
        ('evidence', '0007_claim_proposed_by'),
        ('audit', '0004_auditevent_mac'),
    ]

    operations = [
        migrations.AddField(
            model_name='response',
            name='reference_values',
            field=models.JSONField(blank=True, default=dict, editable=False, help_text='What the reference data last set, per field: a field that no longer matches was edited by an analyst and a new edition never overwrites it.'),
        ),
        migrations.AddField(
            model_name='station',
            name='reference_values',
            field=models.JSONField(blank=True, default=dict, editable=False, help_text='What the reference data last set, per field: a field that no longer matches was edited by an analyst and a new edition never overwrites it.'),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
