"""Settings of the Django reference app, read from the environment (CONTRACT.md §1).

Production settings throughout: DEBUG off, no per-request logging, cached templates.
The one thing that differs between the two serving variants is how database
connections are kept (see DATABASES below), so benchsite/wsgi.py and
benchsite/asgi.py each announce their interface in DJANGO_SERVER_INTERFACE before
Django reads this module.
"""

import os
import sys
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

BASE_DIR = Path(__file__).resolve().parent.parent


def _exit_misconfigured(message):
    # One line on stderr, then exit code 3: the code by which both Gunicorn
    # (WORKER_BOOT_ERROR) and Uvicorn (STARTUP_FAILURE) recognise a worker that can
    # never start, so they stop instead of respawning it forever.
    print(message, file=sys.stderr)
    sys.exit(3)


def _database_from_url(url):
    """postgresql://user:password@host:port/dbname[?libpq-option=value...] -> a DATABASES entry."""
    parts = urlsplit(url)
    if parts.scheme not in ("postgresql", "postgres"):
        _exit_misconfigured(f"DATABASE_URL must be postgresql://user:password@host:port/dbname, not {parts.scheme}://...")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parts.path.lstrip("/")),
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
        "OPTIONS": dict(parse_qsl(parts.query)),
    }


def _available_cores():
    # The cores this process may run on, as `nproc` counts them (not os.cpu_count(),
    # which ignores CPU affinity such as `taskset` or a container's cpuset).
    return len(os.sched_getaffinity(0))


def _serving_server():
    # Gunicorn's arbiter exports SERVER_SOFTWARE ("gunicorn/27.0.1") before it forks
    # workers; Uvicorn imports this app from its own process, so it is already loaded.
    if os.environ.get("SERVER_SOFTWARE", "").startswith("gunicorn"):
        return "gunicorn"
    if "uvicorn" in sys.modules:
        return "uvicorn"
    return "none"  # manage.py


DATABASE_URL = os.environ.get("DATABASE_URL")
if not DATABASE_URL:
    _exit_misconfigured("DATABASE_URL is required, e.g. postgresql://user:password@127.0.0.1:5432/bench")

# CONTRACT.md §1: "production" follows Django's and the servers' deployment docs,
# "tuned" is the fastest configuration still within the contract (README.md, "Profiles").
PROFILE = os.environ.get("PROFILE") or "production"
if PROFILE not in ("production", "tuned"):
    _exit_misconfigured(f"PROFILE must be production or tuned, not {PROFILE!r}")
TUNED = PROFILE == "tuned"

# Set by benchsite/wsgi.py or benchsite/asgi.py; manage.py commands count as WSGI.
SERVER_INTERFACE = os.environ.get("DJANGO_SERVER_INTERFACE", "wsgi")
HTTP_SERVER = _serving_server()  # for /health: "gunicorn" or "uvicorn"

# What /health reports. Under Gunicorn, gunicorn.conf.py resolves WORKERS and THREADS
# and exports them to its workers; under Uvicorn the documented command passes
# --workers "${WORKERS:-$(nproc)}", one event loop per core.
WORKERS = int(os.environ.get("WORKERS") or _available_cores())
THREADS = int(os.environ.get("THREADS") or 1) if HTTP_SERVER == "gunicorn" else 1

SECRET_KEY = os.environ.get(
    # Required by Django; the workload signs nothing with it (no sessions, no CSRF
    # cookies; JWTs use JWT_SECRET).
    "DJANGO_SECRET_KEY",
    "django-bench-development-secret-key-not-for-deployment",
)
DEBUG = False

_bind_host = os.environ.get("HOST", "127.0.0.1")
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
if _bind_host not in ("127.0.0.1", "localhost", "::1", "0.0.0.0", "::"):
    ALLOWED_HOSTS.append(f"[{_bind_host}]" if ":" in _bind_host else _bind_host)

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "rest_framework",
    "bench",
]

# startproject's list without sessions, CSRF, auth and messages middleware: the API
# authenticates with bearer tokens, never cookies. CommonMiddleware also sets
# Content-Length on every non-streaming response (CONTRACT.md §3).
MIDDLEWARE = [
    "bench.middleware.RequestHeaderLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
if TUNED:
    # Only what the contract needs (the header limit, §7; Content-Length, §3), in one layer; the
    # security headers and CommonMiddleware's URL checks are production hygiene, not contract.
    MIDDLEWARE = ["bench.middleware.contract_essentials"]

# The routes themselves, not an include() of them: one URL resolver fewer on every request.
ROOT_URLCONF = "bench.urls"
WSGI_APPLICATION = "benchsite.wsgi.application"
ASGI_APPLICATION = "benchsite.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "OPTIONS": {
            # Compile each template once per process. This is already the default
            # when DEBUG is False; spelled out because the contract requires it.
            "loaders": [
                (
                    "django.template.loaders.cached.Loader",
                    ["django.template.loaders.app_directories.Loader"],
                ),
            ],
        },
    },
]

DATABASES = {"default": _database_from_url(DATABASE_URL)}
# production: check a connection before its first use in each request (SELECT 1 on a
# persistent connection, psycopg_pool's check on a pooled one), so a database restart
# costs no request a 500. One round trip per request; tuned leaves it out (Django's
# default), as TechEmpower's Django entry does.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = not TUNED
DB_POOL_SIZE = int(os.environ["DB_POOL_SIZE"]) if os.environ.get("DB_POOL_SIZE") else None
# The driver Django's PostgreSQL backend loads: psycopg 3 (requirements.txt) when it is
# installed, else psycopg2 (requirements-tuned.txt, the tuned profile's Gunicorn: README.md,
# "Profiles"). Reported in /health as dbDriver.
try:
    import psycopg  # noqa: F401

    DB_DRIVER = "psycopg"
