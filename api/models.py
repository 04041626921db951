"""Records the public API keeps about objects that left the public data."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Tombstone(models.Model):
    """A supplier profile, tender plan entry or event that was unpublished or deleted.

    Mirrors read these through ``/api/v1/deleted/`` and remove the object; republishing the
    object removes its tombstone again.
    """

    class Kind(models.TextChoices):
        SUPPLIER = "supplier", _("Supplier")
        TENDER = "tender", _("Tender")
        EVENT = "event", _("Event")

    class Reason(models.TextChoices):
        UNPUBLISHED = "unpublished", _("Unpublished")
        DELETED = "deleted", _("Deleted")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField(_("object id"))
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    removed_at = models.DateTimeField(_("removed at"), db_index=True)

    class Meta:
        ordering = ["removed_at", "id"]
        verbose_name = _("tombstone")
        verbose_name_plural = _("tombstones")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="api_tombstone_unique")
        ]
        indexes = [models.Index(fields=["removed_at", "id"], name="api_tombstone_order")]

    def __str__(self):
        return f"{self.kind} {self.object_id} ({self.reason})"
