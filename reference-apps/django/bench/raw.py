"""DB_ACCESS=raw (CONTRACT.md §4b): the claim-6 reads as the very statements the ORM sends
for them (its compiler's text, read from pg_stat_statements: quoting, the LIMIT 21 of `get()`,
LIMIT/OFFSET as it writes them), through the same connection (`connection.cursor()`), with the
rows mapped to what the views serialize. What differs from DB_ACCESS=orm is the ORM's work
around the statement: building and compiling the query, and model instances from the rows.
"""

from django.db import connection
from django.http import Http404

# World.objects.get(id=...) and its values_list() form (tuned) compile to the same text.
_WORLD_BY_ID = 'SELECT "world"."id", "world"."randomnumber" FROM "world" WHERE "world"."id" = %s LIMIT 21'

_ARTICLE_WITH_AUTHOR = (
    'SELECT "article"."id", "article"."title", "article"."body", "article"."author_id", "article"."created_at", '
    '"author"."id", "author"."name" FROM "article" INNER JOIN "author" ON ("article"."author_id" = "author"."id")'
)
_ARTICLE_BY_ID = _ARTICLE_WITH_AUTHOR + ' WHERE "article"."id" = %s LIMIT 21'
_ARTICLE_COUNT = 'SELECT COUNT(*) AS "__count" FROM "article"'


def world(world_id):
    """{"id", "randomNumber"}: World.as_json() of the row World.objects.get() would read."""
    with connection.cursor() as cursor:
        cursor.execute(_WORLD_BY_ID, [world_id])
        row_id, number = cursor.fetchone()
    return {"id": row_id, "randomNumber": number}


def _article(row):
    # the attributes ArticleSerializer reads, as a mapping (DRF's fields read dicts as well as models)
    article_id, title, body, _author_id, created_at, author_id, author_name = row
    return {"id": article_id, "title": title, "body": body, "created_at": created_at,
            "author": {"id": author_id, "name": author_name}}


_INTEGER_MAX = 2**31 - 1  # PostgreSQL's integer


def article(pk):
    """Article.objects.select_related("author").get(pk=pk) for a pk of ASCII digits, or Http404
    as get_object_or_404. Beyond PostgreSQL's integer the ORM sends nothing (Django 5 makes an
    out-of-range integer lookup an empty result), and neither does this."""
    if len(pk) > len(str(_INTEGER_MAX)) or int(pk) > _INTEGER_MAX:
        raise Http404
    with connection.cursor() as cursor:
        cursor.execute(_ARTICLE_BY_ID, [int(pk)])
        row = cursor.fetchone()
    if row is None:
        raise Http404
    return _article(row)


class ArticleRows:
    """What ArticleList's queryset is to DRF's LimitOffsetPagination: count() and a slice. The
    paginator is the same, so are its decisions (no page query past the last article)."""

    def count(self):
        with connection.cursor() as cursor:
            cursor.execute(_ARTICLE_COUNT)
            return cursor.fetchone()[0]

    def __getitem__(self, window):
        # the ORM's compiler: LIMIT when there is a stop, OFFSET only when the start is not 0;
        # both integers checked by the paginator, written into the text as the ORM does
        start, stop = int(window.start or 0), int(window.stop)
        sql = f'{_ARTICLE_WITH_AUTHOR} ORDER BY "article"."id" ASC LIMIT {stop - start}'
        if start:
            sql += f" OFFSET {start}"
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return [_article(row) for row in cursor.fetchall()]
