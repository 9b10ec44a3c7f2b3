"""WSGI entry point, for a production server such as gunicorn or waitress.

The settings are those of every entry point (``luoshi_web.settings``): DEBUG off, the data
directory's generated secret key, ``LUOSHI_HTTPS=1`` behind HTTPS.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luoshi_web.settings")
application = get_wsgi_application()
