import re

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

# Four digits (not starting with 0) and two letters; SA, SD and SS are never issued.
POSTCODE_PATTERN = re.compile(r"^([1-9][0-9]{3}) ?(?!SA|SD|SS)([A-Z]{2})$")

# A generous box around the municipality of Den Haag (WGS84).
DEN_HAAG_LATITUDE = (51.98, 52.14)
DEN_HAAG_LONGITUDE = (4.18, 4.43)


def normalise_postcode(value):
    """'2532 ab' and '2532AB' both become '2532 AB'; anything else is returned unchanged."""
    match = POSTCODE_PATTERN.match((value or "").strip().upper())
    return f"{match.group(1)} {match.group(2)}" if match else value


def validate_dutch_postcode(value):
    if not POSTCODE_PATTERN.match((value or "").strip().upper()):
        raise ValidationError(
            _("Vul een Nederlandse postcode in, bijvoorbeeld 2532 AB."), code="invalid_postcode"
        )


def validate_latitude_in_den_haag(value):
    if value is not None and not DEN_HAAG_LATITUDE[0] <= float(value) <= DEN_HAAG_LATITUDE[1]:
        raise ValidationError(
            _("Deze breedtegraad ligt niet in Den Haag (tussen %(low)s en %(high)s)."),
            params={"low": number_format(DEN_HAAG_LATITUDE[0]),
                    "high": number_format(DEN_HAAG_LATITUDE[1])},
            code="outside_den_haag",
        )


def validate_longitude_in_den_haag(value):
    if value is not None and not DEN_HAAG_LONGITUDE[0] <= float(value) <= DEN_HAAG_LONGITUDE[1]:
        raise ValidationError(
            _("Deze lengtegraad ligt niet in Den Haag (tussen %(low)s en %(high)s)."),
            params={"low": number_format(DEN_HAAG_LONGITUDE[0]),
                    "high": number_format(DEN_HAAG_LONGITUDE[1])},
            code="outside_den_haag",
        )
