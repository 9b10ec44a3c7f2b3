"""WSGI entry point, for a production server such as gunicorn or waitress."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luoshi_web.settings")
application = get_wsgi_application()
