"""Signing up on the portal for an opportunity or an activity: the model's rules and retention,
the public form with its abuse protection, the mails, the organisation's list in the partner
area, what staff see in the admin, the deletion link and the daily clean-up."""

import datetime
import hashlib
import re
from io import StringIO

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from locations.models import Occurrence
from locations.partner.forms import ActivityForm
from locations.review import ACTIVITY_SPEC
from signups.guard import MAX_BODY_BYTES, RATE_LIMIT
from signups.models import Signup
from signups.targets import activity_target, opportunity_target
from tests.factories import (
    ActivityFactory,
    OpportunityFactory,
    OrganisationFactory,
    SignupFactory,
    partner_user,
)
from work.partner.forms import OpportunityForm
from work.review import OPPORTUNITY_SPEC

pytestmark = pytest.mark.django_db

RESIDENT = {"name": "Samira Voorbeeld", "phone": "06 98 76 54 32",
            "email": "samira@voorbeeld.example",
            "message": "Ik kan alleen op dinsdag en donderdag."}


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    """The rate limit counts in the cache; every test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def opportunity(organisation):
    return OpportunityFactory(organisation=organisation, is_published=True,
                              accepts_signups=True, title="Leerwerkplek in de wijkkeuken")


def held_on(activity, day, *, cancelled=False):
    """A stored date of the activity (occurrences are normally refreshed after a commit)."""
    starts_at = datetime.datetime.combine(day, activity.start_time,
                                          tzinfo=timezone.get_current_timezone())
    return Occurrence.objects.create(activity=activity, starts_at=starts_at,
                                     ends_at=starts_at + datetime.timedelta(hours=2),
                                     is_cancelled=cancelled)


@pytest.fixture
def activity(organisation):
    activity = ActivityFactory(organiser=organisation, is_published=True,
                               registration_required=True, registration_info="Bel ons.",
                               accepts_signups=True, title="Sollicitatietraining")
    activity.place.is_published = True
    activity.place.save()
    held_on(activity, timezone.localdate() + datetime.timedelta(days=3))
    return activity


def signup_url(page):
    name = "activity_signup" if page._meta.model_name == "activity" else "opportunity_signup"
    return reverse(f"signups:{name}", kwargs={"slug": page.slug})


def form_data(**changes):
    return {**RESIDENT, "consent": "on", "website": "", **changes}


def sign_up(client, page, **changes):
    return client.post(signup_url(page), form_data(**changes))


def token_of(response):
    """The deletion token from the confirmation address a sign-up redirects to."""
    return re.fullmatch(r".*/aanmelding/([^/]+)/", response["Location"])[1]


# --- the model ------------------------------------------------------------------------------


def test_a_signup_is_for_exactly_one_opportunity_or_activity(opportunity, activity):
    with pytest.raises(IntegrityError), transaction.atomic():
        SignupFactory(opportunity=opportunity, activity=activity)
    with pytest.raises(IntegrityError), transaction.atomic():
        SignupFactory(opportunity=None, activity=None)
    assert SignupFactory(opportunity=None, activity=activity).target == activity


def test_a_signup_needs_a_phone_number_or_an_email_address(opportunity):
    with pytest.raises(IntegrityError), transaction.atomic():
        SignupFactory(opportunity=opportunity, phone="", email="")
    SignupFactory(opportunity=opportunity, phone="", email="iemand@voorbeeld.example")
    SignupFactory(opportunity=opportunity, phone="070 123 45 67", email="")


def test_a_message_over_500_characters_is_refused(opportunity):
    signup = SignupFactory.build(opportunity=opportunity, message="x" * 501)
    with pytest.raises(ValidationError) as error:
        signup.full_clean()
    assert list(error.value.message_dict) == ["message"]


def test_a_signup_names_no_personal_data_where_the_admin_shows_it(opportunity):
    signup = SignupFactory(opportunity=opportunity, **RESIDENT)
    text = str(signup)
    assert opportunity.title in text
    assert not any(value in text for value in RESIDENT.values())


@pytest.mark.parametrize(("closes_in", "kept_until"), [
    (10, 10 + 30),  # 30 days after the opportunity closes
    (None, 90),  # no closing date: 90 days after signing up
])
def test_an_opportunitys_signups_are_kept_30_days_after_it_closes_or_else_90_days(
        opportunity, closes_in, kept_until):
    today = timezone.localdate()
    opportunity.closes_on = today + datetime.timedelta(days=closes_in) if closes_in else None
    assert opportunity_target(opportunity).delete_after == (
        today + datetime.timedelta(days=kept_until))


def test_an_activitys_signups_are_kept_30_days_after_the_date_they_are_for(activity):
    today = timezone.localdate()
    target = activity_target(activity)
    assert target.activity_date == today + datetime.timedelta(days=3)
    assert target.delete_after == today + datetime.timedelta(days=3 + 30)


def test_the_date_of_an_activity_signup_skips_cancelled_dates(activity):
    Occurrence.objects.filter(activity=activity).update(is_cancelled=True)
    later = held_on(activity, timezone.localdate() + datetime.timedelta(days=10))
    assert activity_target(activity).activity_date == timezone.localtime(later.starts_at).date()


def test_an_activity_without_a_next_date_takes_no_signups(activity):
    Occurrence.objects.filter(activity=activity).delete()
    target = activity_target(activity)
    assert not target.accepting
    # Were it kept anyway: 30 days from signing up.
    assert target.delete_after == timezone.localdate() + datetime.timedelta(days=30)


def test_signing_up_for_an_activity_needs_registration_to_be_required():
    activity = ActivityFactory.build(accepts_signups=True, registration_required=False)
    with pytest.raises(ValidationError) as error:
        activity.clean()
    assert "accepts_signups" in error.value.message_dict


def test_partners_switch_signups_on_through_the_review_flow():
    assert "accepts_signups" in OPPORTUNITY_SPEC.fields
    assert "accepts_signups" in ACTIVITY_SPEC.fields
    assert "accepts_signups" in OpportunityForm.base_fields
    assert "accepts_signups" in ActivityForm.base_fields


# --- the form on the public pages -----------------------------------------------------------


def test_an_opportunity_that_takes_signups_shows_the_form(client, opportunity):
    response = client.get(opportunity.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert f'action="{signup_url(opportunity)}"' in html
    assert 'name="consent"' in html
    assert opportunity.organisation.name in html


@pytest.mark.parametrize("change", [
    {"accepts_signups": False},
    {"closes_on": datetime.date(2020, 1, 1)},
])
def test_no_form_where_the_organisation_does_not_want_it_or_it_closed(client, opportunity,
                                                                      change):
    for name, value in change.items():
        setattr(opportunity, name, value)
    opportunity.save()
    html = client.get(opportunity.get_absolute_url()).content.decode()
    assert signup_url(opportunity) not in html
    response = sign_up(client, opportunity)
    assert response.status_code == 200
    assert "Aanmelden via deze site kan niet" in response.content.decode()
    assert not Signup.objects.exists()


def test_an_activity_that_takes_signups_shows_the_form_for_its_next_date(client, activity):
    html = client.get(activity.get_absolute_url()).content.decode()
    assert f'action="{signup_url(activity)}"' in html
    assert "Je meldt je aan voor de eerstvolgende keer" in html


def test_an_activity_without_a_next_date_shows_no_form(client, activity):
    Occurrence.objects.filter(activity=activity).delete()
    html = client.get(activity.get_absolute_url()).content.decode()
    assert signup_url(activity) not in html


def test_signing_up_stores_only_what_was_asked_and_says_what_happens_next(client, opportunity):
    response = sign_up(client, opportunity)

    assert response.status_code == 303
    signup = Signup.objects.get()
    assert (signup.opportunity, signup.name, signup.phone, signup.email, signup.message) == (
        opportunity, RESIDENT["name"], RESIDENT["phone"], RESIDENT["email"],
        RESIDENT["message"])
    assert signup.consent_given_at is not None and signup.handled_at is None
    assert signup.delete_after == timezone.localdate() + datetime.timedelta(days=90)
    token = token_of(response)
    assert signup.deletion_token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(Signup.objects.values_list().get())

    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert "Je aanmelding is verstuurd" in html
    assert opportunity.organisation.name in html
    assert reverse("signups:delete", kwargs={"token": token}) in html
    assert f"{signup.delete_after:%Y}" in html  # how long it is kept


def test_signing_up_for_an_activity_remembers_the_date(client, activity):
    response = sign_up(client, activity, email="")
    assert response.status_code == 303
    signup = Signup.objects.get()
    assert signup.activity == activity and signup.opportunity is None
    assert signup.activity_date == timezone.localdate() + datetime.timedelta(days=3)
    assert signup.delete_after == signup.activity_date + datetime.timedelta(days=30)


@pytest.mark.parametrize(("changes", "field"), [
    ({"phone": "", "email": ""}, "phone"),
    ({"consent": ""}, "consent"),
    ({"name": "  "}, "name"),
    ({"phone": "bel me maar", "email": ""}, "phone"),
    ({"email": "samira-at-voorbeeld"}, "email"),
    ({"message": "Ik wil graag meedoen. " * 30}, "message"),  # 660 characters, limit 500
    ({"name": "N" * 101}, "name"),
])
def test_bad_input_gets_a_polite_message_and_keeps_what_was_typed(client, opportunity,
                                                                  changes, field):
    data = form_data(**changes)
    response = client.post(signup_url(opportunity), data)

    assert response.status_code == 200
    assert not Signup.objects.exists()
    form = response.context["signup_form"]
    assert list(form.errors) == [field]
    html = response.content.decode()
    assert "Je aanmelding is nog niet verstuurd" in html
    assert "Wat je al had ingevuld, staat er nog." in html
    assert f'href="#id_{field}"' in html  # the summary leads to the field
    for name in ("name", "phone", "email", "message"):
        if data[name].strip():
            assert form[name].value() == data[name]
    assert data["message"].strip() in html  # the message is there to shorten, not lost


def test_one_way_to_be_reached_is_enough(client, opportunity):
    assert sign_up(client, opportunity, email="").status_code == 303
    assert sign_up(client, opportunity, phone="").status_code == 303
    assert Signup.objects.count() == 2


def test_a_filled_in_honeypot_pretends_success_and_stores_nothing(
        client, opportunity, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client, opportunity, website="https://spam.example")

    assert response.status_code == 200
    assert "Je aanmelding is verstuurd" in response.content.decode()
    assert not Signup.objects.exists()
    assert mail.outbox == []


def test_the_honeypot_is_hidden_from_view_and_labelled(client, opportunity):
    html = client.get(opportunity.get_absolute_url()).content.decode()
    wrapper = re.search(r'<div id="div_id_website" class="([^"]*)"', html)
    assert "portal-visually-hidden" in wrapper[1]
    assert re.search(r'<label[^>]*for="id_website"[^>]*>Laat dit veld leeg', html)
    assert re.search(r'<input[^>]*name="website"[^>]*tabindex="-1"', html)


def test_more_than_five_signups_from_one_address_in_ten_minutes_get_a_polite_429(
        client, opportunity):
    for number in range(RATE_LIMIT):
        assert sign_up(client, opportunity, name=f"Bewoner {number}").status_code == 303

    response = sign_up(client, opportunity, name="Nog een")

    assert response.status_code == 429
    assert "Probeer het over 10 minuten opnieuw" in response.content.decode()
    assert Signup.objects.count() == RATE_LIMIT
    # Another address is not held up.
    other = client.post(signup_url(opportunity), form_data(), REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 303


def test_the_rate_limit_holds_no_ip_address(client, opportunity):
    sign_up(client, opportunity)
    keys = list(cache._cache) if hasattr(cache, "_cache") else []
    assert keys and not any("127.0.0.1" in key for key in keys)


def test_an_oversized_request_is_refused_unread(client, opportunity):
    response = client.post(signup_url(opportunity),
                           form_data(message="x" * (MAX_BODY_BYTES + 1)))
    assert response.status_code == 413
    assert "Je bericht is te lang" in response.content.decode()
    assert not Signup.objects.exists()


def test_an_unknown_or_unpublished_page_has_no_signup(client, opportunity):
    assert client.post("/werk-en-leren/bestaat-niet/aanmelden/", form_data()).status_code == 404
    opportunity.is_published = False
    opportunity.save()
    assert sign_up(client, opportunity).status_code == 404
    assert not Signup.objects.exists()


def test_the_form_also_works_without_the_page_around_it(client, opportunity):
    response = client.get(signup_url(opportunity))
    assert response.status_code == 200
    assert 'name="consent"' in response.content.decode()


# --- the mails ------------------------------------------------------------------------------


@pytest.fixture
def colleagues(organisation):
    """Two active partner accounts of the organisation, one inactive, one without e-mail."""
    active = [partner_user(organisation, email=f"collega{n}@linde.example") for n in (1, 2)]
    partner_user(organisation, email="oud@linde.example", is_active=False)
    partner_user(organisation, email="", username="zonder-email")
    partner_user(OrganisationFactory(), email="elders@elders.example")
    return active


def test_the_resident_gets_a_confirmation_with_the_deletion_link(
        client, opportunity, colleagues, settings, django_capture_on_commit_callbacks):
    settings.SITE_URL = "https://portal.example.nl"
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client, opportunity)

    token = token_of(response)
    to_resident = [message for message in mail.outbox if message.to == [RESIDENT["email"]]]
    assert len(to_resident) == 1
    delete_url = "https://portal.example.nl" + reverse("signups:delete",
                                                       kwargs={"token": token})
    assert delete_url in to_resident[0].body
    assert opportunity.title in to_resident[0].subject
    assert client.get(delete_url.removeprefix("https://portal.example.nl")).status_code == 200


def test_the_confirmation_greets_without_the_name_someone_typed(
        client, opportunity, django_capture_on_commit_callbacks):
    """The name is free text that anyone can type with someone else's address: in the
    greeting it would be a line of the sender's choosing in a mail from the portal."""
    lure = "Uw account is geblokkeerd, bel 0900-1234 of ga naar evil.example"
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, opportunity, name=lure)
    to_resident = [message for message in mail.outbox if message.to == [RESIDENT["email"]]]
    assert len(to_resident) == 1
    body = to_resident[0].body
    assert body.startswith("Hallo,\n")
    assert "geblokkeerd" not in body and "evil.example" not in body
    assert "geblokkeerd" not in to_resident[0].subject


