"""Progress in the admin: indicators with their targets and measurements, outputs, and the
yearly report with its narratives."""

from . import indicators, report  # noqa: F401  (registers the model admins)
