"""factory-boy factories for every model, with unique names and slugs and valid Dutch data.

Amounts are Decimal euros, postcodes are valid Dutch postcodes in Zuidwest and coordinates lie
inside Den Haag, so every factory object passes full_clean().
"""

import datetime
from decimal import Decimal

import factory
from django.utils.text import slugify

from alliances.models import Alliance, Membership, Organisation
from funding.models import Allocation, FundingSource
from initiatives.models import Initiative, Milestone, Spearhead, Update
from locations.models import Neighbourhood, Place
from zuidwest.models import Programme

# Well-formed postcodes in Den Haag's 253x and 254x areas (Escamp).
ZUIDWEST_POSTCODES = ["2541 CE", "2542 BK", "2543 AR", "2544 VP", "2545 AM", "2533 GN", "2532 AB"]


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    name = "Regio Deal Den Haag Zuidwest II"
    short_name = "Regio Deal Zuidwest"
    tranche = 4
    district = "Escamp"
    area_hectares = 730
    summary = "Samen werken aan een sterk Zuidwest."
    challenge = "Meer ontmoeting en meer werk in de wijk."
    ambition = "Iedereen in Zuidwest doet mee."


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    kind = Organisation.Kind.COMMUNITY
    description = "Een organisatie in Zuidwest."


class AllianceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Alliance

    name = factory.Sequence(lambda n: f"Alliantie {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    kind = Alliance.Kind.ALLIANCE
    summary = "Partners die samen optrekken."
    position = factory.Sequence(lambda n: n)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organisation = factory.SubFactory(OrganisationFactory)
    alliance = factory.SubFactory(AllianceFactory)
    role = Membership.Role.MEMBER


class SpearheadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Spearhead

    number = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"Speerpunt {n + 1}")
    short_name = factory.Sequence(lambda n: f"Speerpunt {n + 1}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    summary = "Waar het programma aan werkt."


class NeighbourhoodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Neighbourhood

    name = factory.Sequence(lambda n: f"Wijk {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    position = factory.Sequence(lambda n: n)


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place

    name = factory.Sequence(lambda n: f"Buurtkamer {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    kind = Place.Kind.NEIGHBOURHOOD_ROOM
    neighbourhood = factory.SubFactory(NeighbourhoodFactory)
    street = "Dedemsvaartweg"
    house_number = factory.Sequence(lambda n: str(n + 1))
    postcode = factory.Iterator(ZUIDWEST_POSTCODES)
    city = "Den Haag"
    # Around Moerwijk and Morgenstond, well inside the municipality.
    latitude = factory.Sequence(lambda n: Decimal("52.040000") + Decimal(n % 100) / 10000)
    longitude = factory.Sequence(lambda n: Decimal("4.260000") + Decimal(n % 100) / 10000)


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Initiatief {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    kind = Initiative.Kind.NEIGHBOURHOOD_ROOM
    spearhead = factory.SubFactory(SpearheadFactory)
    alliance = factory.SubFactory(AllianceFactory)
    lead_organisation = factory.SubFactory(OrganisationFactory)
    status = Initiative.Status.RUNNING
    start_date = datetime.date(2025, 1, 1)
    summary = "Een plek waar buren elkaar ontmoeten."

    @factory.post_generation
    def neighbourhoods(self, create, extracted, **kwargs):
        if create and extracted:
            self.neighbourhoods.add(*extracted)


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    initiative = factory.SubFactory(InitiativeFactory)
    title = factory.Sequence(lambda n: f"Mijlpaal {n}")
    planned_for = datetime.date(2026, 6, 1)


class UpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Update

    initiative = factory.SubFactory(InitiativeFactory)
    title = factory.Sequence(lambda n: f"Nieuws {n}")
    published_on = datetime.date(2026, 1, 15)
    body = "Er is nieuws uit de wijk."


class FundingSourceFactory(factory.django.DjangoModelFactory):
    """`kind` is unique and has two values: one test can hold at most one source of each."""

    class Meta:
        model = FundingSource

    name = factory.Sequence(lambda n: f"Geldbron {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    kind = factory.Iterator(FundingSource.Kind.values)
    amount = Decimal("1000000.00")


class AllocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Allocation

    initiative = factory.SubFactory(InitiativeFactory)
    source = factory.SubFactory(FundingSourceFactory)
    amount = Decimal("10000.00")
    year = 2025
    decision_date = datetime.date(2025, 3, 1)
    reference = factory.Sequence(lambda n: f"RDZW-2025-{n:04d}")


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "locations.Activity"  # a string: appended without touching the imports above

    title = factory.Sequence(lambda n: f"Activiteit {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    place = factory.SubFactory(PlaceFactory)
    summary = "Samen iets doen in de buurt."
    start_date = datetime.date(2026, 1, 5)
    start_time = datetime.time(10, 0)
    end_time = datetime.time(12, 0)


class OpeningHoursFactory(factory.django.DjangoModelFactory):
    """Open on Monday from 09:00 to 17:00, without an end date."""

    class Meta:
        model = "locations.OpeningHours"

    place = factory.SubFactory(PlaceFactory)
    weekday = 0
    opens = datetime.time(9, 0)
    closes = datetime.time(17, 0)


class SpecialHoursFactory(factory.django.DjangoModelFactory):
    """Closed for one day (Tweede Kerstdag 2026)."""

    class Meta:
        model = "locations.SpecialHours"

    place = factory.SubFactory(PlaceFactory)
    start_date = datetime.date(2026, 12, 26)
    end_date = factory.LazyAttribute(lambda o: o.start_date)
    is_closed = True
    reason = "Tweede Kerstdag"


class ActivityCancellationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "locations.ActivityCancellation"

    activity = factory.SubFactory(ActivityFactory)
    date = datetime.date(2026, 1, 12)
    reason = "De ruimte is dicht."


# Partner accounts (alliances.PartnerMembership, alliances.Invitation). Imports are local to
# this block so appending needs no change above.
PARTNER_PASSWORD = "stoep-krijt-lantaarn-42"


class PartnerUserFactory(factory.django.DjangoModelFactory):
    """A partner account as invitations make them: the e-mail address is the username."""

    class Meta:
        model = "auth.User"
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"partner{n}@zuidwest.example")
    username = factory.LazyAttribute(lambda o: o.email)
    first_name = "Fatima"
    last_name = factory.Sequence(lambda n: f"de Vries {n}")
    password = factory.django.Password(PARTNER_PASSWORD)


class StaffUserFactory(PartnerUserFactory):
    username = factory.Sequence(lambda n: f"medewerker{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@zuidwest.example")
    is_staff = True
    is_superuser = True


class PartnerMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "alliances.PartnerMembership"

    user = factory.SubFactory(PartnerUserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = "editor"


class InvitationFactory(factory.django.DjangoModelFactory):
    """An open invitation; `token` (not stored) is the code from the e-mail."""

    class Meta:
        model = "alliances.Invitation"
        exclude = ["token"]

    token = factory.Sequence(lambda n: f"test-token-{n}-abcdefghijklmnopqrstuvwxyz0123456789")
    email = factory.Sequence(lambda n: f"genodigde{n}@zuidwest.example")
    organisation = factory.SubFactory(OrganisationFactory)
    role = "editor"
    token_hash = factory.LazyAttribute(lambda o: _sha256_hex(o.token))
    invited_by = factory.SubFactory(StaffUserFactory)
    expires_at = factory.LazyFunction(lambda: _now() + datetime.timedelta(days=7))


def _sha256_hex(text):
    import hashlib

    return hashlib.sha256(text.encode()).hexdigest()


def _now():
    from django.utils import timezone

    return timezone.now()


def partner_user(*organisations, role="editor", **user_fields):
    """A partner account belonging to `organisations` (a new one when none is given)."""
    user = PartnerUserFactory(**user_fields)
    for organisation in organisations or (OrganisationFactory(),):
        PartnerMembershipFactory(user=user, organisation=organisation, role=role)
    return user


class TOTPDeviceFactory(factory.django.DjangoModelFactory):
    """A staff member's authenticator app (django-otp TOTP), confirmed: the admin asks for its
    code. `confirmed=False` is a device still being set up."""

    class Meta:
        model = "otp_totp.TOTPDevice"

    user = factory.SubFactory(StaffUserFactory)
    name = "telefoon"
    confirmed = True


class OpportunityFactory(factory.django.DjangoModelFactory):
    """A paid leerwerkplek of 24 hours a week for 18 to 27, at a place, open until withdrawn."""

    class Meta:
        model = "work.Opportunity"

    title = factory.Sequence(lambda n: f"Leerwerkplek {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    kind = "leerwerkplek"
    organisation = factory.SubFactory(OrganisationFactory)
    summary = "Leer een vak en verdien geld."
    place = factory.SubFactory(PlaceFactory)
    age_from = 18
    age_to = 27
    no_diploma_needed = True
    hours_per_week = 24
    pay = "betaald"
    how_to_apply = "Bel ons.\nKom een ochtend meedraaien."
    contact_phone = "070 000 0000"


class SignupFactory(factory.django.DjangoModelFactory):
    """A resident's sign-up for an opportunity that takes them, reachable by phone and e-mail.
    `token` (not stored) is the code of the deletion link. For an activity pass
    opportunity=None, activity=..."""

    class Meta:
        model = "signups.Signup"
        exclude = ["token"]

    token = factory.Sequence(lambda n: f"signup-token-{n}-abcdefghijklmnopqrstuvwxyz0123456789")
    opportunity = factory.SubFactory(OpportunityFactory, accepts_signups=True)
    organisation = factory.LazyAttribute(
        lambda o: o.opportunity.organisation if o.opportunity
        else getattr(o.activity, "organiser", None))
    name = "Voorbeeld Bewoner"
    phone = "06 12 34 56 78"
    email = factory.Sequence(lambda n: f"bewoner{n}@voorbeeld.example")
    consent_given_at = factory.LazyFunction(_now)
    deletion_token_hash = factory.LazyAttribute(lambda o: _sha256_hex(o.token))
    delete_after = factory.LazyFunction(lambda: _now().date() + datetime.timedelta(days=90))


class IndicatorFactory(factory.django.DjangoModelFactory):
    """A programme-level indicator (pass initiative=... and its spearhead for one of an
    initiative), higher is better, without targets or measurements."""

    class Meta:
        model = "progress.Indicator"

    spearhead = factory.SubFactory(SpearheadFactory)
    name = factory.Sequence(lambda n: f"Jongeren met werk {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    explanation = "Hoeveel jongeren werk hebben."
    unit = "%"
    direction = "higher"
    source = "CBS"
    baseline_value = Decimal("40.00")
    baseline_year = 2022


class IdeaFactory(factory.django.DjangoModelFactory):
    """A resident's idea that moderation let through ('in behandeling'); `email` is the
    submitter's address for updates."""

    class Meta:
        model = "ideas.Idea"

    title = factory.Sequence(lambda n: f"Meer bankjes op plein {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    body = "Oudere bewoners kunnen nergens even zitten."
    neighbourhood = factory.SubFactory(NeighbourhoodFactory)
    email = factory.Sequence(lambda n: f"bewoner{n}@voorbeeld.nl")
    moderation = "approved"
    status = "in_progress"
