"""The visitor's IP address, for django-axes (AXES_CLIENT_IP_CALLABLE) and the rate limits
(zuidwest.ratelimit) alike.

Without a proxy (TRUSTED_PROXY_COUNT = 0) it is REMOTE_ADDR, and X-Forwarded-For is ignored:
anyone can send that header. Behind N proxies that each append the address they saw
(nginx: `proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for`), the N-th address from
the right is the one the outermost proxy saw; addresses further left came from the visitor and
cannot be trusted.
"""

import ipaddress

from django.conf import settings


def client_ip(request):
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < count:  # not through the proxies: only the nearest address is known
        return remote
    try:
        return str(ipaddress.ip_address(forwarded[-count]))
    except ValueError:
        return remote
