"""Keep stored occurrences in step with activities and their cancelled dates."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Activity, ActivityCancellation, Occurrence, Place
from .occurrences import refresh_occurrences


def _refresh_after_commit(activity_id):
    transaction.on_commit(
        lambda: refresh_occurrences(Activity.objects.filter(pk=activity_id))
    )


@receiver(post_save, sender=Activity)
def activity_saved(sender, instance, raw=False, **kwargs):
    if not raw:  # loaddata: the refresh_occurrences command runs afterwards
        _refresh_after_commit(instance.pk)


@receiver([post_save, post_delete], sender=ActivityCancellation)
def cancellation_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _refresh_after_commit(instance.activity_id)


@receiver(post_save, sender=Place)
def place_saved(sender, instance, raw=False, **kwargs):
    """Publishing or withdrawing a place lists or unlists its activities' dates."""
    if not raw:
        transaction.on_commit(
            lambda: Occurrence.objects.filter(activity__place=instance.pk).refresh_listed())
