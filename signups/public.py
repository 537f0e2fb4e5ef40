"""What other apps may use of signups: how a page offers its sign-up form, and the sign-up
counts beside a page in the admin. Never the residents' data itself."""

from .admin import SignupCountsMixin
from .targets import activity_target, opportunity_target
from .views import signup_form_context

__all__ = ["SignupCountsMixin", "activity_target", "opportunity_target", "signup_form_context"]
