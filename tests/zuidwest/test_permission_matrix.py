"""The permission matrix: every partner and admin URL against every kind of visitor.

Visitors ("actors"): an anonymous visitor, an admin of another organisation, an editor and an
admin of the organisation that owns the pages, and a superuser who belongs to no organisation.

The URLs are read from the URL resolver: everything under /partner/ (namespaces "partner" and
"accounts") and under /beheer/ (the admin: the site's own pages, each registered ModelAdmin's
changelist/add/change/history/delete and the custom review, preview, history and restore
pages). A URL the matrix below does not describe fails `test_the_matrix_covers_every_partner_
and_admin_url`, so a new page cannot go live untested.

What the code intends (owned_by on each model, zuidwest.partner, alliances.permissions):
- partner pages need a login; an object a partner's organisations do not own is a 404,
  exactly like one that does not exist;
- staff have no partner rights of their own: their partner object pages are a 404 unless they
  are members, but they may invite people to any organisation;
- the admin lets in only (verified) staff; everyone else is sent to the admin login.
"""

import copy
import datetime
import re
from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest
from django.contrib import admin
from django.contrib.admin.utils import quote
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from alliances.models import Invitation, PartnerMembership
from following.models import Follower, Subscription
from funding.models import AllocationRevision, Spending
from ideas.models import Answer, Idea
from initiatives.models import Initiative
from locations.models import Activity, Occurrence, Place
from progress.models import Indicator, IndicatorTarget, Measurement, Output, ReportNarrative
from signups.models import Signup
from tests.factories import (
    ActivityFactory,
    AllianceFactory,
    AllocationFactory,
    IdeaFactory,
    InitiativeFactory,
    InvitationFactory,
    MembershipFactory,
    MilestoneFactory,
    OpeningHoursFactory,
    OpportunityFactory,
    OrganisationFactory,
    PlaceFactory,
    ProgrammeFactory,
    SignupFactory,
    SpearheadFactory,
    StaffUserFactory,
    TOTPDeviceFactory,
    UpdateFactory,
    partner_user,
)
from tests.partner_helpers import KINDS, form_data
from work.models import Opportunity
from zuidwest import review
from zuidwest.images.pending import store_pending
from zuidwest.models import Revision

pytestmark = pytest.mark.django_db

ACTORS = ("anonymous", "other_partner", "owner_editor", "owner_admin", "staff")
PARTNERS = ("other_partner", "owner_editor", "owner_admin")
LOGGED_IN = (*PARTNERS, "staff")

# Outcomes
OK = "200"
LOGIN = "partner login"
ADMIN_LOGIN = "admin login"
NOT_FOUND = "404"
FORBIDDEN = "403"
NOT_ALLOWED = "405"
REDIRECT = "redirect (not to a login page)"
DENIED = {LOGIN, ADMIN_LOGIN, NOT_FOUND, FORBIDDEN, NOT_ALLOWED}

REVIEWED = {"initiative": Initiative, "place": Place, "activity": Activity,
            "opportunity": Opportunity}


@pytest.fixture(autouse=True)
def development_settings(settings):
    """In development staff need no TOTP device."""
    settings.ADMIN_REQUIRE_2FA = False


# ---------------------------------------------------------------------------------------------
# The world every cell of the matrix runs in
# ---------------------------------------------------------------------------------------------


def _approved_then_draft(page, partner, staff):
    """An approved version in the history (for the restore page) and a newer concept (for
    submitting)."""
    page.refresh_from_db()
    draft = review.save_draft(page, review.working_data(page), user=partner,
                              token=review.version_token(page))
    review.submit(draft, user=partner)
    approved = review.approve(draft, staff=staff) or draft
    approved.refresh_from_db()
    page.refresh_from_db()
    data = copy.deepcopy(review.working_data(page))
    data["fields"]["summary" if "summary" in data["fields"] else "description"] = "Nieuw."
    review.save_draft(page, data, user=partner, token=review.version_token(page))
    return approved


