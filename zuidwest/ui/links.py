"""Absolute links start with the portal's public address (settings.SITE_URL), never with the
Host header of a request: a feed, a calendar file or a page cached for everyone must not carry
the address someone happened to ask with."""

from django.conf import settings


def absolute_url(path):
    """`path` ("/plekken/…") as a full address; an address that is already full stays as is."""
    if path.startswith(("https://", "http://")):
        return path
    return f"{settings.SITE_URL}{path}"
