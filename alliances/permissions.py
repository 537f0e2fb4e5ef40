"""Who may do what for an organisation in the partner area.

A partner account belongs to organisations through PartnerMembership, as "editor" (Redacteur)
or "admin" (Beheerder van de organisatie). Staff may act for every organisation, but only as
staff: where the admin demands a TOTP code from them (zuidwest.admin_site), so does this.
Staff get no organisations of their own unless they are members.
"""

from zuidwest.admin_site.second_factor import is_verified, needs_second_factor

from .models import Organisation, PartnerMembership, PartnerRole


def _is_active_account(user):
    return bool(user and user.is_authenticated and user.is_active)


def acts_as_staff(user):
    """Staff who may use their staff powers now: verified by a code where the admin needs one."""
    if not (_is_active_account(user) and user.is_staff):
        return False
    return is_verified(user) or not needs_second_factor(user)


def organisations_of(user):
    """The organisations this account belongs to (any role)."""
    if not _is_active_account(user):
        return Organisation.objects.none()
    return Organisation.objects.filter(partner_memberships__user=user).distinct()


def role_in(user, organisation):
    """The account's role in the organisation, or None."""
    if not _is_active_account(user):
        return None
    return (
        PartnerMembership.objects.filter(user=user, organisation=organisation)
        .values_list("role", flat=True)
        .first()
    )


def is_organisation_admin(user, organisation):
    return role_in(user, organisation) == PartnerRole.ADMIN


def can_invite(user, organisation):
    """Organisation admins invite people to their own organisation; staff to any."""
    return is_organisation_admin(user, organisation) or acts_as_staff(user)


class PartnerDirectory:
    """Who belongs to which organisation, for the partner area (zuidwest.partner.accounts)."""

    def organisations_of(self, user):
        return organisations_of(user)

    def memberships_of(self, user):
        from zuidwest.partner.accounts import Membership

        if not _is_active_account(user):
            return []
        memberships = PartnerMembership.objects.filter(user=user).select_related(
            "organisation").order_by("organisation__name")
        return [Membership(membership.organisation, membership.role == PartnerRole.ADMIN)
                for membership in memberships]
