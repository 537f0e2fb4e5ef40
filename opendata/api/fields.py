"""What every API representation shares: lowerCamelCase property names (NL API Design Rules),
money as a string with two decimals plus its currency, and figures (no money) as a decimal
string as stored."""

import re
from decimal import Decimal

from django.db import models
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from zuidwest.ui.links import absolute_url

CURRENCY = "EUR"


def camel_case(name):
    return re.sub(r"_([a-z0-9])", lambda match: match[1].upper(), name)


class CamelCaseSerializerMixin:
    # Gives every field named in snake_case (as the model's) its lowerCamelCase name, reading
    # from the snake_case attribute; so a serializer lists model fields as usual. A comment, not
    # a docstring: drf-spectacular would make it the description of every schema.

    def get_fields(self):
        fields = {}
        for name, field in super().get_fields().items():
            camel = camel_case(name)
            if camel != name and isinstance(field, serializers.SerializerMethodField):
                field.method_name = field.method_name or f"get_{name}"
            elif camel != name and field.source is None:
                field.source = name
            fields[camel] = field
        return fields


@extend_schema_field({"type": "string", "pattern": r"^([01]\d|2[0-3]):[0-5]\d$",
                      "example": "09:30"})
class WallClockTimeField(serializers.TimeField):
    """A time of day as on a clock in Den Haag (Europe/Amsterdam), "HH:MM". Not an RFC 3339
    time: an opening hour has no fixed offset, it follows summer and winter time."""

    def __init__(self, **kwargs):
        kwargs.setdefault("format", "%H:%M")
        super().__init__(**kwargs)


class PublicModelSerializer(CamelCaseSerializerMixin, serializers.ModelSerializer):
    serializer_field_mapping = {**serializers.ModelSerializer.serializer_field_mapping,
                                models.TimeField: WallClockTimeField}


class MoneySerializer(serializers.Serializer):
    """The schema of an amount: a decimal string with two places (never a float) and the
    ISO 4217 currency."""

    amount = serializers.RegexField(r"^-?\d+\.\d{2}$", help_text="Bedrag in euro, twee decimalen.")
    currency = serializers.ChoiceField(choices=[CURRENCY], help_text="ISO 4217-valutacode.")

    class Meta:
        ref_name = "Money"


def money(value):
    return {"amount": f"{Decimal(value):.2f}", "currency": CURRENCY}


@extend_schema_field(MoneySerializer)
class MoneyField(serializers.Field):
    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        return money(value)


@extend_schema_field(MoneySerializer(allow_null=True))
class OptionalMoneyField(MoneyField):
    """An amount that may be absent (null): DRF gives None without calling the field."""


FIGURE_PATTERN = r"^-?\d+\.\d{2}$"


@extend_schema_field({
    "type": "string", "pattern": FIGURE_PATTERN, "example": "12.50",
    "description": "Een cijfer (geen bedrag, geen valuta) als decimale tekst, precies zoals de "
                   "portal het bewaart: twee decimalen, een punt als decimaalteken."})
class FigureField(serializers.DecimalField):
    """A figure of an indicator (a percentage, a number of people): a decimal string with the
    two places it is stored with, "12.50", never a float and never money."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(max_digits=12, decimal_places=2, coerce_to_string=True, **kwargs)


@extend_schema_field(OpenApiTypes.URI)
class PageUrlField(serializers.Field):
    """The object's page on the portal, as an absolute URL."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value):
        return absolute_url(value.get_absolute_url())
