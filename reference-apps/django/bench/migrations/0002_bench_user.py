# The seeded user of CONTRACT.md §6, hashed with Django's default hasher
# (pbkdf2_sha256, 1,000,000 iterations in Django 5.2).

from django.contrib.auth.hashers import make_password
from django.db import migrations

USERNAME = "bench"
PASSWORD = "bench-password"


def create_bench_user(apps, schema_editor):
    User = apps.get_model("auth", "User")
    # Idempotent: leaves a user that already exists (e.g. a database reused after
    # its migration history was reset) as it is.
    if not User.objects.filter(username=USERNAME).exists():
        User.objects.create(username=USERNAME, password=make_password(PASSWORD))


def delete_bench_user(apps, schema_editor):
    apps.get_model("auth", "User").objects.filter(username=USERNAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("bench", "0001_initial"),
        # The auth schema as Django 5.2 leaves it, not just its first migration.
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(create_bench_user, delete_bench_user),
    ]
