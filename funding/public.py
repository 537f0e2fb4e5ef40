"""What other apps may use of funding (besides its models): kept small on purpose, and kept by
the import contracts in pyproject.toml."""

from .admin.allocations import AllocationInline
from .figures import (
    MONEY,
    allocation_years,
    funding_summary,
    initiatives_with_money,
    source_summary,
)

__all__ = ["MONEY", "AllocationInline", "allocation_years", "funding_summary",
           "initiatives_with_money", "source_summary"]
