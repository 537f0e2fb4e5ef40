from decimal import Decimal

from django.utils.formats import number_format


def format_euros(amount, decimals=2):
    """'€ 1.250.000,00' in Dutch, '€ 1,250,000.00' in English."""
    amount = Decimal(amount or 0)
    return "€\u00a0" + number_format(amount, decimals, use_l10n=True, force_grouping=True)
