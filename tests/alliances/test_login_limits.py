"""A username longer than any account's is refused before authentication, with the same
message as a wrong password, on both logins; no error page on PostgreSQL (django-axes stores
usernames in a column of 255 characters)."""

import pytest
from axes.models import AccessAttempt

pytestmark = pytest.mark.django_db


def errors(response):
    return response.context["form"].non_field_errors()


@pytest.mark.parametrize("url", ["/partner/inloggen/", "/beheer/login/"])
@pytest.mark.parametrize("length", [151, 256, 10_000])
def test_an_overlong_username_is_refused_like_a_wrong_password(client, url, length):
    wrong = client.post(url, {"username": "iemand@example.org", "password": "geheim-wachtwoord"})
    response = client.post(url, {"username": "a" * length, "password": "geheim-wachtwoord"})
    assert response.status_code == 200
    assert list(errors(response)) == list(errors(wrong))
    assert not AccessAttempt.objects.filter(username__startswith="a" * 151).exists()


def test_axes_never_records_more_than_its_column_holds(rf):
    from zuidwest.admin_site.login_limits import axes_username

    request = rf.post("/partner/inloggen/", {"username": "b" * 400})
    assert len(axes_username(request, {"username": "b" * 400})) == 255
    assert axes_username(request, None) == "b" * 255
