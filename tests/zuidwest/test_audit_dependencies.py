"""scripts/audit_dependencies.py: advisories from the package index, acknowledged ones in
.pip-audit-ignore with a reason each. The index is replaced by fixed answers here."""

import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "audit_dependencies.py"


@pytest.fixture
def auditor(monkeypatch, tmp_path):
    spec = importlib.util.spec_from_file_location("audit_dependencies", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "IGNORE_FILE", tmp_path / ".pip-audit-ignore")
    monkeypatch.setattr(module, "installed", lambda: [("oldlib", "1.0"), ("newlib", "2.0")])
    pages = {
        "https://pypi.org/pypi/oldlib/1.0/json": {"vulnerabilities": [
            {"id": "PYSEC-1", "aliases": ["CVE-1"], "fixed_in": ["1.1"], "link": "x"}]},
        "https://pypi.org/pypi/newlib/json": {"info": {"version": "2.0"}, "vulnerabilities": []},
    }
    monkeypatch.setattr(module, "fetch", pages.get)
    return module


def test_the_real_ignore_file_gives_a_reason_for_every_entry():
    spec = importlib.util.spec_from_file_location("audit_dependencies", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    _ignores, problems = module.read_ignores()
    assert problems == []


def test_a_known_vulnerability_fails(auditor, capsys):
    assert auditor.main() == 1
    assert "oldlib 1.0: PYSEC-1 (fixed in: 1.1) x" in capsys.readouterr().err


def test_an_acknowledged_advisory_passes_also_by_its_alias(auditor, capsys):
    auditor.IGNORE_FILE.write_text("# comment\nCVE-1  # only on Windows\n")
    assert auditor.main() == 0
    assert "2 packages audited, 0 known vulnerabilities, 1 acknowledged." in capsys.readouterr().out


def test_an_entry_without_a_reason_or_matching_nothing_fails(auditor, capsys):
    auditor.IGNORE_FILE.write_text("PYSEC-1\nGHSA-gone  # was fixed long ago\n")
    assert auditor.main() == 1
    err = capsys.readouterr().err
    assert ".pip-audit-ignore:1: PYSEC-1 has no reason after '#'." in err
    assert ".pip-audit-ignore: GHSA-gone matches no advisory any more; remove it." in err


def test_an_older_release_known_only_by_the_project_page_is_noted(auditor, monkeypatch, capsys):
    monkeypatch.setattr(auditor, "installed", lambda: [("newlib", "1.5")])
    assert auditor.main() == 0
    assert ("newlib 1.5: the index gives advisories for the newest release (2.0) only"
            in capsys.readouterr().out)
