from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.response import Response


class ArticlePagination(LimitOffsetPagination):
    """?limit=L&offset=O answered as {"count": total, "results": [...]} (CONTRACT.md §5).

    DRF's LimitOffsetPagination quietly falls back to the default for a bad limit
    and clamps one above max_limit; the contract wants 400 for both, and for a
    negative or non-integer offset.
    """

    default_limit = 20
    max_limit = 100

    def get_limit(self, request):
        raw = request.query_params.get(self.limit_query_param)
        if raw is None:
            return self.default_limit
        return _integer_param(self.limit_query_param, raw, minimum=1, maximum=self.max_limit)

    def get_offset(self, request):
        raw = request.query_params.get(self.offset_query_param)
        if raw is None:
            return 0
        return _integer_param(self.offset_query_param, raw, minimum=0)

    def get_paginated_response(self, data):
        return Response({"count": self.count, "results": data})


def _integer_param(name, raw, minimum, maximum=None):
    value = None
    if raw.isascii() and raw.isdigit():  # isdigit() alone also accepts "²" or "٣"
        try:
            value = int(raw)
        except ValueError:  # more digits than Python converts (sys.get_int_max_str_digits)
            pass
    if value is None or value < minimum or (maximum is not None and value > maximum):
        bounds = f"from {minimum} to {maximum}" if maximum is not None else f"of at least {minimum}"
        raise ValidationError({name: [f"Must be an integer {bounds}."]})
    return value
