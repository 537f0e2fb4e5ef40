"""The architecture holds: the core does not import the domain apps (import-linter contracts in
pyproject.toml), and the registries the domain apps fill refuse duplicates."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from initiatives.models import Initiative
from initiatives.partner.pages import INITIATIVE
from initiatives.review import INITIATIVE_SPEC
from initiatives.search import INITIATIVES
from zuidwest import review, search
from zuidwest.partner import accounts, kinds
from zuidwest.registry import AlreadyRegistered, NotRegistered, Registry

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
PACKAGES = ("zuidwest", "alliances", "initiatives", "funding", "progress", "work", "signups",
            "locations", "opendata", "site_pages")


def lint_imports(root):
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=root, capture_output=True, text=True,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"}, timeout=120,
    )


@pytest.fixture
def copy_of_the_code(tmp_path):
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tmp_path / package,
                        ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_import_contracts_are_kept():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken." in result.stdout


def test_a_core_package_that_imports_a_domain_app_breaks_the_contract(copy_of_the_code):
    (copy_of_the_code / "zuidwest" / "review" / "shortcut.py").write_text(
        "from initiatives.models import Initiative  # the core may not know this\n")

    result = lint_imports(copy_of_the_code)

    assert result.returncode == 1
    assert "BROKEN" in result.stdout
    assert "zuidwest.review.shortcut -> initiatives.models" in result.stdout


def test_a_core_package_that_imports_the_site_pages_breaks_the_contract(copy_of_the_code):
    (copy_of_the_code / "zuidwest" / "search" / "shortcut.py").write_text(
        "from site_pages import views\n")

    result = lint_imports(copy_of_the_code)

    assert result.returncode == 1
    assert "zuidwest.search.shortcut -> site_pages.views" in result.stdout


@pytest.mark.parametrize(("module", "line", "broken"), [
    # An app reaches into another app's internals instead of its models or public module.
    ("work/shortcut.py", "from funding.figures import funding_summary\n",
     "work.shortcut -> funding.figures"),
    # Open data touches residents' personal data.
    ("opendata/shortcut.py", "from signups.models import Signup\n",
     "opendata.shortcut -> signups.models"),
    # The circle between the funding models and the services built on them comes back.
    ("funding/models_shortcut.py", "", None),
])
def test_an_import_across_a_boundary_breaks_a_contract(copy_of_the_code, module, line, broken):
    if broken is None:  # the models import their services
        models = copy_of_the_code / "funding" / "models.py"
        models.write_text(models.read_text() + "\nfrom .services import allocate_funds  # noqa\n")
        broken = "funding.models -> funding.services"
    else:
        (copy_of_the_code / module).write_text(line)

    result = lint_imports(copy_of_the_code)

    assert result.returncode == 1
    assert broken in result.stdout


def test_a_registry_refuses_a_second_registration_under_the_same_key():
    registry = Registry("colours", key=str.lower)
    registry.register("Rood")
    with pytest.raises(AlreadyRegistered, match="colours: 'rood' is already registered"):
        registry.register("ROOD")
    assert list(registry) == ["Rood"]
    with pytest.raises(NotRegistered):
        registry.get("groen")


def test_the_domain_apps_registered_their_contributions_once_each():
    assert review.spec_for(Initiative) is INITIATIVE_SPEC
    assert kinds.page_kinds.get(Initiative) is INITIATIVE
    assert search.search_types.get("initiatives") is INITIATIVES
    assert [t.key for t in sorted(search.search_types, key=lambda t: t.position)] == [
        "neighbourhoods", "places", "activities", "opportunities", "initiatives",
        "organisations"]
    assert {spec.model._meta.label for spec in review.specs} == {
        "initiatives.Initiative", "work.Opportunity", "locations.Place",
        "locations.Activity"}


@pytest.mark.parametrize("register, item", [
    (review.register, INITIATIVE_SPEC),
    (kinds.register, INITIATIVE),
    (search.register, INITIATIVES),
    (accounts.register_directory, object()),
])
def test_registering_again_is_refused(register, item):
    with pytest.raises(AlreadyRegistered):
        register(item)


def test_a_partner_page_kind_needs_an_ownership_rule():
    class Unowned:
        class objects:  # noqa: N801  (a stand-in for a manager without owned_by)
            pass

    kind = kinds.PageKind(
        model=Unowned, form_class=object, url_name="x", url_path="x", title_field="x",
        label="x", create_title="x", edit_title="x", dashboard_heading="x",
        dashboard_empty_text="x")
    with pytest.raises(TypeError, match="owned_by"):
        kinds.register(kind)
