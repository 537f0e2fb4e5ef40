"""Sign-ups in the partner area: the list at /partner/aanmeldingen/, marking one handled, and
a panel per organisation on the dashboard. Registered in SignupsConfig.ready() through
zuidwest.partner.extensions.

A partner sees only sign-ups for the opportunities and activities their organisations own
(Signup.objects.for_organisations, built on each model's owned_by); any other sign-up is a
404, exactly like one that does not exist."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _

from zuidwest.partner.accounts import organisations_of
from zuidwest.partner.extensions import DashboardPanel
from zuidwest.partner.views import PartnerView

from .models import Signup

PAGE_SIZE = 50


def visible_signups(user):
    return Signup.objects.for_organisations(organisations_of(user))


class SignupListView(PartnerView):
    template_name = "signups/partner_list.html"

    def get(self, request):
        organisations = list(organisations_of(request.user))
        chosen = self.chosen_organisation(organisations)
        signups = (Signup.objects.for_organisations([chosen] if chosen else organisations)
                   .select_related("organisation", "opportunity", "activity",
                                   "handled_by")
                   .order_by("handled_at", "-created_at"))  # not yet handled first
        page = Paginator(signups, PAGE_SIZE).get_page(request.GET.get("pagina"))
        return render(request, self.template_name, {
            "page_obj": page,
            "signups": page.object_list,
            "organisations": organisations,
            "chosen": chosen,
        })

    def chosen_organisation(self, organisations):
        """?organisatie=<slug> narrows the list to one of the user's organisations; any other
        value is ignored."""
        wanted = self.request.GET.get("organisatie", "")
        return next((o for o in organisations if o.slug == wanted), None)


class SignupHandleView(PartnerView):
    """POST only: mark a sign-up handled (the organisation contacted the resident)."""

    def post(self, request, pk):
        signup = get_object_or_404(visible_signups(request.user), pk=pk)
        signup.mark_handled(request.user)
        messages.success(request, _("De aanmelding staat nu op 'afgehandeld'."))
        return redirect(self.back_url())

    def back_url(self):
        url = reverse("partner:signup_list")
        wanted = self.request.POST.get("organisatie", "")
        if wanted and any(o.slug == wanted for o in organisations_of(self.request.user)):
            url += f"?organisatie={wanted}"
        return url


def partner_patterns():
    return [
        path("aanmeldingen/", SignupListView.as_view(), name="signup_list"),
        path("aanmeldingen/<int:pk>/afgehandeld/", SignupHandleView.as_view(),
             name="signup_handle"),
    ]


def dashboard_context(request, organisation):
    """How many sign-ups wait for this organisation; nothing when it never had one."""
    counts = Signup.objects.for_organisations([organisation]).counts()
    if not counts["total"]:
        return None
    return {**counts,
            "list_url": f"{reverse('partner:signup_list')}?organisatie={organisation.slug}"}


SIGNUPS_PANEL = DashboardPanel(key="signups", template="signups/_dashboard_panel.html",
                               context=dashboard_context)
