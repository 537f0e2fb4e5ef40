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
