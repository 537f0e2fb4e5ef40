"""WSGI entry point for gunicorn.

Serving through WSGI means production: without DJANGO_ENV set explicitly, the settings
refuse to start unless a secret key and allowed hosts are configured.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_ENV", "production")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zuidwest.settings")

application = get_wsgi_application()
