"""ASGI entry point, served by Uvicorn: HTTP through Django, WebSocket through Channels.

The uvicorn variant serves both protocols from here; the gunicorn variant runs it
beside Gunicorn for /ws/* only.
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchsite.settings")
os.environ["DJANGO_SERVER_INTERFACE"] = "asgi"  # selects the psycopg connection pool

# Set Django up before importing anything that touches models or settings.
django_asgi_app = get_asgi_application()

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402

from bench.middleware import WebSocketHeaderLimitMiddleware  # noqa: E402
from bench.routing import websocket_urlpatterns  # noqa: E402

# No AllowedHostsOriginValidator: it refuses handshakes without an Origin header,
# which non-browser clients (the harness) do not send, and these endpoints carry no
# cookies or credentials that a cross-site page could abuse.
application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": WebSocketHeaderLimitMiddleware(URLRouter(websocket_urlpatterns)),
    }
)