def test_the_organisation_hears_of_it_without_any_personal_data(
        client, opportunity, colleagues, settings, django_capture_on_commit_callbacks):
    settings.SITE_URL = "https://portal.example.nl"
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, opportunity)

    to_organisation = [message for message in mail.outbox if message.to != [RESIDENT["email"]]]
    assert len(to_organisation) == 1
    message = to_organisation[0]
    assert sorted(message.to) == ["collega1@linde.example", "collega2@linde.example"]
    assert f"Er is een nieuwe aanmelding voor {opportunity.title}" in message.body
    assert "https://portal.example.nl/partner/aanmeldingen/" in message.body
    everything = message.subject + message.body + str(message.extra_headers)
    for value in RESIDENT.values():
        assert value not in everything
    for part in RESIDENT["name"].split() + ["98 76", "samira@"]:
        assert part not in everything


def test_without_an_email_address_only_the_organisation_is_mailed(
        client, opportunity, colleagues, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client, opportunity, email="")
    assert [sorted(message.to) for message in mail.outbox] == [
        ["collega1@linde.example", "collega2@linde.example"]]
    page = client.get(response["Location"]).content.decode()
    assert "Je hebt geen e-mailadres ingevuld" in page


def test_mail_goes_out_only_after_the_commit(client, opportunity, colleagues,
                                             django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        sign_up(client, opportunity)
    assert mail.outbox == []
    assert len(callbacks) == 2


# --- the partner area -----------------------------------------------------------------------


@pytest.fixture
def other_signup():
    """A sign-up for another organisation's opportunity."""
    return SignupFactory(name="Iemand Anders", phone="06 00 00 00 01",
                         opportunity=OpportunityFactory(accepts_signups=True))


def test_a_partner_sees_the_signups_of_their_organisations_only(
        partner_client, opportunity, activity, other_signup):
    own = SignupFactory(opportunity=opportunity, **RESIDENT)
    for_activity = SignupFactory(opportunity=None, activity=activity, name="Bewoner Twee")

    response = partner_client.get(reverse("partner:signup_list"))

    assert response.status_code == 200
    assert set(response.context["signups"]) == {own, for_activity}
    html = response.content.decode()
    assert RESIDENT["phone"] in html and RESIDENT["message"] in html
    assert "Iemand Anders" not in html and other_signup.phone not in html


def test_signups_stay_with_the_organisation_the_resident_chose_when_a_page_moves(
        client, partner_client, opportunity, django_capture_on_commit_callbacks):
    """The resident agreed to give their details to that organisation, and no other."""
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, opportunity)
    earlier = Signup.objects.get()
    new_owner = OrganisationFactory(name="Een andere organisatie")
    newcomer = Client()
    newcomer.force_login(partner_user(new_owner, email="nieuw@andere.example"))

    opportunity.organisation = new_owner  # staff move the page
    opportunity.save()

    assert set(partner_client.get(reverse("partner:signup_list")).context["signups"]) == {
        earlier}
    html = newcomer.get(reverse("partner:signup_list")).content.decode()
    assert RESIDENT["name"] not in html and RESIDENT["phone"] not in html
    earlier.refresh_from_db()
    assert earlier.organisation != new_owner
    handled = newcomer.post(reverse("partner:signup_handle", args=[earlier.pk]))
    assert handled.status_code == 404


