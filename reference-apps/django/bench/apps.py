from django.apps import AppConfig
from django.conf import settings
from django.core import signals
from django.core.cache import caches, close_caches
from django.core.cache.backends.base import BaseCache
from django.db import reset_queries
from django.db.models.signals import post_migrate


def _new_article_cache_generation(sender, **kwargs):
    # The database may be new (the harness re-creates it for every run, while Redis may
    # outlive it): entries read from an earlier one must not be served from this one.
    from . import article_cache

    if article_cache.enabled():
        article_cache.start_generation()


class BenchConfig(AppConfig):
    name = "bench"
    verbose_name = "Benchmark workload"

    def ready(self):
        # post_migrate is sent at the end of every `migrate` (even with nothing to apply) and
        # `flush`: once per start of the app (docker-entrypoint.sh migrates before serving)
        post_migrate.connect(_new_article_cache_generation, sender=self)
        if settings.TUNED:
            _drop_receivers_that_do_nothing()


# The receivers the tuned profile disconnected, by name, as /health reports them.
dropped_receivers = []


def _drop_receivers_that_do_nothing():
    """The tuned profile: two of Django's per-request signal receivers that do nothing here, disconnected.

    reset_queries (request_started) empties each connection's query log, which only DEBUG (or a
    test's force_debug_cursor) fills; close_caches (request_finished) closes each cache, which
    only Django's memcached backends do anything for (this app's caches: local memory, or Redis).
    Each walks every alias through asgiref's Local on every request: 10 us of the 76 us of CPU a
    /json costs in Django, the WSGI app called in-process (README.md, "Profiles"). Kept whenever
    it would do something, so behaviour is the same with or without them.
    """
    if not settings.DEBUG and signals.request_started.disconnect(reset_queries):
        dropped_receivers.append("reset_queries")
    no_close = all(type(caches[alias]).close is BaseCache.close for alias in settings.CACHES)
    if no_close and signals.request_finished.disconnect(close_caches):
        dropped_receivers.append("close_caches")
