"""HTTP routes of the workload contract (CONTRACT.md §4-§6, §9).

The TechEmpower routes are plain Django function views, as in TechEmpower's own
Django entry; the REST resource and authentication use Django REST framework.
"""

import platform
import random
from importlib.metadata import PackageNotFoundError, version
from functools import wraps

import django
from django.conf import settings
from django.contrib.auth.hashers import get_hasher
from django.db import DatabaseError, connection
from django.db.models import Case, IntegerField, Value, When
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from rest_framework import generics
from rest_framework.permissions import IsAuthenticated, IsAuthenticatedOrReadOnly
from rest_framework.response import Response
from rest_framework.views import APIView

from . import article_cache, raw
from .apps import dropped_receivers
from .models import Article, Fortune, World
from .pagination import ArticlePagination
from .serializers import ArticleSerializer

WORLD_ROWS = 10_000  # ids 1..10000 (reference-apps/db/seed.sql)
MAX_QUERIES = 500  # TechEmpower's bound on ?queries= and ?count=


def safe_methods_only(view):
    """Django's require_safe, answering 405 in the API's JSON error format."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            response = JsonResponse({"error": f'Method "{request.method}" not allowed.'}, status=405)
            response["Allow"] = "GET, HEAD"
            return response
        return view(request, *args, **kwargs)

    return wrapper


def _query_count(request, name):
    """N of /queries, /updates and /cached-queries: bad or missing -> 1, clamped to 1..500."""
    try:
        n = int(request.GET.get(name, "1"))
    except ValueError:
        return 1
    return min(max(n, 1), MAX_QUERIES)


def _random_id():
    return random.randint(1, WORLD_ROWS)


def _orm_world(world_id):
    return World.objects.get(id=world_id).as_json()


# How /db and /queries read a row (claim 6 compares the two; CONTRACT.md §4b).
_world = raw.world if settings.DB_ACCESS == "raw" else _orm_world


@safe_methods_only
def json(request):
    return JsonResponse({"message": "Hello, World!"})


@safe_methods_only
def plaintext(request):
    return HttpResponse(b"Hello, World!", content_type="text/plain")


@safe_methods_only
def db(request):
    return JsonResponse(_world(_random_id()))


@safe_methods_only
def queries(request):
    n = _query_count(request, "queries")
    worlds = [_world(_random_id()) for _ in range(n)]
    return JsonResponse(worlds, safe=False)


@safe_methods_only
def fortunes(request):
    rows = list(Fortune.objects.all())
    rows.append(Fortune(id=0, message="Additional fortune added at request time."))
    rows.sort(key=lambda fortune: fortune.message)  # str order is code point order
    return render(request, "fortunes.html", {"fortunes": rows})


@safe_methods_only
def updates(request):
    n = _query_count(request, "queries")
    # CONTRACT.md §4a (parity): N reads, one query each, no lock and no transaction,
    # then every new number in one UPDATE. A row drawn twice gets one new number, so
    # the response never shows a value that is not the one stored.
    worlds = [World.objects.get(id=_random_id()) for _ in range(n)]
    new_numbers = {}
    for world in worlds:
        world.randomnumber = new_numbers.setdefault(world.id, _random_id())
    write_world_numbers(new_numbers)
    return JsonResponse([world.as_json() for world in worlds], safe=False)


def write_world_numbers(new_numbers):
    """{id: randomnumber} -> one UPDATE world SET randomnumber = CASE WHEN id = ... THEN ... END WHERE id IN (...).

    Django's "conditional update" (docs: Conditional Expressions): bulk_update's own
    statement, without the transaction bulk_update wraps it in (one statement is atomic
    on its own). Ids in ascending order, so that concurrent requests lock rows in one order.
    """
    ids = sorted(new_numbers)
    World.objects.filter(id__in=ids).update(
        randomnumber=Case(*(When(id=i, then=Value(new_numbers[i])) for i in ids), output_field=IntegerField())
    )


_world_cache = None  # {id: randomnumber}, one per worker process, filled on first use


def _cached_worlds():
    global _world_cache
    if _world_cache is None:
        # Two threads may both fill it on a cold start; both build the same dict.
        _world_cache = dict(World.objects.values_list("id", "randomnumber"))
    return _world_cache


@safe_methods_only
def cached_queries(request):
    n = _query_count(request, "count")
    cache = _cached_worlds()
    worlds = []
    for _ in range(n):
        world_id = _random_id()
        worlds.append({"id": world_id, "randomNumber": cache[world_id]})
    return JsonResponse(worlds, safe=False)


def _server_version():
    # the version of the distribution actually serving (tuned Gunicorn: 23, production: 27;
    # README.md, "Profiles"), or "" under manage.py
    try:
        return version(settings.HTTP_SERVER)
    except PackageNotFoundError:
        return ""


@safe_methods_only
def health(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        database = "up"
    except DatabaseError:
        database = "down"
    pool = connection.pool if settings.SERVER_INTERFACE == "asgi" else None
    return JsonResponse(
        {
            "status": "ok" if database == "up" else "error",
            "framework": "django",
            "frameworkVersion": django.get_version(),
            "runtime": "python",
            "runtimeVersion": platform.python_version(),
            "server": settings.HTTP_SERVER,
            "serverVersion": _server_version(),
            # the driver module Django's backend loaded: psycopg 3, or psycopg2 in the tuned set
            "dbDriver": connection.Database.__name__,
            "dbDriverVersion": connection.Database.__version__.split()[0],  # psycopg2 appends "(dt dec pq3 ...)"
            "workers": settings.WORKERS,
            "threads": settings.THREADS,
            "database": database,
            # Connections one worker process may hold: its psycopg pool under ASGI,
            # one persistent connection per thread under WSGI.
            "dbPoolSize": pool.max_size if pool else settings.THREADS,
            "dbConnections": "psycopg_pool" if pool else "persistent-per-thread",
            "passwordHasher": get_hasher("default").algorithm,
            "profile": settings.PROFILE,
            # production: a SELECT 1 before each request's first query (settings.py)
            "dbHealthChecks": settings.DATABASES["default"]["CONN_HEALTH_CHECKS"],
            "middleware": [path.rsplit(".", 1)[-1] for path in settings.MIDDLEWARE],
            # tuned: Django's per-request signal receivers that do nothing here, disconnected (apps.py)
            "droppedSignalReceivers": dropped_receivers,
            "channelLayer": settings.CHANNEL_LAYERS["default"]["BACKEND"],
            "cache": settings.CACHE,  # CONTRACT.md §5a
            "dbAccess": settings.DB_ACCESS,  # CONTRACT.md §4b
        },
        status=200 if database == "up" else 503,
    )


class Me(APIView):
    permission_classes = [IsAuthenticated]

    def get(self, request):
        return Response({"id": request.user.id, "username": request.user.username})


class ArticleList(generics.ListCreateAPIView):
    # The author comes in the same query (a join): no N+1 whatever the page size.
    queryset = Article.objects.select_related("author").order_by("id")
    serializer_class = ArticleSerializer
    pagination_class = ArticlePagination
    permission_classes = [IsAuthenticatedOrReadOnly]

    def get_queryset(self):
        # DB_ACCESS=raw: the ORM's two statements through connection.cursor(), paginated by
        # the same paginator (only the list reads a queryset; a create does not)
        return raw.ArticleRows() if settings.DB_ACCESS == "raw" else super().get_queryset()

    def list(self, request, *args, **kwargs):
        if not article_cache.enabled():
            return super().list(request, *args, **kwargs)
        # a bad limit or offset is the paginator's 400 before anything is cached
        limit, offset = self.paginator.get_limit(request), self.paginator.get_offset(request)
        return Response(article_cache.read(f"articles:{limit}:{offset}",
                                           lambda: super(ArticleList, self).list(request, *args, **kwargs).data))

    def perform_create(self, serializer):
        super().perform_create(serializer)
        if article_cache.enabled():
            article_cache.start_generation()  # the count of every page changed


class ArticleDetail(generics.RetrieveUpdateDestroyAPIView):
    queryset = Article.objects.select_related("author")
    serializer_class = ArticleSerializer
    permission_classes = [IsAuthenticatedOrReadOnly]
    # PUT is a full replacement; the contract has no partial update.
    http_method_names = ["get", "put", "delete", "head", "options"]

    def get_object(self):
        # The ORM reads the id with int(), which also takes "+1", " 1" and other scripts'
        # digits ("１２３" is 123): an id is ASCII digits only, anything else names no article.
        pk = self.kwargs["pk"]
        if not (pk.isascii() and pk.isdigit()):
            raise Http404
        if settings.DB_ACCESS == "raw" and self.request.method in ("GET", "HEAD"):
            # DB_ACCESS=raw: the read only; a replace or delete updates the model instance
            obj = raw.article(pk)
            self.check_object_permissions(self.request, obj)
            return obj
        return super().get_object()

    def retrieve(self, request, *args, **kwargs):
        if not article_cache.enabled():
            return super().retrieve(request, *args, **kwargs)
        # a missing article is the Http404 of the load: never cached
        return Response(article_cache.read(f"article:{self.kwargs['pk']}",
                                           lambda: super(ArticleDetail, self).retrieve(request, *args, **kwargs).data))

    def perform_update(self, serializer):
        super().perform_update(serializer)
        if article_cache.enabled():
            article_cache.start_generation()

    def perform_destroy(self, instance):
        super().perform_destroy(instance)
        if article_cache.enabled():
            article_cache.start_generation()