def build_world():
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    owner_org = OrganisationFactory(name="Buurtkamer De Linde")
    other_org = OrganisationFactory(name="Stichting Elders")
    w = SimpleNamespace(owner_org=owner_org, other_org=other_org)
    w.actors = {
        "anonymous": None,
        "other_partner": partner_user(other_org, role="admin"),
        "owner_editor": partner_user(owner_org, role="editor"),
        "owner_admin": partner_user(owner_org, role="admin"),
        "staff": StaffUserFactory(),
    }
    editor, staff = w.actors["owner_editor"], w.actors["staff"]

    place = PlaceFactory(managing_organisation=owner_org, name="Buurtkamer De Linde")
    OpeningHoursFactory(place=place)
    w.pages = {
        "initiative": InitiativeFactory(lead_organisation=owner_org),
        "place": place,
        "activity": ActivityFactory(organiser=owner_org, place=place),
        "opportunity": OpportunityFactory(organisation=owner_org, place=place,
                                          accepts_signups=True),
    }
    w.approved = {kind: _approved_then_draft(page, editor, staff)
                  for kind, page in w.pages.items()}
    # A second place whose partner version waits in the review queue.
    w.review_place = PlaceFactory(managing_organisation=owner_org)
    w.review_place.refresh_from_db()
    data = copy.deepcopy(review.working_data(w.review_place))
    data["fields"]["description"] = "Ter beoordeling."
    w.waiting = review.submit(
        review.save_draft(w.review_place, data, user=editor,
                          token=review.version_token(w.review_place)), user=editor)
    # The other organisation's pages, to probe by pk.
    w.other_pages = {
        "initiative": InitiativeFactory(lead_organisation=other_org),
        "place": PlaceFactory(managing_organisation=other_org, is_published=False),
        "activity": ActivityFactory(organiser=other_org),
        "opportunity": OpportunityFactory(organisation=other_org),
    }
    # Sign-ups of residents: one for the owner's opportunity, one for the other organisation's.
    w.signup = SignupFactory(opportunity=w.pages["opportunity"])
    w.other_signup = SignupFactory(
        opportunity=OpportunityFactory(organisation=other_org, accepts_signups=True))
    # Residents' ideas assigned to an alliance the owner organisation is a member of: one to
    # answer, one answered (its answer waits for review).
    alliance = AllianceFactory(name="Alliantie Wonen & Leefomgeving")
    MembershipFactory(organisation=owner_org, alliance=alliance)
    w.idea = IdeaFactory(assigned_to=alliance)
    answered = IdeaFactory(assigned_to=alliance)
    w.answer, draft = review.create_page(
        Answer, {"fields": {"text": "Een antwoord."}, "m2m": {}, "children": {}},
        user=editor, idea=answered, organisation=owner_org, on_behalf_of=alliance)
    review.submit(draft, user=editor)
    w.invitation_token = "matrix-invitation-0123456789abcdefghijklmnopqrstuvwxyz"
    w.invitation = InvitationFactory(organisation=owner_org, invited_by=staff,
                                     token=w.invitation_token)

    # One object of every model the admin shows, for its change/history/delete pages.
    ProgrammeFactory()
    DBTaskResult.objects.create(
        task_path="signups.tasks.delete_expired_signups", args_kwargs={"args": [],
                                                                           "kwargs": {}},
        backend_name="default", run_after=timezone.now(), status="FAILED",
        exception_class_path="builtins.ConnectionRefusedError", traceback="Traceback …")
    Group.objects.create(name="Programmabureau")
    MembershipFactory(organisation=owner_org)
    AllocationFactory(initiative=w.pages["initiative"])
    MilestoneFactory(initiative=w.pages["initiative"])
    UpdateFactory(initiative=w.pages["initiative"])
    allocation = AllocationFactory(initiative=w.pages["initiative"], amount=1000)
    Spending.objects.create(allocation=allocation, amount=10, period_start="2025-01-01",
                            period_end="2025-03-31")
    AllocationRevision.objects.create(allocation=allocation, previous_amount=900,
                                      new_amount=1000, decided_on="2025-06-01", reason="Meer.")
    indicator = Indicator.objects.create(
        spearhead=w.pages["initiative"].spearhead, name="Werkloosheid", slug="werkloosheid",
        explanation="Uitleg.", unit="%", direction="lower", source="Test",
        baseline_value=9, baseline_year=2022)
    # An indicator of the owner's initiative, whose figures its partners report.
    w.indicator = Indicator.objects.create(
        spearhead=w.pages["initiative"].spearhead, initiative=w.pages["initiative"],
        name="Deelnemers", slug="deelnemers", explanation="Uitleg.", unit="%",
        direction="higher", source="Test", baseline_value=10, baseline_year=2024)
    IndicatorTarget.objects.create(indicator=indicator, year=2026, value=8)
    Measurement.objects.create(indicator=indicator, year=2024, value=8.7)
    Output.objects.create(initiative=w.pages["initiative"], kind="deelnemers", year=2025,
                          planned=10, achieved=9)
    ReportNarrative.objects.create(year=2025, spearhead=SpearheadFactory(), text="Terugblik.")
    now = timezone.now()
    Occurrence.objects.create(activity=w.pages["activity"], starts_at=now,
                              ends_at=now + datetime.timedelta(hours=2))
    access = {"user_agent": "test", "ip_address": "127.0.0.1", "username": "x@example.org",
              "http_accept": "*/*", "path_info": "/partner/inloggen/"}
    AccessAttempt.objects.create(get_data="", post_data="", failures_since_start=1, **access)
    AccessLog.objects.create(**access)
    AccessFailureLog.objects.create(**access)
    # A device of someone else: a device of the staff member would demand a code from them.
    w.device = TOTPDeviceFactory(user=w.actors["owner_admin"], confirmed=False)
    # A resident who follows the place by e-mail (following/admin.py: staff see counts, look
    # one address up, never add or change one).
    Subscription.objects.create(
        follower=Follower.objects.create(email="volger@voorbeeld.example"),
        kind="plek", key=place.slug)
    # A photo waiting for staff in a concept version of one of the owner's places.
    photo_place = PlaceFactory(managing_organisation=owner_org)
    w.pending_photo = store_pending(photo_place, Place._meta.get_field("image"),
                                    ContentFile(b"\xff\xd8\xff", name=f"{1:032x}-8x8.jpg"))
    Revision.objects.create(content_type=ContentType.objects.get_for_model(Place),
                            object_id=photo_place.pk, created_by=editor,
                            data={"fields": {"image": w.pending_photo}})
    w.objects = {}
    for model in admin.site._registry:
        special = {Revision: w.waiting, Place: place, Initiative: w.pages["initiative"],
                   Activity: w.pages["activity"], Invitation: w.invitation,
                   Opportunity: w.pages["opportunity"], Signup: w.signup,
                   Idea: w.idea, Answer: w.answer}
        obj = special.get(model) or model._default_manager.order_by("pk").first()
        assert obj is not None, (
            f"the permission matrix needs an object of {model.__name__}: make one in "
            "build_world()")
        w.objects[model] = obj
    return w


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once for the module inside a transaction that is rolled back at its end (as
    TestCase.setUpTestData does); every test runs in a savepoint inside it. Photos that wait
    for staff go to a temporary folder."""
    photos = override_settings(PRIVATE_MEDIA_ROOT=tmp_path_factory.mktemp("private-media"))
    with django_db_blocker.unblock(), photos:
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def world(shared_world, db):
    return copy.deepcopy(shared_world)


def client_for(world, actor, **options):
    client = Client(**options)
    user = world.actors[actor]
    if user is not None:
        client.force_login(user)
    return client


def _row_counts():
    """The number of rows in the table of every model the admin shows, in one query (a count
    per model through the ORM made this the slowest part of each of the matrix's cells)."""
    quote_name = connection.ops.quote_name
    # Not axes' logs: they record every login, also the test's own force_login.
    tables = [model._meta.db_table for model in admin.site._registry
              if model._meta.app_label != "axes"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(
            f"(SELECT COUNT(*) FROM {quote_name(table)})" for table in tables))
        return tuple(cursor.fetchone())


def fingerprint():
    """Everything a forbidden request might change."""
    from django.contrib.auth import get_user_model

    return (
        _row_counts(),
        sorted(Revision.objects.values_list("pk", "state")),
        sorted(Initiative.objects.values_list("pk", "title", "lead_organisation", "is_published")),
        sorted(Place.objects.values_list("pk", "name", "managing_organisation", "is_published")),
        sorted(Activity.objects.values_list("pk", "title", "organiser", "place", "initiative",
                                            "is_published")),
        sorted(Opportunity.objects.values_list("pk", "title", "organisation", "is_published")),
        sorted(Signup.objects.values_list("pk", "handled_at", "handled_by")),
        sorted(Measurement.objects.values_list("pk", "value", "is_approved")),
        sorted(Idea.objects.values_list("pk", "title", "moderation", "status", "email")),
        sorted(Answer.objects.values_list("pk", "text", "is_published", "latest_revision")),
        sorted(Invitation.objects.values_list("pk", "accepted_at", "accepted_by", "expires_at")),
        sorted(PartnerMembership.objects.values_list("user", "organisation", "role")),
        sorted(get_user_model().objects.values_list("pk", "password", "is_active")),
    )


# ---------------------------------------------------------------------------------------------
# The matrix
# ---------------------------------------------------------------------------------------------


@dataclass
class Row:
    """One URL: how to build it, what each actor gets on GET and, where the view changes
    something, on POST. `post_data(world, actor)` gives the body; `effect(world, before)`
    checks that an allowed POST did what it should."""

    url: object
    get: dict
    post: dict = field(default_factory=dict)
    post_data: object = None
    effect: object = None


def every(outcome, **overrides):
    return {actor: overrides.get(actor, outcome) for actor in ACTORS}


def _kind_url(kind, action):
    return lambda w: reverse(f"partner:{kind}_{action}", kwargs={"pk": w.pages[kind].pk})


def _edit_data(kind):
    def data(w, actor):
        owner = Client()
        owner.force_login(w.actors["owner_editor"])
        values = form_data(owner.get(reverse(f"partner:{kind}_edit",
                                             kwargs={"pk": w.pages[kind].pk})))
        title_field = "name" if kind == "place" else "title"
        values[title_field] = f"Aangepast door {actor}"
        return values
    return data


def _new_draft(kind):
    def effect(w, before):
        latest = review.latest_revision(w.pages[kind])
        assert latest.state == Revision.State.DRAFT
        assert latest.data["fields"]["name" if kind == "place" else "title"].startswith(
            "Aangepast door")
    return effect


def _submitted(kind):
    def effect(w, before):
        assert review.latest_revision(w.pages[kind]).state == Revision.State.SUBMITTED
    return effect


def _handled(w, before):
    w.signup.refresh_from_db()
    assert w.signup.handled_at is not None


def _figure_reported(w, before):
    assert Measurement.objects.filter(indicator=w.indicator, is_approved=False).exists()


def _answered(w, before):
    answer = Answer.objects.get(idea=w.idea)
    assert not answer.is_published
    assert review.latest_revision(answer).state == Revision.State.SUBMITTED


def _invited(w, before):
    assert Invitation.objects.filter(email="nieuw@zuidwest.example",
                                     organisation=w.owner_org).exists()


def _withdrawn(w, before):
    assert not Invitation.objects.filter(pk=w.invitation.pk).exists()


def partner_rows():
    rows = {
        "accounts:login": Row(lambda w: reverse("accounts:login"), every(OK)),
        "accounts:logout": Row(lambda w: reverse("accounts:logout"), every(NOT_ALLOWED),
                               post=every(REDIRECT), post_data=lambda w, a: {}),
        "accounts:password_change": Row(
            lambda w: reverse("accounts:password_change"), every(OK, anonymous=LOGIN),
            post=every(OK, anonymous=LOGIN),  # an empty form: errors, nothing changed
            post_data=lambda w, a: {}),
        "accounts:password_change_done": Row(
            lambda w: reverse("accounts:password_change_done"), every(OK, anonymous=LOGIN)),
        "accounts:password_reset": Row(lambda w: reverse("accounts:password_reset"), every(OK)),
        "accounts:password_reset_done": Row(
            lambda w: reverse("accounts:password_reset_done"), every(OK)),
        "accounts:password_reset_confirm": Row(
            lambda w: reverse("accounts:password_reset_confirm",
                              kwargs={"uidb64": "MQ", "token": "set-password"}),
            every(OK)),  # an invalid link: a page saying so
        "accounts:password_reset_complete": Row(
            lambda w: reverse("accounts:password_reset_complete"), every(OK)),
        "accounts:invitation_accept": Row(
            lambda w: reverse("accounts:invitation_accept",
                              kwargs={"token": w.invitation_token}),
            every(OK)),  # the token is the key; logged in with another account: a notice
        "accounts:invite": Row(
            lambda w: reverse("accounts:invite", kwargs={"slug": w.owner_org.slug}),
            every(NOT_FOUND, anonymous=LOGIN, owner_admin=OK, staff=OK),
            post=every(NOT_FOUND, anonymous=LOGIN, owner_admin=REDIRECT, staff=REDIRECT),
            post_data=lambda w, a: {"email": "nieuw@zuidwest.example", "role": "editor"},
            effect=_invited),
        "accounts:invitation_withdraw": Row(
            lambda w: reverse("accounts:invitation_withdraw",
                              kwargs={"slug": w.owner_org.slug, "pk": w.invitation.pk}),
            every(NOT_ALLOWED, anonymous=LOGIN),
            post=every(NOT_FOUND, anonymous=LOGIN, owner_admin=REDIRECT, staff=REDIRECT),
            post_data=lambda w, a: {}, effect=_withdrawn),
        "partner:dashboard": Row(lambda w: reverse("partner:dashboard"),
                                 every(OK, anonymous=LOGIN)),
        # A photo waiting for staff: the owner's people and staff who may view places.
        "partner:pending_photo": Row(
            lambda w: default_storage.url(w.pending_photo),
            every(OK, anonymous=LOGIN, other_partner=NOT_FOUND),
            post=every(NOT_ALLOWED)),
        # Sign-ups: each organisation sees only its own; staff without one see an empty list.
        "partner:signup_list": Row(lambda w: reverse("partner:signup_list"),
                                   every(OK, anonymous=LOGIN)),
        "partner:signup_handle": Row(
            lambda w: reverse("partner:signup_handle", kwargs={"pk": w.signup.pk}),
            every(NOT_ALLOWED, anonymous=LOGIN),
            post=every(NOT_FOUND, anonymous=LOGIN, owner_editor=REDIRECT,
                       owner_admin=REDIRECT),
            post_data=lambda w, a: {}, effect=_handled),
        # Figures of the own initiatives' indicators; another organisation's indicator is a 404.
        "partner:figure_list": Row(lambda w: reverse("partner:figure_list"),
                                   every(OK, anonymous=LOGIN)),
        "partner:figure_report": Row(
            lambda w: reverse("partner:figure_report", kwargs={"pk": w.indicator.pk}),
            every(NOT_ALLOWED, anonymous=LOGIN),
            post=every(NOT_FOUND, anonymous=LOGIN, owner_editor=REDIRECT,
                       owner_admin=REDIRECT),
            post_data=lambda w, a: {f"cijfer-{w.indicator.pk}-year": str(
                timezone.localdate().year), f"cijfer-{w.indicator.pk}-value": "12"},
            effect=_figure_reported),
        # Residents' ideas: partners of the assigned alliance's members answer; the rest 404.
        "partner:idea_list": Row(lambda w: reverse("partner:idea_list"),
                                 every(OK, anonymous=LOGIN)),
        "partner:idea_answer": Row(
            lambda w: reverse("partner:idea_answer", kwargs={"pk": w.idea.pk}),
            every(NOT_FOUND, anonymous=LOGIN, owner_editor=OK, owner_admin=OK),
            post=every(NOT_FOUND, anonymous=LOGIN, owner_editor=REDIRECT,
                       owner_admin=REDIRECT),
            post_data=lambda w, a: {"text": f"Antwoord van {a}."}, effect=_answered),
        # The place form's address search: any logged-in user; without ?q= it asks no one.
        "partner:place_address_search": Row(
            lambda w: reverse("partner:place_address_search"), every(OK, anonymous=LOGIN),
            post=every(NOT_ALLOWED, anonymous=LOGIN), post_data=lambda w, a: {}),
    }
    for kind in KINDS:
        rows[f"partner:{kind}_create"] = Row(
            # Every partner may make a page for their own organisation; staff have none.
            lambda w, kind=kind: reverse(f"partner:{kind}_create"),
            every(OK, anonymous=LOGIN, staff=NOT_FOUND),
            post=every(OK, anonymous=LOGIN, staff=NOT_FOUND),  # empty: errors, nothing saved
            post_data=lambda w, a: {})
        rows[f"partner:{kind}_edit"] = Row(
            _kind_url(kind, "edit"),
            every(NOT_FOUND, anonymous=LOGIN, owner_editor=OK, owner_admin=OK),
            post=every(NOT_FOUND, anonymous=LOGIN, owner_editor=REDIRECT,
                       owner_admin=REDIRECT),
            post_data=_edit_data(kind), effect=_new_draft(kind))
        rows[f"partner:{kind}_preview"] = Row(
            _kind_url(kind, "preview"),
            every(NOT_FOUND, anonymous=LOGIN, owner_editor=OK, owner_admin=OK))
        rows[f"partner:{kind}_submit"] = Row(
            _kind_url(kind, "submit"),
            # POST only, whoever asks (the method is checked before the page is looked up).
            every(NOT_ALLOWED, anonymous=LOGIN),
            post=every(NOT_FOUND, anonymous=LOGIN, owner_editor=REDIRECT,
                       owner_admin=REDIRECT),
            post_data=lambda w, a: {}, effect=_submitted(kind))
    return rows


# --- the admin -------------------------------------------------------------------------------

STANDARD_ADMIN_VIEWS = ("changelist", "add", "change", "history", "delete", "object")


def admin_access(staff_get, staff_post=None):
    """Only staff get in; the rest are sent to the admin login, also when they POST."""
    get = every(ADMIN_LOGIN, staff=staff_get)
    post = every(ADMIN_LOGIN)
    if staff_post is not None:
        post["staff"] = staff_post
    else:
        del post["staff"]
    return get, post


def _admin_url(name, *args):
    return lambda w: reverse(f"admin:{name}", args=[arg(w) for arg in args])


def _approved_now(w, before):
    w.waiting.refresh_from_db()
    assert w.waiting.state == Revision.State.APPROVED


def _rejected_now(w, before):
    w.waiting.refresh_from_db()
    assert w.waiting.state == Revision.State.REJECTED
    assert w.waiting.decision_reason == "Graag een foto erbij."


def _restored(kind):
    def effect(w, before):
        newest_approved = review.revisions_of(w.pages[kind]).filter(
            state=Revision.State.APPROVED).first()
        assert newest_approved.pk != w.approved[kind].pk  # a new version in the history
    return effect


# The standard ModelAdmin pages that refuse even a superuser (403); every other one is a 200.
REFUSED_TO_STAFF = {
    # axes writes its own logs.
    "admin:axes_accessattempt_add",
    "admin:axes_accesslog_add",
    "admin:axes_accessfailurelog_add",
    # There is one programme, and it exists.
    "admin:zuidwest_programme_add",
    # Versions come from partners and staff edits only, and are history: never removed.
    "admin:zuidwest_revision_add",
    "admin:zuidwest_revision_delete",
    # Occurrences are worked out from the activities' rules.
    "admin:locations_occurrence_add",
    # Sign-ups come from residents; staff see counts, not contents, and add none.
    "admin:signups_signup_add",
    # Followers confirm their own address; staff add none.
    "admin:following_follower_add",
    # Allocation revisions record decisions made through the allocation: never added or
    # removed by hand.
    "admin:funding_allocationrevision_add",
    "admin:funding_allocationrevision_delete",
    # Ideas come from residents; answers from partners, published in the review queue.
    "admin:ideas_idea_add",
    "admin:ideas_answer_add",
    # Background tasks are queued by the portal and pruned by the daily job: staff only look.
    "admin:django_tasks_database_dbtaskresult_add",
    "admin:django_tasks_database_dbtaskresult_delete",
}


def admin_rows():
    waiting = lambda w: quote(w.waiting.pk)  # noqa: E731
    rows = {}
    get, post = admin_access(OK)
    rows["admin:index"] = Row(_admin_url("index"), get, post, lambda w, a: {})
    rows["admin:login"] = Row(
        # Staff are sent on to the admin; anyone else gets the form (with a note when logged in).
        _admin_url("login"), every(OK, staff=REDIRECT),
        post=every(OK, staff=OK), post_data=lambda w, a: {})
    # Logging out is POST only; admin_view sends non-staff on to the index (and so to the login).
    rows["admin:logout"] = Row(_admin_url("logout"), every(REDIRECT, staff=NOT_ALLOWED),
                               post=every(REDIRECT), post_data=lambda w, a: {})
    for name in ("password_change", "password_change_done", "jsi18n"):
        get, post = admin_access(OK)
        rows[f"admin:{name}"] = Row(_admin_url(name), get, post, lambda w, a: {})
    get, post = admin_access(OK)
    rows["admin:autocomplete"] = Row(
        lambda w: reverse("admin:autocomplete") + "?app_label=locations&model_name=activity"
        "&field_name=place&term=linde", get, post, lambda w, a: {})
    get, post = admin_access(REDIRECT)  # to the page on the site
    rows["admin:view_on_site"] = Row(
        lambda w: reverse("admin:view_on_site", args=[
            ContentType.objects.get_for_model(Place).pk, w.pages["place"].pk]),
        get, post, lambda w, a: {})
    get, post = admin_access(OK)
    rows["admin:app_list"] = Row(lambda w: reverse("admin:app_list", args=["zuidwest"]),
                                 get, post, lambda w, a: {})
    get, post = admin_access(NOT_FOUND)
    rows["admin:catch_all"] = Row(lambda w: "/beheer/bestaat-niet/", get, post,
                                  lambda w, a: {})

    # Each registered ModelAdmin's own pages.
    for model in admin.site._registry:
        prefix = f"{model._meta.app_label}_{model._meta.model_name}"
        obj = lambda w, model=model: quote(w.objects[model].pk)  # noqa: E731
        for view in STANDARD_ADMIN_VIEWS:
            if view == "object":
                staff_gets = REDIRECT
            elif f"admin:{prefix}_{view}" in REFUSED_TO_STAFF:
                staff_gets = FORBIDDEN
            else:
                staff_gets = OK
            get, post = admin_access(staff_gets)
            if view == "object":
                url = lambda w, prefix=prefix, obj=obj: reverse(  # noqa: E731
                    f"admin:{prefix}_change", args=[obj(w)]).removesuffix("change/")
            elif view in ("changelist", "add"):
                url = _admin_url(f"{prefix}_{view}")
            else:
                url = _admin_url(f"{prefix}_{view}", obj)
            rows[f"admin:{prefix}_{view}"] = Row(url, get, post, lambda w, a: {})

    # The review queue's own pages (zuidwest.review.admin.RevisionAdmin). The review page is the
    # change page and answers GET only.
    rows["admin:zuidwest_revision_change"].post["staff"] = NOT_ALLOWED
    rows["admin:zuidwest_revision_change"].post_data = lambda w, a: {"reason": "x"}
    get, post = admin_access(NOT_ALLOWED, staff_post=REDIRECT)
    rows["admin:zuidwest_revision_approve"] = Row(
        _admin_url("zuidwest_revision_approve", waiting), get, post, lambda w, a: {},
        _approved_now)
    get, post = admin_access(NOT_ALLOWED, staff_post=REDIRECT)
    rows["admin:zuidwest_revision_reject"] = Row(
        _admin_url("zuidwest_revision_reject", waiting), get, post,
        lambda w, a: {"reason": "Graag een foto erbij."}, _rejected_now)
    get, post = admin_access(OK, staff_post=NOT_ALLOWED)
    rows["admin:zuidwest_revision_preview"] = Row(
        _admin_url("zuidwest_revision_preview", waiting), get, post, lambda w, a: {})

    # History and restore on the reviewed pages (zuidwest.review.page_admin.ReviewedPageAdmin).
    for kind, model in REVIEWED.items():
        prefix = f"{model._meta.app_label}_{model._meta.model_name}"
        page = lambda w, kind=kind: quote(w.pages[kind].pk)  # noqa: E731
        get, post = admin_access(OK)
        rows[f"admin:{prefix}_versions"] = Row(_admin_url(f"{prefix}_versions", page), get,
                                               post, lambda w, a: {})
        get, post = admin_access(OK, staff_post=REDIRECT)
        rows[f"admin:{prefix}_restore"] = Row(
            _admin_url(f"{prefix}_restore", page,
                       lambda w, kind=kind: w.approved[kind].pk),
            get, post, lambda w, a: {}, _restored(kind))

    # The yearly report: a download page (GET form).
    get, post = admin_access(OK)
    rows["admin:progress_annual_report"] = Row(_admin_url("progress_annual_report"),
                                               get, post, lambda w, a: {})

    # Addresses from before funding, progress, work and sign-ups left initiatives: a redirect
    # for everyone, to the new address, which guards itself.
    rows["moved_admin:page"] = Row(lambda w: "/beheer/initiatives/signup/", every("301"))

    # Pages other apps add.
    get, post = admin_access(OK)
    rows["admin:auth_user_password_change"] = Row(
        _admin_url("auth_user_password_change", lambda w: w.actors["owner_editor"].pk),
        get, post, lambda w, a: {})
    for name in ("otp_totp_totpdevice_config", "otp_totp_totpdevice_qrcode"):
        get, post = admin_access(OK)
        rows[f"admin:{name}"] = Row(_admin_url(name, lambda w: w.device.pk), get, post,
                                    lambda w, a: {})
    return rows


MATRIX = {**partner_rows(), **admin_rows()}


# ---------------------------------------------------------------------------------------------
# Checking one cell
# ---------------------------------------------------------------------------------------------


def assert_outcome(response, expected, address):
    status = response.status_code
    location = response.get("Location", "")
    said = f"got {status} {location}".strip()
    if expected == OK:
        assert status == 200, said
    elif expected == LOGIN:
        assert status == 302 and location.startswith(reverse("accounts:login") + "?next="), said
    elif expected == ADMIN_LOGIN:
        assert status == 302 and location.startswith(reverse("admin:login") + "?next="), said
    elif expected == REDIRECT:
        assert status == 302, said
        assert not location.startswith((reverse("accounts:login"), reverse("admin:login"))), said
    else:
        assert status == int(expected), said


def _cells(method):
    for name, row in MATRIX.items():
        expectations = row.get if method == "GET" else row.post
        for actor, expected in expectations.items():
            yield pytest.param(name, actor, expected, id=f"{name}|{actor}|{method}")


@pytest.mark.parametrize(("name", "actor", "expected"), list(_cells("GET")))
def test_get(world, name, actor, expected):
    row = MATRIX[name]
    address = row.url(world)
    before = fingerprint()
    response = client_for(world, actor).get(address)
    assert_outcome(response, expected, address)
    assert fingerprint() == before, f"GET {address} changed something"


@pytest.mark.parametrize(("name", "actor", "expected"), list(_cells("POST")))
def test_post(world, name, actor, expected):
    row = MATRIX[name]
    address = row.url(world)
    data = row.post_data(world, actor) if row.post_data else {}
    before = fingerprint()
    response = client_for(world, actor).post(address, data)
    assert_outcome(response, expected, address)
    if expected in DENIED:
        assert fingerprint() == before, f"a refused POST to {address} changed something"
    elif row.effect is not None:
        row.effect(world, before)


def _csrf_cells():
    for name in MATRIX:
        # Staff in the admin, partners and visitors elsewhere: whoever might get through.
        actors = ["staff"] if name.startswith("admin:") else ["anonymous", "owner_admin"]
        for actor in actors:
            yield pytest.param(name, actor, id=f"{name}|{actor}|POST without CSRF token")


@pytest.mark.parametrize(("name", "actor"), list(_csrf_cells()))
def test_no_post_without_a_csrf_token_succeeds(world, name, actor):
    row = MATRIX[name]
    address = row.url(world)
    data = row.post_data(world, actor) if row.post_data else {}
    before = fingerprint()
    response = client_for(world, actor, enforce_csrf_checks=True).post(address, data)
    assert response.status_code == 403, f"POST {address} without a token: {response.status_code}"
    assert fingerprint() == before


# ---------------------------------------------------------------------------------------------
# No URL without a row in the matrix
# ---------------------------------------------------------------------------------------------


def _walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), namespace, pattern.name


