import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from alliances.models import Organisation, PartnerMembership, PartnerRole

EMAIL = "partner@voorbeeld.example"
# A demo organisation with places, activities and initiatives to edit.
ORGANISATION = "jongerencollectief-opstap"


class Command(BaseCommand):
    help = (
        "For local runs only: create a partner account for a demo organisation (so the partner "
        "area can be tried without an invitation mail) and print its password once. Does "
        "nothing when the account exists or the demo data is not loaded."
    )

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("Not in production: partners get an account by invitation.")
        organisation = Organisation.objects.filter(slug=ORGANISATION, is_demo=True).first()
        if organisation is None:
            return
        port = os.environ.get("PORT", "8000")
        users = get_user_model().objects
        if users.filter(username=EMAIL).exists():
            self.stdout.write(f"Partner area: http://127.0.0.1:{port}/partner/ as '{EMAIL}' "
                              "(password shown when it was created).")
            return
        password = secrets.token_urlsafe(12)
        user = users.create_user(EMAIL, email=EMAIL, password=password,
                                 first_name="Voorbeeld", last_name="Partner")
        PartnerMembership.objects.create(user=user, organisation=organisation,
                                         role=PartnerRole.ADMIN)
        self.stdout.write(self.style.SUCCESS(
            f"Created a demo partner account for {organisation.name}. Log in at "
            f"http://127.0.0.1:{port}/partner/inloggen/\n"
            f"  e-mail: {EMAIL}\n  password: {password}\nThis password is shown only now."
        ))
