from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    """Open data: the public API at /api/v1/, the 360Giving grants file, the Atom feeds, the
    sitemap and robots.txt, and the page that explains them. A domain-level app: it reads the
    public querysets of alliances, initiatives and locations and changes nothing."""

    name = "opendata"
    verbose_name = _("Open data")
