"""The review engine: every change to a reviewed page is a version that staff approve.

- specs: what a model's versions hold, and how to preview one (registered by the domain apps)
- snapshots: a page as JSON and back; comparison: field by field
- workflow: concept -> ter beoordeling -> goedgekeurd / afgewezen, history and restore
- previews: the one way to show a version; notifications: the e-mails
- admin, page_admin: the review queue and the history on each reviewed page's admin

The names below are the engine's public interface.
"""

from .comparison import Change, compare, proposed_changes
from .snapshots import EMPTY_SNAPSHOT, apply, as_shown, child_initial, snapshot
from .specs import ChildSpec, ReviewSpec, register, reviewed_models, spec_for, specs
from .workflow import (
    EditConflict,
    PageState,
    ReviewError,
    StaffChange,
    approve,
    create_page,
    latest_revision,
    page_state,
    record_staff_change,
    reject,
    restore,
    revisions_of,
    save_draft,
    submit,
    version_token,
    waiting_revision,
    working_data,
)

__all__ = [
    "EMPTY_SNAPSHOT", "Change", "ChildSpec", "EditConflict", "PageState", "ReviewError",
    "ReviewSpec", "StaffChange", "apply", "approve", "as_shown", "child_initial", "compare",
    "create_page", "latest_revision", "page_state", "proposed_changes", "record_staff_change",
    "register", "reject", "restore", "reviewed_models", "revisions_of", "save_draft",
    "snapshot", "spec_for", "specs", "submit", "version_token", "waiting_revision",
    "working_data",
]
