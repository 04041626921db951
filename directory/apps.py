from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Supplier directory")

    def ready(self):
        from cms.site_cache import watch

        from .models import TargetGroup

        watch(TargetGroup)  # ``views.localized_target_groups`` is kept in the site cache
