"""The TechEmpower routes in the tuned profile (CONTRACT.md §1, README.md "Profiles").

Same statements as bench/views.py (CONTRACT.md §4a), cheaper Python around them, as in
TechEmpower's own Django entry: rows as tuples from values_list() instead of model
instances, and orjson instead of the standard library's encoder. bench/urls.py
routes here when PROFILE=tuned; everything else is shared with the production views.
"""

from operator import itemgetter

from django.conf import settings
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render
from orjson import dumps

from . import raw
from .models import Fortune, World
from .views import _cached_worlds, _query_count, _random_id, safe_methods_only

_JSON = "application/json"


def _json_response(data):
    return HttpResponse(dumps(data), content_type=_JSON)


def _orm_world(world_id):
    # SELECT "world"."id", "world"."randomnumber" FROM "world" WHERE "world"."id" = %s LIMIT 21
    world_id, number = World.objects.values_list("id", "randomnumber").get(id=world_id)
    return {"id": world_id, "randomNumber": number}


# DB_ACCESS=raw (CONTRACT.md §4b): that very text through connection.cursor(), for /db and /queries
_read_world = raw.world if settings.DB_ACCESS == "raw" else _orm_world


@safe_methods_only
def json(request):
    return _json_response({"message": "Hello, World!"})


@safe_methods_only
def db(request):
    return _json_response(_read_world(_random_id()))


@safe_methods_only
def queries(request):
    n = _query_count(request, "queries")
    return _json_response([_read_world(_random_id()) for _ in range(n)])


@safe_methods_only
def fortunes(request):
    rows = list(Fortune.objects.values("id", "message"))
    rows.append({"id": 0, "message": "Additional fortune added at request time."})
    rows.sort(key=itemgetter("message"))  # str order is code point order
    return render(request, "fortunes.html", {"fortunes": rows})


@safe_methods_only
def updates(request):
    n = _query_count(request, "queries")
    worlds = [_orm_world(_random_id()) for _ in range(n)]  # the ORM whatever DB_ACCESS: not a claim-6 route
    new_numbers = {}
    for world in worlds:
        world["randomNumber"] = new_numbers.setdefault(world["id"], _random_id())
    _write_world_numbers(new_numbers)
    return _json_response(worlds)


def _write_world_numbers(new_numbers):
    """The same one UPDATE as production (CONTRACT.md §4a), as raw SQL: Django's
    Case(When(...)) expressions cost more Python to build and compile than the statement
    costs PostgreSQL (the NestJS app sends this very text)."""
    ids = sorted(new_numbers)
    values = ", ".join(["(%s::int, %s::int)"] * len(ids))
    params = [x for i in ids for x in (i, new_numbers[i])]
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE world SET randomnumber = v.randomnumber "
            f"FROM (VALUES {values}) AS v (id, randomnumber) WHERE world.id = v.id",
            params,
        )


@safe_methods_only
def cached_queries(request):
    n = _query_count(request, "count")
    cache = _cached_worlds()
    worlds = []
    for _ in range(n):
        world_id = _random_id()
        worlds.append({"id": world_id, "randomNumber": cache[world_id]})
    return _json_response(worlds)
