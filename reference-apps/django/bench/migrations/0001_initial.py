# Records the unmanaged models of the shared schema (reference-apps/db/schema.sql):
# no SQL runs for them.

import django.db.models.deletion
import django.db.models.functions.datetime
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Author",
            fields=[
                ("id", models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=100)),
            ],
            options={"db_table": "author", "managed": False},
        ),
        migrations.CreateModel(
            name="Fortune",
            fields=[
                ("id", models.IntegerField(primary_key=True, serialize=False)),
                ("message", models.CharField(max_length=2048)),
            ],
            options={"db_table": "fortune", "managed": False},
        ),
        migrations.CreateModel(
            name="World",
            fields=[
                ("id", models.IntegerField(primary_key=True, serialize=False)),
                ("randomnumber", models.IntegerField()),
            ],
            options={"db_table": "world", "managed": False},
        ),
        migrations.CreateModel(
            name="Article",
            fields=[
                ("id", models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("title", models.CharField(max_length=200)),
                ("body", models.TextField()),
                ("created_at", models.DateTimeField(db_default=django.db.models.functions.datetime.Now())),
                (
                    "author",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="articles",
                        to="bench.author",
                    ),
                ),
            ],
            options={"db_table": "article", "managed": False, "ordering": ["id"]},
        ),
    ]