def guarded_urls():
    """{matrix key: route} for every URL under /partner/ and /beheer/ and every URL in the
    partner, accounts and admin namespaces."""
    found = {}
    for route, namespace, name in _walk(get_resolver().url_patterns):
        route = route.lstrip("^")
        if not (route.startswith(("partner/", "beheer/"))
                or namespace in ("partner", "accounts", "admin")):
            continue
        if name:
            key = f"{namespace}:{name}"
        elif route.endswith("(?P<url>.*)$"):
            key = "admin:catch_all"
        elif match := re.fullmatch(r"beheer/(\w+)/(\w+)/<path:object_id>/", route):
            key = f"admin:{match[1]}_{match[2]}_object"
        else:
            key = f"(unnamed) {route}"
        found[key] = route
    return found


def test_the_matrix_covers_every_partner_and_admin_url():
    found = guarded_urls()
    missing = sorted(f"{key}  ({route})" for key, route in found.items() if key not in MATRIX)
    assert not missing, (
        "These partner/admin URLs are not in the permission matrix; add a Row for each to "
        "tests/zuidwest/test_permission_matrix.py:\n" + "\n".join(missing))
    stale = sorted(set(MATRIX) - set(found))
    assert not stale, f"The matrix describes URLs that no longer exist: {stale}"


