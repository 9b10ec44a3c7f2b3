"""Soft deletion: records a user removes are hidden, never dropped, so history stays whole.

``objects`` sees live rows only; ``all_objects`` sees everything (for history pages and audits).
Related-object access uses Django's base manager, so a live assignment still reaches a removed
commitment's row rather than failing.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class LiveQuerySet(models.QuerySet):
    def live(self) -> LiveQuerySet:
        return self.filter(deleted_at__isnull=True)


class LiveManager(models.Manager.from_queryset(LiveQuerySet)):
    def get_queryset(self) -> LiveQuerySet:
        return super().get_queryset().filter(deleted_at__isnull=True)


class SoftDeleteModel(models.Model):
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.PROTECT, related_name="+"
    )

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        abstract = True

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    def mark_deleted(self, *, user) -> None:
        """Hide the row; callers save it (inside their service's transaction, with a reason)."""
        self.deleted_at = timezone.now()
        self.deleted_by = user
