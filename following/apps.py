from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowingConfig(AppConfig):
    name = "following"
    verbose_name = _("Volgen per e-mail")

    def ready(self):
        # The subjects of the existing apps (following/kinds.py; the ideas app registers its
        # own), and the daily jobs: the weekly digest on Mondays, the clean-up of requests
        # nobody confirmed. No public page shows who follows, so the page cache ignores all.
        from zuidwest import caching, tasks

        from . import kinds, subjects
        from .tasks import delete_expired_requests, queue_weekly_digests

        for kind in kinds.BUILT_IN:
            subjects.register(kind)
        tasks.register_daily(queue_weekly_digests)
        tasks.register_daily(delete_expired_requests)
        caching.watch(self, ignore=list(self.get_models()))