except ImportError:
    DB_DRIVER = "psycopg2"
if SERVER_INTERFACE == "asgi" and DB_DRIVER == "psycopg2":
    # The tuned set's Uvicorn only serves /ws/* beside Gunicorn, and no consumer touches the
    # database; Django's pool needs psycopg 3, so without it: no persistent connections, as
    # Django's docs ask under ASGI. (The tuned uvicorn variant runs requirements.txt's pool.)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
elif SERVER_INTERFACE == "asgi":
    # "When using ASGI, persistent connections should be disabled. Instead, use your
    # database backend's built-in connection pooling" (Django docs, Databases). Each
    # ASGI request runs its sync code in a thread of its own, so per-thread
    # persistent connections would pile up. Django 5.1+ pools with psycopg_pool;
    # True keeps psycopg_pool's defaults (4 connections per process).
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"]["pool"] = (
        {"min_size": DB_POOL_SIZE, "max_size": DB_POOL_SIZE} if DB_POOL_SIZE else True
    )
else:
    # WSGI: one persistent connection per worker thread (Gunicorn's threads are
    # long-lived), recycled after 10 minutes. DB_POOL_SIZE has no meaning here: a
    # worker uses exactly THREADS connections.
    DATABASES["default"]["CONN_MAX_AGE"] = 600

DEFAULT_AUTO_FIELD = "django.db.models.AutoField"  # the shared tables use integer ids

# CONTRACT.md §4b: the claim-6 routes (/db, /queries, the article reads) through the ORM, or
# as the ORM's own SQL through connection.cursor() (bench/raw.py).
DB_ACCESS = os.environ.get("DB_ACCESS") or "orm"
if DB_ACCESS not in ("orm", "raw"):
    _exit_misconfigured(f"DB_ACCESS must be orm or raw, not {DB_ACCESS!r}")

# CONTRACT.md §5a: the article reads cached in Redis by Django's cache framework and its
# built-in Redis backend (Django docs, "Django's cache framework": Redis), invalidated by
# every write (bench/article_cache.py). KEY_PREFIX: this app's database name, so that apps
# sharing one Redis (two targets; the Channels layer) never read each other's entries, while
# every instance of this app, sharing its database, shares its entries. TIMEOUT: Django's
# default, 300 s, the bound on a write made outside the app. Off: Django's default cache
# (local memory), which nothing here uses.
CACHE = os.environ.get("CACHE") or "off"
if CACHE not in ("off", "redis"):
    _exit_misconfigured(f"CACHE must be off or redis, not {CACHE!r}")
if CACHE == "redis":
    if not os.environ.get("REDIS_URL"):
        _exit_misconfigured("CACHE=redis needs REDIS_URL (redis://host:port/db)")
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": DATABASES["default"]["NAME"],
            "TIMEOUT": 300,
        }
    }

# PASSWORD_HASHERS stays Django's default, pbkdf2_sha256 first (1,000,000 iterations
# in 5.2): CONTRACT.md §6 compares each framework's documented default on purpose.

LANGUAGE_CODE = "en-us"
USE_I18N = False
TIME_ZONE = "UTC"
USE_TZ = True

# Request limits of CONTRACT.md §7 ("Limits"): a body over 1 MiB is a 413 (Django's own
# setting, also applied by bench.parsers.JSONParser, since DRF reads the body past Django's
# check), JSON nested deeper than 32 levels a 400 on "_body", a header section over
# 16 KiB a 431 (bench.middleware).
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
JSON_MAX_DEPTH = 32
REQUEST_HEADER_MAX_BYTES = 16 * 1024

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["bench.parsers.JSONParser"],
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "bench.authentication.JWTAuthentication",
    ],
    "EXCEPTION_HANDLER": "bench.exceptions.api_exception_handler",
    # Errors about the body as a whole (not an object, no data) land under "_body".
    "NON_FIELD_ERRORS_KEY": "_body",
}

SIMPLE_JWT = {
    "ALGORITHM": "HS256",
    "SIGNING_KEY": os.environ.get(
        # PyJWT warns about HMAC keys shorter than the 32-byte SHA-256 digest.
        "JWT_SECRET",
        "django-bench-development-jwt-secret-0123456789",
    ),
    "ACCESS_TOKEN_LIFETIME": timedelta(hours=1),
    "AUTH_HEADER_TYPES": ("Bearer",),
    "UPDATE_LAST_LOGIN": False,  # logging in must not write to the database
}


def _channel_layers():
    # Channels' documented production layer is channels_redis. The in-memory layer
    # only reaches consumers of the same process: valid with one WebSocket worker.
    # Capacity: messages queued per channel before group_send silently drops more
    # (default 100); 1500 is the example in channels_redis' README.
    redis_url = os.environ.get("REDIS_URL")
    if redis_url:
        return {
            "default": {
                "BACKEND": "channels_redis.core.RedisChannelLayer",
                "CONFIG": {
                    # redis-py 8 times socket reads out after 5 s by default, which
                    # aborts the layer's blocking 5 s BZPOPMIN (channels_redis#422):
                    # no read timeout, as in redis-py 7.
                    "hosts": [{"address": redis_url, "socket_timeout": None}],
                    "capacity": 1500,
                },
            }
        }
    return {
        "default": {
            "BACKEND": "channels.layers.InMemoryChannelLayer",
            "CONFIG": {"capacity": 1500},
        }
    }


CHANNEL_LAYERS = _channel_layers()

# No request logging anywhere: Django logs 4xx responses at WARNING, which this
# threshold silences; server errors (ERROR) still reach stderr.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django": {"handlers": ["console"], "level": "ERROR"}},
}
