"""What other apps may use of following: the registry of what can be followed, and sending
something to a subject's followers at once. The ideas app registers its kind ("idee") in its
AppConfig.ready(), adds its ideas' status changes to the neighbourhoods' news (add_news), and
calls notify_now when an idea gets an answer (following/subjects.py describes the hooks)."""

from .services import notify_now
from .subjects import Described, Item, SubjectKind, add_news, register

__all__ = ["Described", "Item", "SubjectKind", "add_news", "notify_now", "register"]
