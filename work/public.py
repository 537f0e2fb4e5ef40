"""What other apps may use of work (besides its models): kept small on purpose, and kept by the
import contracts in pyproject.toml. Following by e-mail uses the finder's questions to store and
match the answers someone follows."""

from .forms import FinderForm, Wish

__all__ = ["FinderForm", "Wish"]
