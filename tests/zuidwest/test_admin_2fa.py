"""The admin at /beheer/ asks staff for a TOTP code: always when they have a device, and from
everyone when ADMIN_REQUIRE_2FA is on (production). Locally the admin works without one."""

import io
import re

import pytest
from django.contrib import admin, auth
from django.core.management import call_command
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import (
    PARTNER_PASSWORD,
    StaffUserFactory,
    TOTPDeviceFactory,
)
from zuidwest.admin_site.site import PortalAdminSite

pytestmark = pytest.mark.django_db

ADMIN_LOGIN = "/beheer/login/"
ADMIN_INDEX = "/beheer/"
NO_DEVICE_MESSAGE = "Vraag een collega met toegang tot het beheer"
LOGIN_FAILED = (
    "Inloggen is niet gelukt. Controleer je gebruikersnaam, je wachtwoord en de code uit de app "
    "op je telefoon, en probeer het opnieuw. Heb je nog geen app voor de code ingesteld? Vraag "
    "dan een collega met toegang tot het beheer om dat met je te doen."
)


def assert_the_one_failure(response, client):
    """The same status, the one message and nothing else that depends on the account."""
    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert list(errors) == [LOGIN_FAILED]
    html = response.content.decode()
    assert html.count(LOGIN_FAILED) == 1
    assert 'name="otp_device"' not in html
    assert PARTNER_PASSWORD not in html  # never shown back, right or wrong
    assert not auth.get_user(client).is_authenticated


@pytest.fixture
def staff():
    return StaffUserFactory(username="beheerder")


@pytest.fixture
def device(staff):
    return TOTPDeviceFactory(user=staff)


def current_code(device):
    code = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{code:0{device.digits}d}"


def log_in(client, **extra):
    data = {"username": "beheerder", "password": PARTNER_PASSWORD, "next": ADMIN_INDEX}
    data.update(extra)
    return client.post(ADMIN_LOGIN, data)


def test_the_admin_is_our_own_site_with_its_dutch_header():
    assert isinstance(admin.site, PortalAdminSite)
    assert str(admin.site.site_header) == "Regio Deal Zuidwest – beheer"


def test_staff_with_a_device_cannot_log_in_with_a_password_alone(client, device):
    assert_the_one_failure(log_in(client), client)
    assert client.get(ADMIN_INDEX).status_code == 302


def test_a_wrong_code_is_refused(client, device):
    wrong = f"{(int(current_code(device)) + 1) % 10**6:06d}"
    assert_the_one_failure(log_in(client, otp_token=wrong), client)


def test_a_wrong_code_with_a_wrong_password_gets_the_same_answer(client, device):
    wrong = f"{(int(current_code(device)) + 1) % 10**6:06d}"
    assert_the_one_failure(log_in(client, password="niet-het-wachtwoord", otp_token=wrong),
                           client)


@pytest.mark.parametrize("case", ["unknown user", "wrong password", "inactive", "not staff"])
def test_every_other_failure_gets_the_same_answer(client, staff, case):
    data = {}
    if case == "unknown user":
        data["username"] = "niemand"
    elif case == "wrong password":
        data["password"] = "niet-het-wachtwoord"
    elif case == "inactive":
        staff.is_active = False
        staff.save()
    else:
        staff.is_staff = staff.is_superuser = False
        staff.save()
    assert_the_one_failure(log_in(client, **data), client)


def test_staff_with_two_devices_log_in_with_the_code_of_the_one_used_last(client, device, staff):
    other = TOTPDeviceFactory(user=staff, name="tablet")
    other.set_last_used_timestamp(commit=True)
    response = log_in(client, otp_token=current_code(other))
    assert response.status_code == 302
    assert client.get(ADMIN_INDEX).status_code == 200


def test_staff_with_a_device_reach_the_admin_with_the_right_code(client, device):
    response = log_in(client, otp_token=current_code(device))
    assert response.status_code == 302
    assert response["Location"] == ADMIN_INDEX
    assert client.get(ADMIN_INDEX).status_code == 200


def test_a_right_password_with_a_wrong_code_is_not_shown_back(client, device):
    wrong = f"{(int(current_code(device)) + 1) % 10**6:06d}"
    html = log_in(client, otp_token=wrong).content.decode()
    password_field = re.search(r'<input[^>]*name="password"[^>]*>', html).group(0)
    assert "value=" not in password_field


PARTNER_LOGIN_FAILED = "Het e-mailadres of het wachtwoord klopt niet."


def test_the_partner_login_does_not_let_staff_with_a_device_in_with_a_password_alone(
    client, device
):
    """Otherwise it would tell that a staff password is right, without the code."""
    right = client.post("/partner/inloggen/", {"username": "beheerder",
                                               "password": PARTNER_PASSWORD})
    wrong = client.post("/partner/inloggen/", {"username": "beheerder",
                                               "password": "niet-het-wachtwoord"})
    assert right.status_code == wrong.status_code == 200
    assert PARTNER_LOGIN_FAILED in right.content.decode()
    assert list(right.context["form"].non_field_errors()) == list(
        wrong.context["form"].non_field_errors())
    assert PARTNER_PASSWORD not in right.content.decode()
    assert not auth.get_user(client).is_authenticated
    assert "via het beheer" in right.content.decode()  # where staff do log in


