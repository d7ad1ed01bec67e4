"""WSGI entry point, served by Gunicorn (the default variant): HTTP only.

WebSocket needs ASGI, so in this variant benchsite/asgi.py runs beside it under
Uvicorn on WS_PORT (see README.md).
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchsite.settings")
os.environ["DJANGO_SERVER_INTERFACE"] = "wsgi"  # selects persistent DB connections

application = get_wsgi_application()