def test_the_matrix_is_big_enough_to_mean_something():
    cells = sum(len(row.get) + len(row.post) for row in MATRIX.values())
    assert len(MATRIX) > 100 and cells > 900


# ---------------------------------------------------------------------------------------------
# Guessing pks, forms that point elsewhere, staff who are members
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_a_partner_cannot_reach_other_organisations_pages_by_changing_the_pk(world, kind):
    model = REVIEWED[kind]
    client = client_for(world, "other_partner")
    own = set(model.objects.owned_by([world.other_org]).values_list("pk", flat=True))
    highest = model.objects.order_by("-pk").values_list("pk", flat=True).first()
    before = fingerprint()
    reached = set()
    for pk in range(1, highest + 4):
        for action in ("edit", "preview"):
            status = client.get(reverse(f"partner:{kind}_{action}", kwargs={"pk": pk}))
            if status.status_code == 200:
                reached.add(pk)
            else:
                assert status.status_code == 404, f"{kind} {action} pk={pk}: {status}"
        if pk not in own:
            response = client.post(reverse(f"partner:{kind}_submit", kwargs={"pk": pk}))
            assert response.status_code == 404, f"{kind} submit pk={pk}"
            response = client.post(reverse(f"partner:{kind}_edit", kwargs={"pk": pk}),
                                   {"title": "Overgenomen", "name": "Overgenomen"})
            assert response.status_code == 404, f"{kind} edit POST pk={pk}"
    assert reached == own
    assert fingerprint() == before