def test_a_partner_marks_a_signup_handled(partner_client, partner, opportunity):
    signup = SignupFactory(opportunity=opportunity)
    response = partner_client.post(reverse("partner:signup_handle", kwargs={"pk": signup.pk}))
    assert response.status_code == 302
    signup.refresh_from_db()
    assert signup.handled_at is not None and signup.handled_by == partner


def test_another_organisations_signup_is_a_404(partner_client, other_signup):
    address = reverse("partner:signup_handle", kwargs={"pk": other_signup.pk})
    assert partner_client.post(address).status_code == 404
    other_signup.refresh_from_db()
    assert other_signup.handled_at is None
    missing = reverse("partner:signup_handle", kwargs={"pk": other_signup.pk + 1000})
    assert partner_client.post(missing).status_code == 404


def test_handling_is_a_post(partner_client, opportunity):
    signup = SignupFactory(opportunity=opportunity)
    response = partner_client.get(reverse("partner:signup_handle", kwargs={"pk": signup.pk}))
    assert response.status_code == 405


def test_the_signup_list_needs_a_login(client):
    response = client.get(reverse("partner:signup_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_dashboard_says_how_many_signups_wait(partner_client, opportunity, other_signup):
    SignupFactory.create_batch(2, opportunity=opportunity)
    SignupFactory(opportunity=opportunity, handled_at=timezone.now())

    html = partner_client.get(reverse("partner:dashboard")).content.decode()

    assert "Er zijn 2 aanmeldingen die nog niet zijn afgehandeld." in html
    assert f"{reverse('partner:signup_list')}?organisatie={opportunity.organisation.slug}" in html


def test_a_partner_with_several_organisations_can_narrow_the_list(opportunity, client):
    second = OrganisationFactory()
    user = partner_user(opportunity.organisation, second)
    first_signup = SignupFactory(opportunity=opportunity)
    second_signup = SignupFactory(opportunity=OpportunityFactory(organisation=second))
    client.force_login(user)
    address = reverse("partner:signup_list")
    assert set(client.get(address).context["signups"]) == {first_signup, second_signup}
    narrowed = client.get(f"{address}?organisatie={second.slug}").context["signups"]
    assert list(narrowed) == [second_signup]


# --- staff in the admin ---------------------------------------------------------------------


def test_staff_see_counts_but_no_contents(staff_client, opportunity, activity):
    signup = SignupFactory(opportunity=opportunity, **RESIDENT)
    SignupFactory(opportunity=opportunity, handled_at=timezone.now(), name="Tweede Bewoner")
    SignupFactory(opportunity=None, activity=activity, name="Derde Bewoner")

    pages = [
        reverse("admin:signups_signup_changelist"),
        reverse("admin:signups_signup_change", args=[signup.pk]),
        reverse("admin:signups_signup_history", args=[signup.pk]),
        reverse("admin:signups_signup_delete", args=[signup.pk]),
        reverse("admin:work_opportunity_changelist"),
        reverse("admin:locations_activity_changelist"),
    ]
    for address in pages:
        response = staff_client.get(address)
        assert response.status_code == 200, address
        html = response.content.decode()
        for value in [*RESIDENT.values(), "Tweede Bewoner", "Derde Bewoner"]:
            assert value not in html, f"{value!r} on {address}"

    counts = staff_client.get(reverse("admin:work_opportunity_changelist"))
    row = counts.context["cl"].result_list.get(pk=opportunity.pk)
    assert (row.signup_count, row.signups_handled) == (2, 1)
    assert staff_client.get(reverse("admin:signups_signup_add")).status_code == 403
    response = staff_client.post(reverse("admin:signups_signup_change", args=[signup.pk]),
                                 {"name": "Overschreven"})
    assert response.status_code == 403
    signup.refresh_from_db()
    assert signup.name == RESIDENT["name"]


def test_the_admin_cannot_search_signups(staff_client, opportunity):
    SignupFactory(opportunity=opportunity, **RESIDENT)
    response = staff_client.get(reverse("admin:signups_signup_changelist"),
                                {"q": "Samira"})
    assert not response.context["cl"].search_fields


# --- the deletion link ----------------------------------------------------------------------


def test_the_deletion_link_asks_first_and_then_deletes(client, opportunity):
    signup = SignupFactory(opportunity=opportunity, token="een-geheime-code-1234567890")
    address = reverse("signups:delete", kwargs={"token": "een-geheime-code-1234567890"})

    asked = client.get(address)
    assert asked.status_code == 200
    assert "Ja, verwijder mijn aanmelding" in asked.content.decode()
    assert Signup.objects.filter(pk=signup.pk).exists()

    response = client.post(address)
    assert response.status_code == 302
    assert response["Location"] == reverse("signups:deleted")
    assert not Signup.objects.filter(pk=signup.pk).exists()
    assert "Je aanmelding is verwijderd" in client.get(response["Location"]).content.decode()
    # The link no longer works, politely.
    assert client.get(address).status_code == 404


@pytest.mark.parametrize("view", ["delete", "confirmation"])
def test_a_wrong_token_is_a_polite_404(client, opportunity, view):
    SignupFactory(opportunity=opportunity, token="de-goede-code-1234567890")
    address = reverse(f"signups:{view}", kwargs={"token": "een-verkeerde-code-123"})

    response = client.get(address)

    assert response.status_code == 404
    assert "Deze link werkt niet" in response.content.decode()
    assert client.post(address).status_code in (404, 405)
    assert Signup.objects.count() == 1


# --- retention --------------------------------------------------------------------------------


def test_the_daily_command_deletes_signups_past_their_last_day(opportunity):
    today = timezone.localdate()
    expired = SignupFactory(opportunity=opportunity,
                            delete_after=today - datetime.timedelta(days=1))
    last_day = SignupFactory(opportunity=opportunity, delete_after=today)
    later = SignupFactory(opportunity=opportunity,
                          delete_after=today + datetime.timedelta(days=30))
    output = StringIO()

    call_command("delete_expired_signups", stdout=output)

    assert set(Signup.objects.all()) == {last_day, later}
    assert not Signup.objects.filter(pk=expired.pk).exists()
    assert "1 expired sign-ups deleted." in output.getvalue()


def test_a_closing_date_moved_earlier_brings_the_last_day_forward_never_later(opportunity):
    today = timezone.localdate()
    opportunity.closes_on = today + datetime.timedelta(days=60)
    opportunity.save()
    signup = SignupFactory(opportunity=opportunity,
                           delete_after=opportunity_target(opportunity).delete_after)
    other = SignupFactory(opportunity=OpportunityFactory(accepts_signups=True))
    told = signup.delete_after  # the date the resident was given
    assert told == today + datetime.timedelta(days=60 + 30)

    opportunity.closes_on = today + datetime.timedelta(days=10)
    opportunity.save()
    signup.refresh_from_db()
    assert signup.delete_after == today + datetime.timedelta(days=10 + 30)

    opportunity.closes_on = today + datetime.timedelta(days=200)
    opportunity.save()
    signup.refresh_from_db()
    assert signup.delete_after == today + datetime.timedelta(days=10 + 30)
    assert Signup.objects.get(pk=other.pk).delete_after == other.delete_after


def test_signups_go_with_the_page_they_are_for(opportunity):
    SignupFactory(opportunity=opportunity)
    opportunity.delete()
    assert not Signup.objects.exists()


def test_the_privacy_page_states_what_is_kept_why_who_sees_it_and_how_long(client):
    html = client.get(reverse("site:privacy")).content.decode()
    assert 'id="aanmelden"' in html
    for words in ("Wat we bewaren", "Waarom", "Wie het ziet", "Hoe lang", "30 dagen",
                  "90 dagen", "Zelf verwijderen", "Reservekopie"):
        assert words in html
    # What was deleted stays in the nightly backups of the database for 30 days more.
    assert ("elke nacht maken we een reservekopie van de database. Daarin blijven verwijderde "
            "gegevens nog 30 dagen staan") in html
