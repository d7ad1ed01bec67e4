import json

from rest_framework import parsers
from rest_framework.exceptions import ParseError


class JSONParser(parsers.JSONParser):
    """DRF's JSONParser, also refusing text that PostgreSQL cannot store.

    JSON may escape half of a UTF-16 surrogate pair ("\\ud800"). Python decodes it
    into a str that has no UTF-8 encoding, and the database driver would then fail
    with a server error instead of the client getting a 400.
    """

    def parse(self, stream, media_type=None, parser_context=None):
        data = super().parse(stream, media_type, parser_context)
        try:
            json.dumps(data, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            raise ParseError("JSON parse error - unpaired surrogate in a string")
        return data
