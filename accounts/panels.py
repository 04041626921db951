from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.components import Component

from .models import Account


class PendingAccountsPanel(Component):
    """Dashboard panel for editors: sign-ups waiting for a decision."""

    name = "pending_accounts"
    order = 50
    template_name = "accounts/admin/pending_panel.html"
    title = _("Awaiting approval")

    def get_context_data(self, parent_context=None):
        pending = Account.objects.filter(status=Account.Status.AWAITING_APPROVAL)
        return {"accounts": pending.select_related("user")[:10], "count": pending.count()}