def _activity_form(world, client, **changes):
    activity = world.pages["activity"]
    address = reverse("partner:activity_edit", kwargs={"pk": activity.pk})
    data = form_data(client.get(address))
    data.update(changes)
    return address, data


def test_an_activity_cannot_be_moved_to_another_organisations_unpublished_place(world):
    client = client_for(world, "owner_editor")
    foreign = world.other_pages["place"]
    assert not foreign.is_published
    address, data = _activity_form(world, client, place=str(foreign.pk))
    before = fingerprint()
    response = client.post(address, data)
    assert response.status_code == 200
    assert "place" in response.context["form"].errors
    assert fingerprint() == before


def test_an_activity_cannot_be_linked_to_another_organisations_initiative(world):
    client = client_for(world, "owner_editor")
    address, data = _activity_form(world, client,
                                   initiative=str(world.other_pages["initiative"].pk))
    before = fingerprint()
    response = client.post(address, data)
    assert response.status_code == 200
    assert "initiative" in response.context["form"].errors
    assert fingerprint() == before


def test_an_initiative_cannot_link_another_organisations_unpublished_place(world):
    client = client_for(world, "owner_editor")
    initiative = world.pages["initiative"]
    address = reverse("partner:initiative_edit", kwargs={"pk": initiative.pk})
    data = form_data(client.get(address))
    data["places"] = [str(world.other_pages["place"].pk)]
    before = fingerprint()
    response = client.post(address, data)
    assert response.status_code == 200
    assert "places" in response.context["form"].errors
    assert fingerprint() == before


