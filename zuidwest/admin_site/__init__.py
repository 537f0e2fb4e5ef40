"""The admin site at /beheer/ (site) and the second-factor rule for staff (second_factor)."""
