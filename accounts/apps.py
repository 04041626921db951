from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from .groups import sync_group_permissions

        post_migrate.connect(sync_group_permissions, dispatch_uid="accounts.sync_group_permissions")
