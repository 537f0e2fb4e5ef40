"""Who belongs to which organisation: the partner area asks the organisation directory, which
the app that keeps organisations and accounts registers in its AppConfig.ready() (alliances).
The partner area itself knows nothing of how memberships are stored."""

from dataclasses import dataclass
from typing import Protocol

from django.db import models

from zuidwest.registry import Registry


@dataclass(frozen=True)
class Membership:
    organisation: models.Model
    is_admin: bool  # may invite colleagues


class OrganisationDirectory(Protocol):
    def organisations_of(self, user) -> models.QuerySet:
        """The organisations this account belongs to (none for anonymous or inactive users)."""

    def memberships_of(self, user) -> list[Membership]:
        """The account's memberships, ordered for display."""


# One directory: a second registration is refused like any other duplicate.
directories: Registry[str, OrganisationDirectory] = Registry(
    "organisation directory", lambda directory: "organisations")


def register_directory(directory: OrganisationDirectory) -> OrganisationDirectory:
    return directories.register(directory)


def directory() -> OrganisationDirectory:
    return directories.get("organisations")


def organisations_of(user) -> models.QuerySet:
    return directory().organisations_of(user)


def memberships_of(user) -> list[Membership]:
    return directory().memberships_of(user)