@pytest.mark.parametrize(("kind", "owner_field"), [
    ("initiative", "lead_organisation"), ("place", "managing_organisation"),
    ("activity", "organiser"), ("opportunity", "organisation")])
def test_the_owner_of_a_page_cannot_be_changed_through_the_form(world, kind, owner_field):
    """The owning organisation is no form field: a posted value is ignored, also once staff
    approve the version."""
    client = client_for(world, "owner_editor")
    page = world.pages[kind]
    address = reverse(f"partner:{kind}_edit", kwargs={"pk": page.pk})
    data = form_data(client.get(address))
    data[owner_field] = str(world.other_org.pk)
    data["indienen"] = "1"
    assert client.post(address, data).status_code == 302
    revision = review.latest_revision(page)
    assert owner_field not in revision.data["fields"]
    review.approve(revision, staff=world.actors["staff"])
    page.refresh_from_db()
    assert getattr(page, owner_field) == world.owner_org


@pytest.mark.parametrize("kind", KINDS)
def test_a_new_page_cannot_be_made_for_another_organisation(world, kind):
    """With several organisations the form asks which one, offering only the own ones."""
    user = world.actors["owner_editor"]
    PartnerMembership.objects.create(user=user, organisation=OrganisationFactory(),
                                     role="editor")
    client = client_for(world, "owner_editor")
    before = fingerprint()
    response = client.post(reverse(f"partner:{kind}_create"),
                           {"organisation": str(world.other_org.pk)})
    assert response.status_code == 200
    assert "organisation" in response.context["form"].errors
    assert fingerprint() == before


