"""What other apps may use of funding (besides its models): kept small on purpose, and kept by
the import contracts in pyproject.toml. Every money figure comes from .figures."""

from .admin.allocations import AllocationInline
from .figures import (
    MONEY,
    Scope,
    allocation_years,
    available,
    funding_summary,
    initiative_money,
    initiatives_with_money,
    money_years,
    neighbourhood_money,
    published_allocations,
    source_summary,
    with_allocated,
    with_spent,
)

__all__ = ["MONEY", "AllocationInline", "Scope", "allocation_years", "available",
           "funding_summary", "initiative_money", "initiatives_with_money", "money_years",
           "neighbourhood_money", "published_allocations", "source_summary", "with_allocated",
           "with_spent"]
