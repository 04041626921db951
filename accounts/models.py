"""User accounts: e-mail confirmation and editor approval of sign-ups."""

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Account(models.Model):
    """Where a user's sign-up stands: confirmed e-mail, then an editor's approval."""

    class Kind(models.TextChoices):
        SUPPLIER = "supplier", _("Social enterprise")
        BUYER = "buyer", _("Public buyer")

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("E-mail not confirmed")
        AWAITING_APPROVAL = "awaiting_approval", _("Awaiting approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="account"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    organisation_name = models.CharField(_("organisation"), max_length=255)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.UNCONFIRMED
    )
    email_confirmed_at = models.DateTimeField(_("e-mail confirmed"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    claim_cvr = models.CharField(
        _("asks for access to the profile with CVR"),
        max_length=8,
        blank=True,
        help_text=_("Set when the applicant asked to join an existing profile."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("account")
        verbose_name_plural = _("accounts")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.user.get_full_name()} <{self.user.email}> ({self.organisation_name})"

    def confirm_email(self):
        if self.status != self.Status.UNCONFIRMED:
            return False
        self.status = self.Status.AWAITING_APPROVAL
        self.email_confirmed_at = timezone.now()
        self.save(update_fields=["status", "email_confirmed_at"])
        return True

    @transaction.atomic
    def approve(self, by):
        self.status = self.Status.APPROVED
        self.decided_at, self.decided_by, self.rejection_reason = timezone.now(), by, ""
        self.save(update_fields=["status", "decided_at", "decided_by", "rejection_reason"])
        self.user.is_active = True
        self.user.save(update_fields=["is_active"])

    @transaction.atomic
    def reject(self, by, reason):
        self.status = self.Status.REJECTED
        self.decided_at, self.decided_by, self.rejection_reason = timezone.now(), by, reason
        self.save(update_fields=["status", "decided_at", "decided_by", "rejection_reason"])
        self.user.is_active = False
        self.user.save(update_fields=["is_active"])
