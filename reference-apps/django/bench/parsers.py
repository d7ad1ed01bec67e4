import io
import json

from django.conf import settings
from rest_framework import exceptions, parsers
from rest_framework.exceptions import ParseError


class RequestTooLarge(exceptions.APIException):
    status_code = 413
    default_detail = "Request body too large."
    default_code = "request_too_large"


class JSONParser(parsers.JSONParser):
    """DRF's JSONParser within the contract's limits (CONTRACT.md §7, "Limits").

    - Size: DRF reads the body from the request stream, which Django's own
      DATA_UPLOAD_MAX_MEMORY_SIZE check (made in `request.body`) never sees; the
      parser applies it, as a 413.
    - Depth: Python's json module recurses once per level and raises RecursionError
      (a 500) near 1,000; bodies nested deeper than JSON_MAX_DEPTH are a 400 on
      "_body", whether they hit that or parse.
    - Text PostgreSQL cannot store: JSON may escape half of a UTF-16 surrogate pair
      ("\\ud800"). Python decodes it into a str that has no UTF-8 encoding, and the
      database driver would then fail with a server error. (NUL characters are
      refused by DRF's CharField, on their field.)
    """

    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        body = stream.read(limit + 1)
        if len(body) > limit:
            raise RequestTooLarge(f"Request body larger than {limit} bytes.")
        too_deep = ParseError(f"JSON parse error - nested deeper than {settings.JSON_MAX_DEPTH} levels")
        try:
            data = super().parse(io.BytesIO(body), media_type, parser_context)
        except RecursionError:
            raise too_deep
        if _nests_deeper_than(data, settings.JSON_MAX_DEPTH):
            raise too_deep
        try:
            json.dumps(data, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            raise ParseError("JSON parse error - unpaired surrogate in a string")
        return data


def _nests_deeper_than(value, limit):
    """Whether lists and dicts nest deeper than `limit` ({} is one level). Iterative, like the check it backs up."""
    pending = [(value, 1)]
    while pending:
        node, depth = pending.pop()
        if depth > limit:
            return True
        children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
        pending.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return False
