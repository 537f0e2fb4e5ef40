"""Filters in an admin URL: only those the page offers, so a list of sign-ups cannot be narrowed
letter by letter on a resident's name or address, nor a list of devices on their secret key."""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from alliances.models import Invitation
from signups.models import Signup
from tests.factories import OpportunityFactory, SignupFactory

pytestmark = pytest.mark.django_db

# Fields no admin page shows, and no admin URL may filter on.
HIDDEN_FIELDS = {
    Signup: ["name", "phone", "email", "message", "deletion_token_hash"],
    TOTPDevice: ["key"],
    Invitation: ["token_hash"],
    get_user_model(): ["password"],
}


@pytest.fixture
def signup(organisation):
    opportunity = OpportunityFactory(organisation=organisation, is_published=True,
                                     accepts_signups=True)
    return SignupFactory(opportunity=opportunity, name="Bram Bewoner", phone="0612345678",
                         email="bram@voorbeeld.example", message="Bel na vijf uur.")


@pytest.mark.parametrize("lookup, value", [
    ("email__startswith", "b"),
    ("email__istartswith", "B"),
    ("name__icontains", "bram"),
    ("name__startswith", "B"),
    ("phone__contains", "06"),
    ("message__icontains", "vijf"),
    ("deletion_token_hash__startswith", "a"),
    ("email__regex", "^b"),
    ("email__gt", "a"),
])
def test_the_signup_list_cannot_be_filtered_on_personal_data(staff_client, signup, lookup,
                                                             value):
    response = staff_client.get(reverse("admin:signups_signup_changelist"), {lookup: value})
    assert response.status_code == 400


@pytest.mark.parametrize("query", [
    {"afgehandeld": "nee"},
    {"is_demo__exact": "0"},
    {"delete_after__gte": "2020-01-01", "delete_after__lt": "2100-01-01"},
    {"created_at__year": "2026"},
    {"o": "1"},
])
def test_the_filters_the_signup_list_offers_still_work(staff_client, signup, query):
    response = staff_client.get(reverse("admin:signups_signup_changelist"), query)
    assert response.status_code == 200


def _paths_to_hidden_fields(model):
    """Lookups from `model` to a hidden field: its own, and through each relation."""
    paths = list(HIDDEN_FIELDS.get(model, []))
    for field in model._meta.get_fields():
        if field.is_relation and field.related_model in HIDDEN_FIELDS:
            # A reverse relation's name is the one lookups use ("signups").
            paths += [f"{field.name}__{hidden}" for hidden in HIDDEN_FIELDS[field.related_model]]
    return paths


def test_no_admin_filters_on_a_hidden_field(staff):
    request = RequestFactory().get("/beheer/")
    request.user = staff
    checked = 0
    for model, model_admin in admin.site._registry.items():
        for path in _paths_to_hidden_fields(model):
            for lookup in (path, f"{path}__startswith", f"{path}__icontains"):
                assert not model_admin.lookup_allowed(lookup, "a", request), (
                    f"{model._meta.label}: {lookup}")
                checked += 1
    assert checked > 40  # the sign-ups' own fields, and the pages and accounts around them
