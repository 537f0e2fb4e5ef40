from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdeasConfig(AppConfig):
    name = "ideas"
    verbose_name = _("Ideeën en vragen van bewoners")

    def ready(self):
        # What this app contributes to the core: the answer as a reviewed page kind, the
        # partner pages for answering, a search type, the admin dashboard's card, the daily
        # clean-up of addresses, the page cache's invalidation, and ideas as subjects to follow by
        # e-mail (followed.py).
        from django.db.models.signals import post_save, pre_save

        from zuidwest import caching, review, search, tasks
        from zuidwest.admin_site import dashboard
        from zuidwest.partner import extensions

        from . import admin_dashboard, answers, followed, partner
        from .models import Idea, StatusChange, Support
        from .retention import delete_expired_idea_data
        from .search import IDEAS

        review.register(answers.ANSWER_SPEC)
        pre_save.connect(answers.remember_published_text, sender=answers.Answer,
                         dispatch_uid="ideas_answer_text_before")
        post_save.connect(answers.answer_published, sender=answers.Answer,
                          dispatch_uid="ideas_answer_published")
        followed.register_with_following()
        search.register(IDEAS)
        tasks.register_daily(delete_expired_idea_data)
        dashboard.register(admin_dashboard.CARD)
        extensions.register_routes("ideas", partner.partner_patterns())
        extensions.register_dashboard_panel(partner.PANEL)
        # Supports are on no public page; their count is kept on the idea, and confirming or
        # withdrawing one drops that idea's page only (views.py). A new idea, and its first
        # status, are on the site only once staff approve it: sending one changes no page.
        caching.watch(self, ignore=[Support], public_if={
            Idea: lambda idea: idea.is_public,
            StatusChange: lambda change: change.idea.is_public,
        })