def test_an_invitation_cannot_be_sent_for_an_organisation_one_only_edits(world):
    client = client_for(world, "owner_editor")
    before = fingerprint()
    for organisation in (world.owner_org, world.other_org):
        response = client.post(reverse("accounts:invite", kwargs={"slug": organisation.slug}),
                               {"email": "nieuw@zuidwest.example", "role": "admin"})
        assert response.status_code == 404
    assert fingerprint() == before


def test_staff_who_are_members_edit_like_any_member(world):
    staff = world.actors["staff"]
    PartnerMembership.objects.create(user=staff, organisation=world.owner_org, role="editor")
    client = client_for(world, "staff")
    for kind in KINDS:
        for action in ("edit", "preview"):
            response = client.get(reverse(f"partner:{kind}_{action}",
                                          kwargs={"pk": world.pages[kind].pk}))
            assert response.status_code == 200, f"{kind} {action}"
        response = client.get(reverse(f"partner:{kind}_edit",
                                      kwargs={"pk": world.other_pages[kind].pk}))
        assert response.status_code == 404


def test_an_inactive_partner_has_no_access(world):
    user = world.actors["owner_admin"]
    user.is_active = False
    user.save()
    client = Client()
    client.force_login(user)
    # The session no longer finds the account (ModelBackend refuses inactive users), so the
    # visitor counts as anonymous: sent to the login page, like anyone not logged in.
    address = reverse("partner:place_edit", kwargs={"pk": world.pages["place"].pk})
    assert_outcome(client.get(address), LOGIN, address)
    address = reverse("accounts:invite", kwargs={"slug": world.owner_org.slug})
    assert_outcome(client.get(address), LOGIN, address)


