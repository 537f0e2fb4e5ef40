from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "initiatives"
    verbose_name = _("Initiatieven en geld")

    def ready(self):
        # What this app contributes to the core: reviewed page kinds, partner pages, search
        # types, the partner pages and dashboard panel of sign-ups, the admin dashboard's
        # cards, the daily clean-up of sign-ups, the page cache's invalidation.
        from django.db.models.signals import post_delete, post_save

        from zuidwest import caching, review, search, tasks
        from zuidwest.admin_site import dashboard
        from zuidwest.partner import extensions, kinds

        from . import admin_dashboard, figure_reporting, signup_mail, signup_retention
        from .models import Opportunity, Signup
        from .partner_pages import INITIATIVE, OPPORTUNITY
        from .review import INITIATIVE_SPEC, OPPORTUNITY_SPEC
        from .search import INITIATIVES, OPPORTUNITIES
        from .signup_partner import SIGNUPS_PANEL, partner_patterns
        from .tasks import delete_expired_signups

        review.register(INITIATIVE_SPEC)
        review.register(OPPORTUNITY_SPEC)
        kinds.register(INITIATIVE)
        kinds.register(OPPORTUNITY)
        search.register(INITIATIVES)
        search.register(OPPORTUNITIES)
        tasks.register_daily(delete_expired_signups)
        for card in admin_dashboard.CARDS:
            dashboard.register(card)
        # Sign-ups (signup_partner.py): the list and "handled" under /partner/aanmeldingen/,
        # and how many wait, on the dashboard.
        extensions.register_routes("signups", partner_patterns())
        extensions.register_dashboard_panel(SIGNUPS_PANEL)
        # Figures of initiatives' indicators, reported by partners, approved by staff.
        extensions.register_routes("figures", figure_reporting.partner_patterns())
        extensions.register_dashboard_panel(extensions.DashboardPanel(
            "figures", "initiatives/_figures_panel.html", figure_reporting.figures_panel_context))
        # A closing date moved earlier shortens how long its sign-ups are kept.
        post_save.connect(signup_retention.follow_closing_date, sender=Opportunity,
                          dispatch_uid="signups_follow_closing_date")
        # A deleted sign-up leaves nothing in the task queue.
        post_delete.connect(signup_mail.forget_tasks_of, sender=Signup,
                            dispatch_uid="signups_forget_tasks")
        # A change shows at once on the cached public pages. Sign-ups are on no public page.
        caching.watch(self, ignore=[Signup])
