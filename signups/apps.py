from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignupsConfig(AppConfig):
    name = "signups"
    verbose_name = _("Aanmeldingen")

    def ready(self):
        # Sign-ups under /partner/aanmeldingen/ and how many wait on the partner dashboard; the
        # daily clean-up. Sign-ups are on no public page, so the page cache does not watch them.
        from django.db.models.signals import post_delete, post_save

        from work.models import Opportunity
        from zuidwest import tasks
        from zuidwest.partner import extensions

        from . import mail, retention
        from .models import Signup
        from .partner import SIGNUPS_PANEL, partner_patterns
        from .tasks import delete_expired_signups

        tasks.register_daily(delete_expired_signups)
        extensions.register_routes("signups", partner_patterns())
        extensions.register_dashboard_panel(SIGNUPS_PANEL)
        # A closing date moved earlier shortens how long its sign-ups are kept.
        post_save.connect(retention.follow_closing_date, sender=Opportunity,
                          dispatch_uid="signups_follow_closing_date")
        # A deleted sign-up leaves nothing in the task queue.
        post_delete.connect(mail.forget_tasks_of, sender=Signup,
                            dispatch_uid="signups_forget_tasks")
