"""Known vulnerabilities in the installed Python packages, from the package index (PyPI).

    .venv/bin/python scripts/audit_dependencies.py      (run by `make lint` and CI)

pip-audit asks PyPI for each release (/pypi/<name>/<version>/json) or OSV; where only the
index's project pages are reachable (/pypi/<name>/json, as on the machines this project is
built on) it skips every package and passes. This script asks the release page first and falls
back to the project page, whose advisories are those of the newest release: exact when the
installed release is the newest, and a warning, not a pass, for an older one.

An advisory that does not apply is acknowledged in .pip-audit-ignore: one ID per line with the
reason after a "#". An entry without a reason, or one that no package has any more, is an
error, so the file stays short and true.

Exit status: 0 nothing found, 1 a vulnerability or a bad ignore entry, 2 the index could not
be reached.
"""

import json
import re
import sys
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from importlib import metadata
from pathlib import Path

INDEX = "https://pypi.org/pypi"
IGNORE_FILE = Path(__file__).resolve().parent.parent / ".pip-audit-ignore"
OWN_PROJECT = "zuidwest-portal"


def read_ignores(path=None):
    """{advisory id: reason}; problems as a list of messages."""
    path = path or IGNORE_FILE
    ignores, problems = {}, []
    if not path.exists():
        return ignores, problems
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        entry, _hash, reason = line.partition("#")
        entry, reason = entry.strip(), reason.strip()
        if not entry:
            continue
        if not reason:
            problems.append(f"{path.name}:{number}: {entry} has no reason after '#'.")
        ignores[entry] = reason
    return ignores, problems


def installed():
    packages = {}
    for dist in metadata.distributions():
        name = re.sub(r"[-_.]+", "-", dist.metadata["Name"] or "").lower()
        if name and name != OWN_PROJECT:
            packages[name] = dist.version
    return sorted(packages.items())


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return json.load(response)
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return None
        raise


def audit(name, version):
    """(vulnerabilities, note): the advisories for this release, and why they may be
    incomplete."""
    release = fetch(f"{INDEX}/{name}/{version}/json")
    if release is not None:
        return release.get("vulnerabilities", []), None
    project = fetch(f"{INDEX}/{name}/json")
    if project is None:
        return [], f"{name} {version}: not on the index, not audited"
    newest = project["info"]["version"]
    if newest == version:
        return project.get("vulnerabilities", []), None
    return project.get("vulnerabilities", []), (
        f"{name} {version}: the index gives advisories for the newest release ({newest}) only; "
        "update to audit it exactly")


def main():
    ignores, problems = read_ignores()
    packages = installed()
    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            results = list(pool.map(lambda item: audit(*item), packages))
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        print(f"The package index could not be reached: {error}", file=sys.stderr)
        return 2
    found, used = [], set()
    for (name, version), (vulnerabilities, note) in zip(packages, results, strict=True):
        if note:
            print(f"note: {note}")
        for vulnerability in vulnerabilities:
            ids = {vulnerability["id"], *vulnerability.get("aliases", [])}
            if ids & ignores.keys():
                used |= ids & ignores.keys()
                continue
            fixed = ", ".join(vulnerability.get("fixed_in") or []) or "no fix yet"
            found.append(f"{name} {version}: {vulnerability['id']} (fixed in: {fixed}) "
                         f"{vulnerability.get('link', '')}")
    problems += [f"{IGNORE_FILE.name}: {entry} matches no advisory any more; remove it."
                 for entry in ignores.keys() - used]
    for line in found + problems:
        print(line, file=sys.stderr)
    print(f"{len(packages)} packages audited, {len(found)} known vulnerabilities, "
          f"{len(used)} acknowledged.")
    return 1 if found or problems else 0


if __name__ == "__main__":
    sys.exit(main())
