"""The split of initiatives/ into apps (funding, progress, work, signups): old admin addresses
keep working, and data from before the split survives the migration."""

import json
from collections import Counter
from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


@pytest.mark.parametrize(("old", "new"), [
    ("/beheer/initiatives/allocation/", "/beheer/funding/allocation/"),
    ("/beheer/initiatives/fundingsource/3/change/", "/beheer/funding/fundingsource/3/change/"),
    ("/beheer/initiatives/measurement/?is_approved__exact=0",
     "/beheer/progress/measurement/?is_approved__exact=0"),
    ("/beheer/initiatives/reportnarrative/jaarverslag/",
     "/beheer/progress/reportnarrative/jaarverslag/"),
    ("/beheer/initiatives/opportunity/", "/beheer/work/opportunity/"),
    ("/beheer/initiatives/signup/", "/beheer/signups/signup/"),
])
def test_an_old_admin_address_redirects_to_the_new_app(client, old, new):
    response = client.get(old)

    assert response.status_code == 301
    assert response["Location"] == new


def test_the_initiatives_own_admin_pages_stay_where_they_are(admin_client):
    assert admin_client.get("/beheer/initiatives/initiative/").status_code == 200
    assert admin_client.get("/beheer/initiatives/milestone/").status_code == 200


FIXTURES = [Path(settings.BASE_DIR) / "fixtures" / name for name in ("programme.json",
                                                                      "demo.json")]


@pytest.mark.django_db(transaction=True)
def test_the_fixtures_loaded_before_the_split_survive_the_migration():
    """The demo data, written while the database still had the old layout (the tables do not
    change, so the fixtures load there as they did), is all there after the migration; and the
    content types (which permissions and review history point at) move with their models."""
    executor = MigrationExecutor(connection)
    executor.migrate([("initiatives", "0011_form_of_address"), ("funding", None),
                      ("progress", None), ("work", None), ("signups", None)])
    old_apps = executor.loader.project_state([("initiatives", "0011_form_of_address")]).apps
    old_type = old_apps.get_model("contenttypes", "ContentType").objects.get_or_create(
        app_label="initiatives", model="allocation")[0]
    # Sign-ups are written with the model of that time: today's has a column (its organisation,
    # signups 0003) that the table from before the split does not have yet.
    call_command("loaddata", *FIXTURES, exclude=["signups.signup"], verbosity=0)
    signups = [row for fixture in FIXTURES for row in json.loads(fixture.read_text())
               if row["model"] == "signups.signup"]
    old_signup = old_apps.get_model("initiatives", "Signup")
    for row in signups:
        old_signup.objects.create(pk=row["pk"], **{
            old_signup._meta.get_field(name).attname: value
            for name, value in row["fields"].items() if name != "organisation"})

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    ContentType.objects.clear_cache()
    assert ContentType.objects.get(pk=old_type.pk).natural_key() == ("funding", "allocation")
    expected = Counter(row["model"] for fixture in FIXTURES
                       for row in json.loads(fixture.read_text()))
    for label in ("funding.allocation", "funding.spending", "progress.measurement",
                  "work.opportunity", "signups.signup", "initiatives.initiative"):
        assert apps.get_model(label).objects.count() == expected[label] > 0, label
    # signups 0003 gave each sign-up the organisation that owned its page.
    for signup in apps.get_model("signups.signup").objects.all():
        owner = (signup.opportunity.organisation if signup.opportunity_id
                 else signup.activity.organiser)
        assert signup.organisation == owner


def test_every_moved_task_path_names_a_task_that_exists():
    """The paths queued tasks are renamed to (migrations 0013 of initiatives, 0004 of alliances)
    import: a worker can run a task queued before the split."""
    from django.tasks import Task
    from django.utils.module_loading import import_string

    moved = {**import_module("initiatives.migrations.0013_queued_tasks_follow_their_code")
             .MOVED_TASKS,
             **import_module("alliances.migrations.0004_queued_tasks_follow_their_code")
             .MOVED_TASKS}
    for old, new in moved.items():
        assert isinstance(import_string(new), Task), new
        with pytest.raises(ImportError):
            import_string(old)
