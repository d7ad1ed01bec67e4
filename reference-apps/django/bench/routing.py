from channels.security.websocket import WebsocketDenier
from django.urls import path, re_path

from . import consumers

websocket_urlpatterns = [
    path("ws/echo", consumers.EchoConsumer.as_asgi()),
    path("ws/broadcast", consumers.BroadcastConsumer.as_asgi()),
    # Any other path: refuse the handshake (403) rather than let URLRouter raise,
    # which the server would report as a 500.
    re_path(r"", WebsocketDenier.as_asgi()),
]
