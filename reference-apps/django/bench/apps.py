from django.apps import AppConfig
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
