from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlliancesConfig(AppConfig):
    name = "alliances"
    verbose_name = _("Alliantieraad en organisaties")

    def ready(self):
        # This app keeps organisations and partner accounts: it tells the partner area who
        # belongs where, and puts organisations in the site search.
        from zuidwest import caching, search
        from zuidwest.partner import accounts

        from .permissions import PartnerDirectory
        from .search import ORGANISATIONS

        accounts.register_directory(PartnerDirectory())
        search.register(ORGANISATIONS)
        caching.watch(self)  # a change shows at once on the cached public pages