def test_with_2fa_required_the_partner_login_refuses_staff_without_a_device(
    client, staff, settings
):
    settings.ADMIN_REQUIRE_2FA = True
    response = client.post("/partner/inloggen/", {"username": "beheerder",
                                                  "password": PARTNER_PASSWORD})
    assert PARTNER_LOGIN_FAILED in response.content.decode()
    assert not auth.get_user(client).is_authenticated


def test_in_development_staff_without_a_device_may_use_the_partner_login(client, staff):
    response = client.post("/partner/inloggen/", {"username": "beheerder",
                                                  "password": PARTNER_PASSWORD})
    assert response.status_code == 302
    assert auth.get_user(client).is_authenticated


def test_with_2fa_required_staff_without_a_device_get_the_same_answer_as_a_wrong_password(
    client, staff, settings
):
    settings.ADMIN_REQUIRE_2FA = True
    assert_the_one_failure(log_in(client), client)


def test_with_2fa_required_a_logged_in_staff_member_without_a_device_sees_the_explanation(
    client, staff, settings
):
    settings.ADMIN_REQUIRE_2FA = True
    client.force_login(staff)
    response = client.get(ADMIN_INDEX, follow=True)
    assert response.redirect_chain[-1][0].startswith(ADMIN_LOGIN)
    assert NO_DEVICE_MESSAGE in response.content.decode()


def test_with_2fa_required_staff_with_a_device_still_get_in_with_the_code(
    client, device, settings
):
    settings.ADMIN_REQUIRE_2FA = True
    log_in(client, otp_token=current_code(device))
    assert client.get(ADMIN_INDEX).status_code == 200


def test_in_development_staff_without_a_device_use_the_admin_with_a_password(client, staff):
    response = log_in(client)
    assert response.status_code == 302
    assert client.get(ADMIN_INDEX).status_code == 200


def test_the_local_make_run_account_works_without_a_device(client, settings):
    assert settings.ADMIN_REQUIRE_2FA is False
    output = io.StringIO()
    call_command("ensure_local_admin", stdout=output)
    password = re.search(r"password: (\S+)", output.getvalue()).group(1)
    response = client.post(ADMIN_LOGIN, {"username": "beheer", "password": password,
                                         "next": ADMIN_INDEX})
    assert response.status_code == 302
    assert client.get(ADMIN_INDEX).status_code == 200


def test_staff_set_up_a_device_in_the_admin_and_see_its_qr_code(client, staff):
    client.force_login(staff)
    form = client.get(reverse("admin:otp_totp_totpdevice_add")).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    # Unconfirmed first: the staff member keeps the admin while scanning the QR code.
    data.update({"user": staff.pk, "name": "telefoon", "throttling_failure_count": 0})
    data.pop("confirmed", None)
    add = client.post(reverse("admin:otp_totp_totpdevice_add"), data)
    assert add.status_code == 302, add.context["adminform"].form.errors
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    assert client.get(reverse("admin:otp_totp_totpdevice_config", args=[device.pk])).status_code \
        == 200
    qr = client.get(reverse("admin:otp_totp_totpdevice_qrcode", args=[device.pk]))
    assert qr.status_code == 200
    assert qr["Content-Type"] == "image/svg+xml"
    assert b"<svg" in qr.content


@pytest.mark.parametrize("page", ["config", "qrcode"])
def test_a_device_that_does_not_exist_is_a_404(staff_client, page):
    """Was a server error (found by the fuzz test)."""
    response = staff_client.get(f"/beheer/otp_totp/totpdevice/0/{page}/")
    assert response.status_code == 404


def test_the_secret_of_a_device_in_use_is_never_shown_again(staff_client, staff):
    device = TOTPDeviceFactory(user=StaffUserFactory(username="collega"))
    change = staff_client.get(reverse("admin:otp_totp_totpdevice_change", args=[device.pk]))
    assert change.status_code == 200
    assert device.key not in change.content.decode()
    listing = staff_client.get(reverse("admin:otp_totp_totpdevice_changelist"))
    assert "/config/" not in listing.content.decode()
    for page in ("config", "qrcode"):
        response = staff_client.get(f"/beheer/otp_totp/totpdevice/{device.pk}/{page}/")
        assert response.status_code == 403
        assert device.key not in response.content.decode(errors="replace")


def test_the_local_accounts_have_addresses_on_the_example_domain(django_user_model):
    """So the demo shows the staff mails ("waits for review") in the local mail output."""
    from zuidwest.review.notifications import _staff_addresses

    call_command("ensure_local_admin", stdout=io.StringIO())
    assert django_user_model.objects.get(username="beheer").email == "beheer@voorbeeld.example"
    assert _staff_addresses() == ["beheer@voorbeeld.example"]

    # An account made before local accounts had an address gets one on the next `make run`.
    django_user_model.objects.filter(username="beheer").update(email="")
    call_command("ensure_local_admin", stdout=io.StringIO())
    assert django_user_model.objects.get(username="beheer").email.endswith("@voorbeeld.example")
