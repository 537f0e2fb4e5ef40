from .funding import ZERO_EUROS, Allocation, FundingSource, money_field
from .initiatives import Initiative, Milestone, Spearhead, Update
from .opportunities import Opportunity

__all__ = ["ZERO_EUROS", "Allocation", "FundingSource", "Initiative", "Milestone",
           "Opportunity", "Spearhead", "Update", "money_field"]
