"""Spoken languages, which places and activities store as one text: "Nederlands, Arabisch"."""


def parse_languages(text):
    """The languages in a comma-separated text, trimmed, empty parts left out:
    "Nederlands, Arabisch" gives ["Nederlands", "Arabisch"]."""
    return [part.strip() for part in (text or "").split(",") if part.strip()]


class SpokenLanguagesMixin:
    """For a model with a `languages` text field: `language_list`, the languages as a list."""

    @property
    def language_list(self):
        return parse_languages(self.languages)


# BCP 47 tags of the languages partners name most in Dutch (lower case), for schema.org's
# inLanguage. A name not here stays a schema.org Language with only its name.
LANGUAGE_TAGS = {
    "nederlands": "nl", "engels": "en", "arabisch": "ar", "turks": "tr", "pools": "pl",
    "papiaments": "pap", "berbers": "ber", "tamazight": "ber", "tigrinya": "ti",
    "koerdisch": "ku", "somalisch": "so", "farsi": "fa", "perzisch": "fa", "dari": "prs",
    "pashto": "ps", "urdu": "ur", "hindi": "hi", "sarnami": "hns", "sranantongo": "srn",
    "sranan": "srn", "oekraïens": "uk", "russisch": "ru", "bulgaars": "bg", "roemeens": "ro",
    "spaans": "es", "portugees": "pt", "kaapverdisch": "kea", "frans": "fr", "duits": "de",
    "italiaans": "it", "chinees": "zh", "mandarijn": "cmn", "kantonees": "yue",
    "indonesisch": "id", "vietnamees": "vi", "tamil": "ta", "amhaars": "am",
    "nederlandse gebarentaal": "dse", "ngt": "dse", "fries": "fy",
}


def language_tag(name):
    """The BCP 47 tag of a language named in Dutch ("Turks" gives "tr"), or None."""
    return LANGUAGE_TAGS.get(name.strip().lower())


def schema_languages(names):
    """schema.org inLanguage for spoken languages: a BCP 47 tag where known, else a Language
    with the name as written; one value alone, several as a list (None for none)."""
    values = [language_tag(name) or {"@type": "Language", "name": name} for name in names]
    if not values:
        return None
    return values[0] if len(values) == 1 else values
