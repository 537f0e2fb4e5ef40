"""Measured numbers as people write them."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.template.defaultfilters import floatformat


def plain_number(value, places=2):
    """At most `places` decimals and no trailing zeros, grouped by thousands, in the active
    language's format: 14.80 -> "14,8" beside 8 -> "8" (floatformat:"-2" gives "14,80")."""
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value)).quantize(Decimal(1).scaleb(-int(places)),
                                              rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError):
        return value
    shown = max(0, -number.normalize().as_tuple().exponent)
    return floatformat(number, f"{shown}g")
