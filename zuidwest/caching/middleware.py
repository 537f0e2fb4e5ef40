"""Compressed HTML for anonymous visitors, in the app server (no proxy needed for it).

BREACH: an attacker who can put text into a page and watch the size of the compressed
response can guess a secret in the same response, byte by byte. So a response is compressed
only when it carries no secret: the visitor has no session cookie (nobody logged in) and the
response sets no cookie (a page with a form token renews the CSRF cookie). Pages for logged-in
visitors and forms go out uncompressed; they are few and small next to the public pages.
Static files are compressed ahead by WhiteNoise and never pass through here; only text is
compressed (photos and other media are compressed already).
"""

from django.conf import settings
from django.middleware.gzip import GZipMiddleware

TEXT_TYPES = ("text/", "application/json", "application/geo+json", "application/ld+json",
              "application/xml", "application/javascript")


class CompressPublicResponsesMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        if (settings.SESSION_COOKIE_NAME in request.COOKIES or response.cookies
                or not response.get("Content-Type", "").startswith(TEXT_TYPES)):
            return response
        return super().process_response(request, response)
