"""What the footer of every page needs: the programme office's contact details and the address
of the feedback route."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.functional import SimpleLazyObject, lazy

from .models import ProgrammeOffice

# Path parameters that hold a secret (invitation, password reset and sign-up links): a page
# reached through one is reported without its address, so the secret never lands in a mail.
SECRET_URL_PARAMETERS = {"token", "uidb64"}


def feedback_url(request):
    """The contact page with this page's address filled in ("Klopt er iets niet?")."""
    match = getattr(request, "resolver_match", None)
    url = reverse("site:contact")
    if match and SECRET_URL_PARAMETERS & set(match.kwargs):
        return url + "#melden"
    return f"{url}?{urlencode({'pagina': request.get_full_path()})}#melden"


def site_contact(request):
    # Lazy: a page that does not render the footer (the JSON and calendar views do not use
    # templates; a template may override the footer) costs no query.
    return {
        "programme_office": SimpleLazyObject(
            lambda: ProgrammeOffice.objects.order_by("pk").first()),
        "feedback_url": lazy(feedback_url, str)(request),
    }
