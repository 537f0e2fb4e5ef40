"""Partner accounts: logging in and out, passwords, invitations (under /partner/).

Logging in, out and the password pages are Django's own views with our templates; axes
(settings.AXES_*) guards every login.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordResetForm
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache

from zuidwest.admin_site.login_limits import too_many_login_attempts
from zuidwest.client_ip import client_ip
from zuidwest.ratelimit import hit
from zuidwest.sessions import kept_input
from zuidwest.ui.forms import PlainRequiredMessages

from ..models import Organisation, PartnerMembership
from ..permissions import can_invite
from . import invitations
from .forms import (
    AcceptInvitationForm,
    InvitationForm,
    LoginForm,
    PartnerPasswordChangeForm,
    PartnerSetPasswordForm,
)
from .password_reset import send_password_reset


class PartnerLoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    authentication_form = LoginForm
    extra_context = {"page_title": gettext_lazy("Inloggen voor partners")}

    def post(self, request, *args, **kwargs):
        return too_many_login_attempts(request) or super().post(request, *args, **kwargs)


class PartnerLogoutView(auth_views.LogoutView):
    """POST only (Django's LogoutView refuses GET), so a link elsewhere cannot log you out."""

    def post(self, request, *args, **kwargs):
        was_logged_in = request.user.is_authenticated
        response = super().post(request, *args, **kwargs)
        if was_logged_in:
            messages.success(request, _("Je bent uitgelogd."))
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    # Not registration/password_change_form.html: the admin uses that name for its own page.
    template_name = "registration/partner_password_change_form.html"
    form_class = PartnerPasswordChangeForm
    success_url = reverse_lazy("accounts:password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "registration/partner_password_change_done.html"


class PartnerPasswordResetForm(PlainRequiredMessages, PasswordResetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = gettext_lazy("E-mailadres")
        self.fields["email"].help_text = gettext_lazy(
            "Het e-mailadres waarmee je inlogt."
        )

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        # A background task renders and sends it (alliances/password_reset.py).
        send_password_reset.enqueue(
            context["user"].pk, translation.get_language() or settings.LANGUAGE_CODE)


class PasswordResetView(auth_views.PasswordResetView):
    """Says the same whether or not the address has an account (Django sends mail only to
    existing, active accounts and redirects either way), and whether or not a mail was sent:
    beyond settings.RATE_LIMITS (per IP address, then per e-mail address) none is. The mail's
    templates are named in alliances/password_reset.py."""

    form_class = PartnerPasswordResetForm
    template_name = "registration/password_reset_form.html"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        email = form.cleaned_data["email"].strip().lower()
        if (hit("password_reset_ip", client_ip(self.request)).allowed
                and hit("password_reset_email", email).allowed):
            return super().form_valid(form)
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "registration/password_reset_confirm.html"
    form_class = PartnerSetPasswordForm
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "registration/password_reset_complete.html"


def _organisation_for_inviter(request, slug):
    """The organisation, or 404 for those who may not invite to it, so slugs can't be probed."""
    organisation = get_object_or_404(Organisation, slug=slug)
    if not can_invite(request.user, organisation):
        raise Http404
    return organisation


@method_decorator(login_required, name="dispatch")
class InviteView(View):
    template_name = "alliances/invitation_create.html"
    keeps_input_after_timeout = True  # zuidwest.sessions

    def get(self, request, slug):
        organisation = _organisation_for_inviter(request, slug)
        kept = kept_input(request)
        initial = {name: kept[name] for name in ("email", "role") if name in kept} if kept else None
        return self._render(request, organisation, InvitationForm(initial=initial))

    def post(self, request, slug):
        organisation = _organisation_for_inviter(request, slug)
        form = InvitationForm(request.POST)
        if form.is_valid():
            try:
                invitation = invitations.invite(
                    inviter=request.user,
                    organisation=organisation,
                    email=form.cleaned_data["email"],
                    role=form.cleaned_data["role"],
                )
            except invitations.InvitationError as error:
                form.add_error("email", str(error))
            else:
                messages.success(
                    request,
                    _("We hebben een uitnodiging gestuurd naar %(email)s.")
                    % {"email": invitation.email},
                )
                return redirect(request.path)
        return self._render(request, organisation, form)

    def _render(self, request, organisation, form):
        context = {
            "organisation": organisation,
            "form": form,
            "members": PartnerMembership.objects.filter(organisation=organisation)
            .select_related("user")
            .order_by("user__first_name", "user__last_name", "user__email"),
            "pending_invitations": organisation.invitations.pending()
            .select_related("invited_by")
            .order_by("email"),
        }
        return render(request, self.template_name, context)


@method_decorator(login_required, name="dispatch")
class WithdrawInvitationView(View):
    """POST: withdraw an invitation that is still open; its link stops working (it then says
    the invitation is unknown). Who may invite to the organisation may withdraw."""

    http_method_names = ["post"]

    def post(self, request, slug, pk):
        organisation = _organisation_for_inviter(request, slug)
        invitation = get_object_or_404(organisation.invitations.pending(), pk=pk)
        invitation.delete()
        messages.success(request, _("De uitnodiging voor %(email)s is ingetrokken. De link in "
                                    "de e-mail werkt niet meer.") % {"email": invitation.email})
        return redirect("accounts:invite", slug=organisation.slug)


@method_decorator(never_cache, name="dispatch")
class AcceptInvitationView(View):
    """/partner/uitnodiging/<token>/: make an account, or add the membership to your account."""

    template_name = "alliances/invitation_accept.html"
    invalid_template_name = "alliances/invitation_invalid.html"

    def get(self, request, token):
        try:
            invitation = invitations.find_invitation(token)
        except invitations.InvalidInvitation as error:
            return self._invalid(request, error)
        return self._render(request, invitation, token)

    def post(self, request, token):
        try:
            invitation = invitations.find_invitation(token)
        except invitations.InvalidInvitation as error:
            return self._invalid(request, error)
        state = self._state(request, invitation)
        form = None
        try:
            if state == "new_account":
                form = AcceptInvitationForm(request.POST, email=invitation.email)
                if not form.is_valid():
                    return self._render(request, invitation, token, form=form)
                membership = invitations.accept(
                    token,
                    name=form.cleaned_data["name"],
                    password=form.cleaned_data["password1"],
                )
                # Several backends are configured (axes first): name the one that applies.
                login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
            elif state == "confirm":
                membership = invitations.accept(token, user=request.user)
            else:
                return self._render(request, invitation, token)
        except invitations.InvalidInvitation as error:
            return self._invalid(request, error)
        except invitations.InvitationError as error:
            messages.error(request, str(error))
            return self._render(request, invitation, token, form=form)
        messages.success(
            request,
            _("Welkom! Je hebt nu een account bij %(organisation)s.")
            % {"organisation": membership.organisation},
        )
        return redirect(settings.LOGIN_REDIRECT_URL)

    def _state(self, request, invitation):
        """What the visitor sees: new_account, log_in_first, confirm or wrong_account."""
        account = invitations.account_for_email(invitation.email)
        if request.user.is_authenticated:
            if account is not None and request.user.pk == account.pk:
                return "confirm"
            return "wrong_account"
        return "new_account" if account is None else "log_in_first"

    def _render(self, request, invitation, token, form=None):
        state = self._state(request, invitation)
        if state == "new_account" and form is None:
            form = AcceptInvitationForm(email=invitation.email)
        accept_url = request.path
        context = {
            "invitation": invitation,
            "organisation": invitation.organisation,
            "state": state,
            "form": form,
            "accept_url": accept_url,
            "login_url": f"{reverse('accounts:login')}?{urlencode({'next': accept_url})}",
        }
        return render(request, self.template_name, context)

    def _invalid(self, request, error):
        return render(
            request, self.invalid_template_name, {"message": str(error)}, status=error.status
        )
