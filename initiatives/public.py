"""What other apps may use of initiatives (besides its models): kept small on purpose, and
kept by the import contracts in pyproject.toml."""

from .admin_filters import OverdueFilter

__all__ = ["OverdueFilter"]
