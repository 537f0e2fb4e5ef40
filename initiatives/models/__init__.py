from .funding import (
    ZERO_EUROS,
    Allocation,
    AllocationRevision,
    FundingSource,
    Spending,
    money_field,
)
from .indicators import Indicator, IndicatorTarget, Measurement, Output
from .initiatives import Initiative, Milestone, Spearhead, Update
from .opportunities import Opportunity
from .reports import ReportNarrative
from .signups import Signup

__all__ = [
    "ZERO_EUROS", "Allocation", "AllocationRevision", "FundingSource", "Indicator",
    "IndicatorTarget", "Initiative", "Measurement", "Milestone", "Opportunity", "Output",
    "ReportNarrative", "Signup", "Spearhead", "Spending", "Update", "money_field",
]
