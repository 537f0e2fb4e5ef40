"""The admin's front page as the programme office's dashboard: cards the apps register in
their AppConfig.ready(), each a few figures that link to the admin list behind them."""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest

from zuidwest.registry import Registry


@dataclass(frozen=True)
class Figure:
    text: str  # "3 mijlpalen zijn te laat"
    url: str  # the filtered admin list behind it
    needs_attention: bool = False


@dataclass(frozen=True)
class DashboardCard:
    key: str
    position: int
    title: str
    figures: Callable[[HttpRequest], list[Figure]]


cards: Registry[str, DashboardCard] = Registry("admin dashboard cards", lambda card: card.key)


def register(card: DashboardCard) -> DashboardCard:
    return cards.register(card)


def dashboard(request):
    """[(card, figures)] in the cards' order, for the front page."""
    return [(card, card.figures(request)) for card in sorted(cards, key=lambda c: c.position)]
