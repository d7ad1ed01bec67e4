"""The tuned profile's one middleware (benchsite/settings.py)."""


def content_length(get_response):
    """Content-Length on every non-streaming response (CONTRACT.md §3).

    The one thing of CommonMiddleware the contract needs: without it Gunicorn sends
    HTTP/1.1 responses chunked, one more write and framing for every body.
    """

    def middleware(request):
        response = get_response(request)
        if not response.streaming and not response.has_header("Content-Length"):
            response.headers["Content-Length"] = str(len(response.content))
        return response

    return middleware
