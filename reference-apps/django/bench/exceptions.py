"""The API's error bodies (CONTRACT.md §7), for DRF views and plain Django views alike.

400 for a validation or parse failure: {"errors": {"<field>": ["<message>", ...]}},
with problems of the body as a whole under "_body". Every other error: {"error": "..."}.
"""

from django.http import JsonResponse
from rest_framework import exceptions
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler


def api_exception_handler(exc, context):
    """REST_FRAMEWORK["EXCEPTION_HANDLER"]: DRF's handler, re-shaped."""
    response = exception_handler(exc, context)
    if response is None:
        return None  # not a client error: Django's handler500 answers it
    if isinstance(exc, (exceptions.ValidationError, exceptions.ParseError)):
        response.data = {"errors": _field_errors(exc.detail)}
    else:
        # response.data, not exc: DRF also answers Django's Http404 and PermissionDenied.
        response.data = {"error": _message(response.data)}
    return response


def _field_errors(detail):
    if isinstance(detail, dict):
        return {field: _messages(value) for field, value in detail.items()}
    # A list or a single message (e.g. a ParseError) concerns the body as a whole.
    return {api_settings.NON_FIELD_ERRORS_KEY: _messages(detail)}


def _messages(value):
    if isinstance(value, list):
        return [message for item in value for message in _messages(item)]
    if isinstance(value, dict):  # a nested serializer's errors, flattened
        return [message for item in value.values() for message in _messages(item)]
    return [str(value)]


def _message(detail):
    # {"detail": "..."}; simplejwt's InvalidToken adds "code" and "messages".
    if isinstance(detail, dict):
        detail = detail.get("detail", next(iter(detail.values()), ""))
    if isinstance(detail, list):
        detail = detail[0] if detail else ""
    return str(detail)


# Django's handler400/403/404/500 (bench/urls.py), for everything outside DRF.


def bad_request(request, exception):
    return JsonResponse({"error": "Bad request"}, status=400)


def permission_denied(request, exception):
    return JsonResponse({"error": "Forbidden"}, status=403)


def page_not_found(request, exception):
    return JsonResponse({"error": "Not found"}, status=404)


def server_error(request):
    return JsonResponse({"error": "Internal server error"}, status=500)
