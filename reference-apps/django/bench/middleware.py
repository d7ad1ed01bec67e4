"""The request header limit of CONTRACT.md §7 ("Limits"), for HTTP and WebSocket alike.

Gunicorn bounds each header line (8,190 bytes) and the number of fields (100), nginx each
line (8 KiB) and the whole section (32 KiB); Uvicorn's HTTP parser (httptools) bounds
nothing, and websockets, which reads Uvicorn's handshakes, only lines (8 KiB) and fields
(128). So the app refuses a header section larger than REQUEST_HEADER_MAX_BYTES itself,
whichever server hands it the request: 431 for HTTP, a refused handshake for WebSocket.
"""

from channels.middleware import BaseMiddleware
from django.conf import settings
from django.http import JsonResponse


def _too_large(header_bytes):
    return header_bytes > settings.REQUEST_HEADER_MAX_BYTES


def _header_bytes(meta):
    """The request's header section as the limit counts it: every HTTP_ field's name and value."""
    return sum([len(name) + len(value) for name, value in meta.items() if name[:5] == "HTTP_"])


def _refused():
    return JsonResponse({"error": "Request header fields too large"}, status=431)


class RequestHeaderLimitMiddleware:
    """Django middleware (HTTP, WSGI and ASGI): 431 with the contract's error body."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _too_large(_header_bytes(request.META)):
            return _refused()
        return self.get_response(request)


class WebSocketHeaderLimitMiddleware(BaseMiddleware):
    """Channels middleware: a handshake over the limit is closed before it is accepted (the server answers 403)."""

    async def __call__(self, scope, receive, send):
        if _too_large(sum(len(name) + len(value) for name, value in scope["headers"])):
            await send({"type": "websocket.close"})
            return None
        return await super().__call__(scope, receive, send)


def contract_essentials(get_response):
    """The tuned profile's one middleware: the header limit (CONTRACT.md §7) and Content-Length (§3) in one layer.

    The same checks as RequestHeaderLimitMiddleware followed by the one thing of
    CommonMiddleware the contract needs (without Content-Length Gunicorn sends HTTP/1.1
    responses chunked, one more write and framing for every body), as one function: each
    middleware layer costs a call and Django's exception wrapper on every request.
    """
    limit = settings.REQUEST_HEADER_MAX_BYTES

    def middleware(request):
        if _header_bytes(request.META) > limit:
            response = _refused()
        else:
            response = get_response(request)
        if not response.streaming and "Content-Length" not in response.headers:
            response.headers["Content-Length"] = str(len(response.content))
        return response

    return middleware
