"""The article reads' cache (CONTRACT.md §5a): Django's low-level cache API on the cache
framework's built-in Redis backend (settings.CACHES), used by the article views when
CACHE=redis.

`read(key, load)` serves a key from the cache when it holds an entry of the current
generation, otherwise calls `load()` (the database) and stores the result under the
generation it read. Every write calls `start_generation()` after it committed and before it
answers: one SET invalidates every detail and every page at once (pages cannot be listed for
deletion: any limit and offset is a key).

Why a read after a write is never stale, whatever the interleaving: a reader takes the
generation (in the same MGET as the entry, `get_many`) before it reads the database, and
stores its rows under that generation. A write commits, then replaces the generation; a reader
that read the old rows stored them under a generation that is already gone, or about to go
before the write answers.
"""

from uuid import uuid4

from django.conf import settings
from django.core.cache import cache
from redis.exceptions import RedisError

GENERATION_KEY = "articles:generation"


def enabled():
    return settings.CACHE == "redis"


def read(key, load):
    try:
        found = cache.get_many([GENERATION_KEY, key])
    except RedisError:
        found = {}  # Redis unreachable: the database answers, as with the cache off
    generation = found.get(GENERATION_KEY)
    entry = found.get(key)
    if generation is not None and entry is not None and entry[0] == generation:
        return entry[1]
    value = load()
    if generation is not None:
        try:
            cache.set(key, (generation, value))
        except RedisError:
            pass  # costs the next reader a database read, never a wrong answer
    return value


def start_generation():
    """A new generation, kept without expiry (timeout=None), so that no entry outlives the
    generation it was read in. Raises when Redis cannot take it: the write then fails (500)
    rather than leave stale entries behind."""
    cache.set(GENERATION_KEY, uuid4().hex, timeout=None)
