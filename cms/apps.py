from django.apps import AppConfig
from django.db.models.signals import pre_save
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Editorial pages")

    def ready(self):
        from django_tasks.signals import task_finished, task_started
        from django_tasks_db.models import DBTaskResult

        from . import checks, request_cache, request_id, security, site_cache  # noqa: F401
        from .admin_display import register_display_classes
        from .admin_messages import relabel_image_insertion_form, translate_chooser_labels

        register_display_classes()
        relabel_image_insertion_form()
        translate_chooser_labels()
        site_cache.connect()

        pre_save.connect(request_id.remember_request_id, sender=DBTaskResult)
        task_started.connect(request_id.log_as_request)
        task_finished.connect(request_id.forget_request)
