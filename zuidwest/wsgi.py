"""WSGI entry point for gunicorn.

Serving through WSGI means production: without DJANGO_ENV set explicitly, the settings
refuse to start unless a secret key and allowed hosts are configured. Web requests get a
statement timeout unless one is configured (settings, DATABASE_STATEMENT_TIMEOUT), well under
gunicorn's worker timeout (gunicorn.conf.py).
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_ENV", "production")
os.environ.setdefault("DATABASE_STATEMENT_TIMEOUT", "10s")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zuidwest.settings")

application = get_wsgi_application()
