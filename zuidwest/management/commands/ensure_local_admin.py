import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "beheer"
# On the reserved example domain (RFC 2606), like the local partner account: the local mail
# backend shows the staff mails ("waits for review") without sending them anywhere.
EMAIL = "beheer@voorbeeld.example"


class Command(BaseCommand):
    help = (
        "For local runs only: create the staff account 'beheer' with a random password and "
        "print it once. An existing account without an e-mail address gets one."
    )

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("Not in production: use 'manage.py createsuperuser' there.")
        users = get_user_model().objects
        existing = users.filter(username=USERNAME).first()
        if existing is not None:
            if not existing.email:  # made before local accounts had an address
                existing.email = EMAIL
                existing.save(update_fields=["email"])
            self.stdout.write(
                f"Admin: http://127.0.0.1:{self._port()}/beheer/ as '{USERNAME}' (password "
                "shown when it was created; reset it with "
                f"'.venv/bin/python manage.py changepassword {USERNAME}')."
            )
            return
        password = secrets.token_urlsafe(12)
        users.create_superuser(USERNAME, email=EMAIL, password=password)
        self.stdout.write(self.style.SUCCESS(
            f"Created a local admin account. Log in at http://127.0.0.1:{self._port()}/beheer/\n"
            f"  username: {USERNAME}\n  password: {password}\n  e-mail: {EMAIL}\n"
            "This password is shown only now."
        ))

    def _port(self):
        return os.environ.get("PORT", "8000")
