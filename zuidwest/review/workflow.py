"""The review workflow: a version goes concept -> ter beoordeling -> goedgekeurd (its snapshot
is then written to the page's row and the page is published) or afgewezen (with a reason).
Approved versions are the page's history; staff can restore one. Staff edits in the admin are
recorded as approved versions, and close any partner version that waited, since it was based
on the old page.

Every function that changes a page takes a row lock on it first, so two people acting at the
same moment are served one after the other. Each new version becomes the page's
`latest_revision` in the same transaction.
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import localize
from django.utils.translation import gettext as _

from . import notifications
from .comparison import compare
from .models import Revision
from .snapshots import apply, snapshot
from .specs import spec_for


class EditConflict(Exception):
    """Someone else saved the page after this person opened it."""

    def __init__(self, current_data, changes):
        super().__init__("edit conflict")
        self.current_data = current_data
        self.changes = changes


class ReviewError(ValidationError):
    pass


def revisions_of(page):
    return Revision.objects.for_object(page)


def approved_versions(page):
    """The page's history: its approved versions, newest first."""
    return revisions_of(page).filter(state=Revision.State.APPROVED).select_related(
        "created_by", "decided_by")


def waiting_revision(page):
    """The version of the page that waits for review, if any."""
    return revisions_of(page).filter(state=Revision.State.SUBMITTED).first()


def latest_revision(page):
    """The newest version of a page as its row says now (for a page object that may be older
    than the last change; a fresh one has it as `page.latest_revision`)."""
    if page.pk is None:
        return None
    newest = type(page).objects.filter(pk=page.pk).values("latest_revision")
    return Revision.objects.filter(pk__in=newest).select_related(
        "created_by", "decided_by").first()


def working_data(page):
    """What the editor starts from: the latest version, approved or not."""
    latest = latest_revision(page)
    return latest.data if latest else snapshot(page)


def _token(latest_revision_id, updated_at):
    stamp = int(updated_at.timestamp() * 1_000_000) if updated_at else 0
    return f"{latest_revision_id or 0}-{stamp}"


def version_token(page):
    """Changes whenever the page or its versions change; the edit form carries it along. Read
    from the database, so an older page object gives the current token."""
    if page.pk is None:
        return ""
    row = type(page).objects.filter(pk=page.pk).values("latest_revision", "updated_at").get()
    return _token(row["latest_revision"], row["updated_at"])


def _locked(page):
    return type(page).objects.select_for_update().get(pk=page.pk)


def _new_revision(page, **values):
    revision = Revision.objects.create(
        content_type=ContentType.objects.get_for_model(page), object_id=page.pk,
        based_on=page.latest_revision, **values,
    )
    # update(), not save(): the page's content did not change, so no signals, no new stamp.
    type(page).objects.filter(pk=page.pk).update(latest_revision=revision)
    page.latest_revision = revision
    return revision


@transaction.atomic
def save_draft(page, data, *, user, token):
    """Save the partner's version as a concept. Refused with EditConflict when the page was
    saved by someone else since `token` was handed out."""
    page = _locked(page)
    if token != _token(page.latest_revision_id, page.updated_at):
        current = working_data(page)
        raise EditConflict(current, compare(type(page), data, current))
    # Editing a version that waits for review takes it back: staff review the newest one.
    revisions_of(page).filter(state=Revision.State.SUBMITTED).update(state=Revision.State.DRAFT)
    return _new_revision(page, data=data, created_by=user)


@transaction.atomic
def create_page(model, data, *, user, **owner_fields):
    """A new page: its row is made unpublished and its first version saved as a concept."""
    page = model(is_published=False, **owner_fields)
    apply(page, data, publish=False)
    revision = _new_revision(page, data=data, created_by=user)
    return page, revision


def _check_latest(revision, page, states):
    if page.latest_revision_id != revision.pk:
        raise ReviewError(_("Er is intussen een nieuwere versie van deze pagina."))
    if revision.state not in states:
        raise ReviewError(_("Deze versie is al %(state)s.") % {
            "state": revision.get_state_display()})


@transaction.atomic
def submit(revision, *, user):
    page = _locked(revision.content_object)
    _check_latest(revision, page, {Revision.State.DRAFT})
    revision.state = Revision.State.SUBMITTED
    revision.submitted_at = timezone.now()
    revision.save(update_fields=["state", "submitted_at"])
    _notify("submitted", revision)
    return revision


@transaction.atomic
def approve(revision, *, staff):
    """Publish the version: its snapshot becomes the page."""
    page = _locked(revision.content_object)
    _check_latest(revision, page, {Revision.State.SUBMITTED})
    apply(page, revision.data)
    _record_published_photos(revision, page)
    _decide(revision, Revision.State.APPROVED, staff)
    _notify("approved", revision)
    return revision


