"""Funding in the admin: sources, allocations (with their CSV export and revisions) and
spending; the allocations also appear on the initiative's page (AllocationInline)."""

from . import allocations, sources, spending  # noqa: F401  (registers the model admins)
