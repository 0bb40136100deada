"""Each entry's MAC under the audit key ring. A nullable column, so SQLite adds it in place
(a rebuilt table would lose its append-only triggers); entries written before it stay
unkeyed and `verify` says so."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_hash_chain")]
    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="mac",
            field=models.CharField(blank=True, max_length=100, null=True,
                                   help_text="Key id and HMAC-SHA256 of the hash, under the "
                                             "audit key ring kept outside the database."),
        ),
    ]
