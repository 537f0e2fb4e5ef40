"""The README is the front door and points into docs/ (the MkDocs site that `make docs` builds
with every link inside it checked). The build does not read the README or the code, so their
links into docs/ are checked here."""

import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# [text](target): the README's Markdown links.
MARKDOWN_LINK = re.compile(r"\]\(([^)\s]+)\)")
# docs/….md named in comments and docstrings of the code, the deploy files and the Makefile.
DOCS_PATH = re.compile(r"\bdocs/[\w/-]+\.md\b")
SKIPPED_DIRECTORIES = {".venv", ".git", "site", "node_modules", "static", "media", "staticfiles",
                       "test-results", "__pycache__"}


def anchors(markdown):
    """The anchors MkDocs gives the headings of a page (its default toc slugify), outside code
    blocks."""
    found, in_code = set(), False
    for line in markdown.splitlines():
        if line.startswith("```"):
            in_code = not in_code
        elif not in_code and (heading := re.match(r"#{1,6} (.+)", line)):
            text = re.sub(r"[^\w\s-]", "", heading.group(1).replace("`", "")).strip().lower()
            found.add(re.sub(r"[-\s]+", "-", text))
    return found


def broken_links(readme):
    broken = []
    for target in MARKDOWN_LINK.findall(readme):
        if re.match(r"[a-z]+:", target):
            continue  # a web address
        path, _, anchor = target.partition("#")
        file = ROOT / path if path else None
        exists = file is None or file.is_file()
        if not exists or (anchor and anchor not in anchors(file.read_text() if file else readme)):
            broken.append(target)
    return broken


def test_every_link_of_the_readme_leads_to_a_file_and_heading():
    assert broken_links((ROOT / "README.md").read_text()) == []


def test_a_link_to_a_missing_page_or_heading_is_caught():
    readme = ("[a](docs/nope.md) [b](docs/operations/deploy.md#nope) "
              "[c](docs/operations/deploy.md#proof-in-ci) [d](#layout)\n\n## Layout\n")
    assert broken_links(readme) == ["docs/nope.md", "docs/operations/deploy.md#nope"]


def test_the_readme_stays_a_front_door():
    assert len((ROOT / "README.md").read_text().splitlines()) <= 250


def files_of_the_project():
    for folder, subfolders, files in os.walk(ROOT):
        subfolders[:] = [name for name in subfolders
                         if name not in SKIPPED_DIRECTORIES and not name.endswith(".egg-info")]
        for name in files:
            if Path(name).suffix in {".py", ".service", ".timer", ".conf", ".po", ""}:
                yield Path(folder) / name


def test_every_docs_page_named_in_the_code_exists():
    missing = []
    for file in files_of_the_project():
        if file == Path(__file__):
            continue  # its own example of a missing page below
        for path in DOCS_PATH.findall(file.read_text(errors="ignore")):
            if not (ROOT / path).is_file():
                missing.append(f"{file.relative_to(ROOT)}: {path}")
    assert missing == []