@transaction.atomic
def reject(revision, *, staff, reason):
    if not (reason or "").strip():
        raise ReviewError(_("Schrijf op waarom je deze versie afwijst; de partner leest het."))
    page = _locked(revision.content_object)
    _check_latest(revision, page, {Revision.State.SUBMITTED})
    _decide(revision, Revision.State.REJECTED, staff, reason.strip())
    _notify("rejected", revision)
    return revision


@dataclass(frozen=True)
class StaffChange:
    """What a staff change did: the version it recorded (None when nothing partners edit had
    changed) and the partner versions it closed, whose partners were mailed."""

    revision: Revision | None
    closed: list = field(default_factory=list)


@transaction.atomic
def restore(revision, *, staff):
    """Put an earlier approved version back on the site, as a new approved version."""
    if revision.state != Revision.State.APPROVED:
        raise ReviewError(_("Alleen een goedgekeurde versie kan worden teruggezet."))
    page = _locked(revision.content_object)
    closed = _close_waiting_versions(page, staff)
    apply(page, revision.data)
    # Stored and shown to partners on Dutch pages: in Dutch, date included, whatever language
    # the staff member's admin is in ("7 december 2026 14:30", not "Dec. 7, 2026, 2:30 p.m.").
    with translation.override("nl"):
        reason = _("Teruggezet naar de versie van %(date)s.") % {
            "date": localize(timezone.localtime(revision.created_at))}
    restored = _new_revision(
        page, data=revision.data, restored_from=revision, created_by=staff,
        state=Revision.State.APPROVED, decided_by=staff, decided_at=timezone.now(),
        decision_reason=reason,
    )
    return StaffChange(restored, closed)


@transaction.atomic
def record_staff_change(page, *, staff):
    """A change staff made directly in the admin, kept in the history like any other. A change
    to nothing partners edit (the funding alone, say) records nothing: an empty version would
    clutter the history and close a partner's waiting version for no reason."""
    page = _locked(page)
    current = snapshot(page)
    last_approved = approved_versions(page).first()
    if last_approved is not None and last_approved.data == current:
        return StaffChange(None)
    closed = _close_waiting_versions(page, staff)
    revision = _new_revision(
        page, data=current, created_by=staff, state=Revision.State.APPROVED,
        decided_by=staff, decided_at=timezone.now(), decision_reason=_("Gewijzigd in het beheer."),
    )
    return StaffChange(revision, closed)


def _close_waiting_versions(page, staff):
    """Staff changed the page directly: a partner version waiting for review is based on the
    old page and can no longer be approved as it is. Tell the partner rather than leave it
    waiting for ever."""
    closed = list(revisions_of(page).filter(state=Revision.State.SUBMITTED))
    for waiting in closed:
        _decide(waiting, Revision.State.REJECTED, staff, _(
            "Het programmabureau heeft de pagina intussen zelf aangepast. Bekijk de pagina en "
            "stuur je wijziging opnieuw."))
        _notify("rejected", waiting)
    return closed


def _record_published_photos(revision, page):
    """Publishing moved the version's new photos from their pending names to public ones
    (zuidwest.images.pending); the version says so too, so editing on from it keeps them."""
    fields = revision.data["fields"]
    renamed = {image.name: getattr(page, image.name).name or ""
               for image in spec_for(page).image_fields() if image.name in fields}
    if any(fields[name] != value for name, value in renamed.items()):
        fields.update(renamed)
        revision.save(update_fields=["data"])


def _decide(revision, state, staff, reason=""):
    revision.state = state
    revision.decided_by = staff
    revision.decided_at = timezone.now()
    revision.decision_reason = reason
    revision.save(update_fields=["state", "decided_by", "decided_at", "decision_reason"])


def _notify(event, revision):
    transaction.on_commit(lambda: notifications.send(event, revision))


# ---------------------------------------------------------------------------------------------
# The state a partner sees
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PageState:
    key: str  # fixed, for styling: published, draft, submitted, rejected
    label: str
    next_step: str
    reason: str = ""


def page_state(page):
    """'concept', 'ter beoordeling', 'gepubliceerd' or 'afgewezen', and what to do next."""
    published = page.is_published
    latest = page.latest_revision
    if latest is None or latest.state == Revision.State.APPROVED:
        if published:
            return PageState("published", _("gepubliceerd"),
                             _("Staat op de site. Je kunt hem aanpassen."))
        return PageState("draft", _("concept"),
                         _("Maak de pagina af en stuur hem ter beoordeling."))
    if latest.state == Revision.State.DRAFT:
        label = _("gepubliceerd, wijziging in concept") if published else _("concept")
        return PageState("draft", label, _("Stuur je wijziging ter beoordeling."))
    if latest.state == Revision.State.SUBMITTED:
        label = _("gepubliceerd, wijziging ter beoordeling") if published else _(
            "ter beoordeling")
        return PageState("submitted", label,
                         _("Wacht op de beoordeling door het programmabureau."))
    return PageState("rejected", _("afgewezen"), _("Pas de pagina aan en stuur hem opnieuw."),
                     latest.decision_reason)