def test_an_unverified_staff_member_with_a_device_gets_no_admin_and_no_staff_invites(world):
    """With a TOTP device a staff member must enter a code first: a session without one
    counts as no staff at all, in the admin and for inviting."""
    staff = world.actors["staff"]
    TOTPDeviceFactory(user=staff)
    client = client_for(world, "staff")
    response = client.get(reverse("admin:zuidwest_revision_changelist"))
    assert_outcome(response, ADMIN_LOGIN, "changelist")
    response = client.get(reverse("accounts:invite", kwargs={"slug": world.owner_org.slug}))
    assert response.status_code == 404
    before = fingerprint()
    response = client.post(reverse("admin:zuidwest_revision_approve", args=[world.waiting.pk]))
    assert_outcome(response, ADMIN_LOGIN, "approve")
    assert fingerprint() == before


# ---------------------------------------------------------------------------------------------
# The public API (/api/v1/): the same for every visitor, and only published pages
# ---------------------------------------------------------------------------------------------

API_REVIEWED = {"initiative_list": (Initiative, Initiative.objects.published()),
                "place_list": (Place, Place.objects.published()),
                "activity_list": (Activity, Activity.objects.published()),
                "opportunity_list": (Opportunity, Opportunity.objects.published()),
                # The programme's own and those of published initiatives.
                "indicator_list": (Indicator, Indicator.objects.exclude(
                    initiative__is_published=False))}


@pytest.mark.parametrize("actor", ACTORS)
def test_the_api_shows_everyone_the_same_published_pages_and_nothing_else(world, actor):
    from django.core.cache import cache

    cache.clear()  # the API's rate limit counts per address in the cache
    # Besides the other organisation's unpublished place: one of every other kind.
    hidden = InitiativeFactory(lead_organisation=world.other_org, is_published=False)
    ActivityFactory(organiser=world.other_org, is_published=False)
    OpportunityFactory(organisation=world.other_org, is_published=False)
    Indicator.objects.create(
        spearhead=hidden.spearhead, initiative=hidden, name="Verborgen", slug="verborgen",
        explanation="Uitleg.", unit="%", direction="higher", source="Test", baseline_value=1,
        baseline_year=2024)
    # A figure the owner's partner reported, waiting for approval: in no API response.
    Measurement.objects.create(indicator=world.indicator, year=2025, value="77.77",
                               is_approved=False, reported_by=world.actors["owner_editor"])
    client = client_for(world, actor)
    anonymous = Client()
    before = fingerprint()
    for name, (model, published) in API_REVIEWED.items():
        unpublished = model.objects.exclude(pk__in=published.values("pk"))
        assert unpublished.exists()
        address = reverse(f"api:{name}") + "?pageSize=200"
        if name == "opportunity_list":
            address += "&open=false"
        response = client.get(address)
        assert response.status_code == 200
        assert response.content == anonymous.get(address).content
        shown = {item["slug"] for item in response.json()["results"]}
        assert shown == set(published.values_list("slug", flat=True))
        assert b"77.77" not in response.content and b"reportedBy" not in response.content
        for hidden in unpublished:
            detail = reverse(f"api:{name.replace('_list', '_detail')}",
                             kwargs={"slug": hidden.slug})
            assert client.get(detail).status_code == 404, detail
    assert fingerprint() == before
