"""What other apps may use of progress (besides its models): kept small on purpose, and kept
by the import contracts in pyproject.toml."""

from .admin.indicators import OutputInline
from .figures import indicators_with_figures, initiative_indicators
from .forms import OutputForm

__all__ = ["OutputForm", "OutputInline", "indicators_with_figures", "initiative_indicators"]
