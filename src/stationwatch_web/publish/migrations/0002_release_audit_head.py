from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("publish", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="release",
            name="audit_head",
            field=models.JSONField(blank=True, default=dict, help_text="The audit log's head when this version was first published (seq, hash, mac), pinned in its release.json."),
        ),
    ]
