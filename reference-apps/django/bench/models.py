"""The shared tables of reference-apps/db/schema.sql.

The harness creates and seeds them before the app starts, so every model here is
unmanaged: migrations record them but never create or alter them.
"""

from django.db import models
from django.db.models.functions import Now


class World(models.Model):
    id = models.IntegerField(primary_key=True)
    randomnumber = models.IntegerField()

    class Meta:
        managed = False
        db_table = "world"

    def as_json(self):
        # TechEmpower's spelling of the column.
        return {"id": self.id, "randomNumber": self.randomnumber}


class Fortune(models.Model):
    id = models.IntegerField(primary_key=True)
    message = models.CharField(max_length=2048)

    class Meta:
        managed = False
        db_table = "fortune"


class Author(models.Model):
    name = models.CharField(max_length=100)

    class Meta:
        managed = False
        db_table = "author"


class Article(models.Model):
    title = models.CharField(max_length=200)
    body = models.TextField()
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="articles")
    # The column defaults to now(); INSERT leaves it to PostgreSQL and reads it back
    # with RETURNING.
    created_at = models.DateTimeField(db_default=Now())

    class Meta:
        managed = False
        db_table = "article"
        ordering = ["id"]
