"""Partner accounts: logging in, invitations, password reset, the own account page."""
