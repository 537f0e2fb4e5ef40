"""The portal says "je", never "u" (docs/content-guide.md).

Scanned: the msgids of locale/en (every Dutch string the portal marks for translation), the
msgstr of locale/nl (the Dutch for third-party apps) and the literal text of the templates
outside template tags (error pages such as 500.html are not translated). The polite form is the
whole word u, uw, U or Uw; "nu", "uur", "U-bocht" or "e-mail" are not.
"""

import re
from pathlib import Path

from django.conf import settings

from tests.zuidwest.test_translations import parse_po

BASE_DIR = Path(settings.BASE_DIR)
EN_PO = BASE_DIR / "locale" / "en" / "LC_MESSAGES" / "django.po"
NL_PO = BASE_DIR / "locale" / "nl" / "LC_MESSAGES" / "django.po"

# A whole word: not part of a longer word, a compound with a hyphen or an abbreviation with a dot.
POLITE = re.compile(r"(?<![\w\-.])(?:u|uw|U|Uw)(?![\w\-])")

# Texts that must keep the polite form (a quote, a name). Keep it short and say why.
ALLOWED: frozenset[str] = frozenset()

# Template syntax and markup that holds no reader-facing words of its own.
TEMPLATE_NOISE = re.compile(
    r"\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}"
    r"|\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}"
    r"|<script\b.*?</script>|<style\b.*?</style>",
    re.DOTALL,
)
# Attributes whose values people read or hear; other attributes (class, href, ...) are code.
READ_ATTRIBUTES = re.compile(
    r"""\b(?:alt|title|aria-label|placeholder)\s*=\s*(["'])(.*?)\1""", re.DOTALL
)
TAG = re.compile(r"<[^>]*>", re.DOTALL)


def polite_words(text):
    """The polite forms of address in a Dutch text, in order."""
    return POLITE.findall(text)


def template_text(source):
    """What a reader of a template sees or hears, without template tags and markup."""
    without_tags = TEMPLATE_NOISE.sub(" ", source)
    attributes = [value for _, value in READ_ATTRIBUTES.findall(without_tags)]
    return "\n".join([TAG.sub(" ", without_tags), *attributes])


def template_files():
    roots = [BASE_DIR / "templates"] + sorted(BASE_DIR.glob("*/templates"))
    return sorted(
        path for root in roots for path in root.rglob("*") if path.suffix in {".html", ".txt"}
    )


def dutch_texts():
    """(where, text) for every Dutch text the portal shows."""
    for entry in parse_po(EN_PO)[1:]:
        for text in filter(None, [entry.msgid, entry.msgid_plural]):
            yield f"locale/en msgid (line {entry.line})", text
    for entry in parse_po(NL_PO)[1:]:
        for text in entry.msgstr.values():
            yield f"locale/nl msgstr (line {entry.line})", text
    for path in template_files():
        yield str(path.relative_to(BASE_DIR)), template_text(path.read_text(encoding="utf-8"))


def offenders(texts):
    """One line per text with the polite form: where, the words, and the text around the first."""
    found = []
    for where, text in texts:
        first = POLITE.search(text)
        if first and text not in ALLOWED:
            around = " ".join(text[max(0, first.start() - 60):first.end() + 60].split())
            found.append(f"{where}: {polite_words(text)} in {around!r}")
    return found


def test_no_dutch_text_uses_the_polite_form():
    found = offenders(dutch_texts())
    assert not found, "use 'je'/'jouw', not 'u'/'uw' (docs/content-guide.md):\n" + "\n".join(found)


def test_the_scan_covers_po_files_and_templates():
    sources = {where.split(" ")[0] for where, _ in dutch_texts()}
    assert {"locale/en", "locale/nl", "templates/500.html", "templates/base.html"} <= sources


def test_the_polite_form_is_found():
    assert polite_words("Zet in je agenda op uw telefoon.") == ["uw"]
    assert polite_words("Hoe komt u er?") == ["u"]
    assert polite_words("U bent uitgelogd. Uw wachtwoord blijft hetzelfde.") == ["U", "Uw"]
    assert polite_words("Dank u.") == ["u"]
    assert polite_words("wat doet u, en voor wie?") == ["u"]


def test_the_informal_form_and_other_words_pass():
    text = ("Je bent uitgelogd. Jouw wachtwoord blijft hetzelfde; nu kun je om 9 uur inloggen. "
            "Neem de U-bocht, lees je e-mail, bel 070 of zie blz. 4 in de UWV-brief.")
    assert polite_words(text) == []


def test_a_template_with_the_polite_form_fails_the_scan():
    template = ('{% load i18n %}<p class="u">{% translate "Hoe kom je er?" %} {{ u }}</p>'
                '<img alt="Uw foto" src="u.png">{# u #}<p>Het ligt niet aan u.</p>'
                "<script>let u = 1;</script>")
    found = offenders([("templates/voorbeeld.html", template_text(template))])
    assert len(found) == 1
    assert "['u', 'Uw']" in found[0]


def test_a_po_msgid_with_the_polite_form_fails_the_scan(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n\nmsgid "Wilt u inloggen?"\nmsgstr "Do you want to log in?"\n',
        encoding="utf-8",
    )
    found = offenders((str(po), entry.msgid) for entry in parse_po(po)[1:])
    assert found == [f"{po}: ['u'] in 'Wilt u inloggen?'"]


# "Klik" assumes a mouse; on a phone one taps. Say what to do: kiezen, openen, aanwijzen.
CLICK = re.compile(r"(?i)(?<!\w)(?:aan)?klik\w*")


def test_no_dutch_text_asks_to_click():
    found = [f"{where}: {CLICK.findall(text)}" for where, text in dutch_texts()
             if not where.startswith("locale/nl") and CLICK.search(text)]
    assert not found, "say 'kies' or 'open', not 'klik':\n" + "\n".join(found)
    assert CLICK.findall("Klik op de link, of klikken en aanklikken.") == [
        "Klik", "klikken", "aanklikken"]
