"""The English translation is complete, compiled and used under /en/; Dutch stays the default.

The .po file is read with a small parser of its own, so these tests need neither polib nor GNU
gettext. The compiled .mo is read with Python's own ``gettext`` module: that is the file Django
uses, so a .po edited without ``compilemessages`` afterwards fails here too.
"""

import ast
import gettext
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests.factories import ProgrammeFactory

LC_MESSAGES = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
PO_FILE = LC_MESSAGES / "django.po"
MO_FILE = LC_MESSAGES / "django.mo"

# %(name)s-style placeholders and the literal %%; a translation must keep them all.
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%%")


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0

    def label(self):
        return f"line {self.line}: {self.msgid!r}"


def parse_po(path):
    """The non-obsolete entries of a .po file, header included (its msgid is "")."""
    entries, entry, key = [], None, None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        starts_entry = line.startswith("#") or line.startswith(("msgctxt ", "msgid "))
        if starts_entry and (entry is None or entry.msgstr):
            entry = Entry(line=number)  # the previous entry has its msgstr: a new one begins
            entries.append(entry)
        if line.startswith("#,"):
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
            continue
        if line.startswith("#"):
            continue
        if line.startswith('"'):
            _store(entry, key, _load(entry, key) + ast.literal_eval(line))
            continue
        keyword, _, rest = line.partition(" ")
        if keyword == "msgstr":
            key = 0
        elif keyword.startswith("msgstr["):
            key = int(keyword[len("msgstr["):-1])
        else:
            key = keyword
        _store(entry, key, ast.literal_eval(rest.strip()))
    return entries


def _load(entry, key):
    if isinstance(key, int):
        return entry.msgstr.get(key, "")
    return getattr(entry, key) or ""


def _store(entry, key, value):
    if isinstance(key, int):
        entry.msgstr[key] = value
    else:
        setattr(entry, key, value)


@pytest.fixture(scope="module")
def entries():
    assert PO_FILE.exists(), f"{PO_FILE} is missing: run makemessages -l en"
    parsed = parse_po(PO_FILE)
    assert parsed and parsed[0].msgid == "", "the .po file should start with its header"
    return parsed[1:]


def test_the_po_file_has_a_healthy_number_of_messages(entries):
    # A sanity check on the parser: the portal has hundreds of translatable strings.
    assert len(entries) > 300
    assert len({(e.msgctxt, e.msgid) for e in entries}) == len(entries)


def test_every_message_is_translated(entries):
    untranslated = [
        e.label() for e in entries
        if not e.msgstr or any(not text.strip() for text in e.msgstr.values())
        or (e.msgid_plural is not None and sorted(e.msgstr) != [0, 1])
    ]
    assert not untranslated, "untranslated in locale/en: " + "; ".join(untranslated)


def test_no_message_is_fuzzy(entries):
    header = parse_po(PO_FILE)[0]
    fuzzy = [e.label() for e in entries if "fuzzy" in e.flags]
    assert "fuzzy" not in header.flags, "the .po header is still marked fuzzy"
    assert not fuzzy, "fuzzy in locale/en (check, then remove the flag): " + "; ".join(fuzzy)


def test_translations_keep_the_placeholders(entries):
    def placeholders(text):
        return sorted(PLACEHOLDER.findall(text))

    broken = []
    for e in entries:
        if e.msgid_plural is None:
            if placeholders(e.msgstr.get(0, "")) != placeholders(e.msgid):
                broken.append(e.label())
        else:
            # The singular may leave out the number ("Every week"), but must not invent one.
            plural = placeholders(e.msgid_plural)
            if placeholders(e.msgstr.get(1, "")) != plural:
                broken.append(e.label())
            if not set(placeholders(e.msgstr.get(0, ""))) <= set(plural):
                broken.append(e.label())
    assert not broken, "placeholders differ from the Dutch: " + "; ".join(broken)


def test_the_compiled_mo_file_matches_the_po_file(entries):
    """Run compilemessages after editing the .po: the .mo is what Django reads."""
    assert MO_FILE.exists(), f"{MO_FILE} is missing: run compilemessages"
    with MO_FILE.open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    stale = []
    for e in entries:
        if e.msgctxt is not None:
            if e.msgid_plural is None:
                got = catalogue.pgettext(e.msgctxt, e.msgid)
            else:
                got = catalogue.npgettext(e.msgctxt, e.msgid, e.msgid_plural, 2)
        elif e.msgid_plural is None:
            got = catalogue.gettext(e.msgid)
        else:
            got = catalogue.ngettext(e.msgid, e.msgid_plural, 2)
        if got != e.msgstr.get(0 if e.msgid_plural is None else 1):
            stale.append(e.label())
    assert not stale, "the .mo is out of date; run compilemessages: " + "; ".join(stale[:10])


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext (msgfmt) is not installed")
def test_msgfmt_accepts_the_po_file():
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(PO_FILE)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr


def test_django_uses_the_english_catalogue():
    with translation.override("en"):
        assert translation.gettext("Initiatieven") == "Initiatives"
        assert translation.ngettext(
            "%(counter)s initiatief", "%(counter)s initiatieven", 2
        ) % {"counter": 2} == "2 initiatives"
    with translation.override("nl"):
        assert translation.gettext("Initiatieven") == "Initiatieven"


@pytest.mark.django_db
def test_the_english_home_page_is_in_english(client):
    ProgrammeFactory()
    response = client.get("/en/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en"' in html
    assert ">Initiatives</a>" in html
    assert "Skip to content" in html
    assert ">Initiatieven</a>" not in html
    assert "Naar de inhoud" not in html


@pytest.mark.django_db
def test_the_dutch_home_page_stays_dutch(client):
    ProgrammeFactory()
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="nl"' in html
    assert ">Initiatieven</a>" in html
    assert "Naar de inhoud" in html
    assert "Skip to content" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url_name", "english", "dutch"),
    [
        ("initiatives:initiative_list", "Show initiatives", "Toon initiatieven"),
        ("funding:overview", "By source of funding", "Per geldbron"),
        ("locations:place_list", "Places in the neighbourhood", "Plekken in de wijk"),
    ],
)
def test_english_pages_show_english_interface_text(client, url_name, english, dutch):
    with translation.override("en"):
        url = reverse(url_name)
    assert url.startswith("/en/")
    html = client.get(url).content.decode()
    assert english in html
    assert dutch not in html
