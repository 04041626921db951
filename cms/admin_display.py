"""Values in admin listings and inspect views as words: "Ja"/"Nej", a dash for nothing.

Wagtail shows a boolean as ``True``/``False`` (or an icon titled so) and an empty date as
``None``; ``YesNoColumn`` is for listings, ``register_display_classes`` for inspect views.
"""

from django.db import models
from django.utils.formats import localize
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.timezone import template_localtime
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.fields import BaseFieldDisplay, register_display_class
from wagtail.admin.ui.tables import Column

EMPTY = "—"


def yes_no(value):
    if value is None:
        return EMPTY
    return _("Yes") if value else _("No")


class YesNoColumn(Column):
    """A listing column for a boolean field: "Ja" or "Nej"."""

    def get_value(self, instance):
        return yes_no(super().get_value(instance))


class YesNoDisplay(BaseFieldDisplay):
    def render_html(self, parent_context=None):
        return format_html("{}", yes_no(self.value))


class OrEmptyDisplay(BaseFieldDisplay):
    """A date or time as the templates show it, or a dash when there is none."""

    def render_html(self, parent_context=None):
        if self.value is None:
            return EMPTY
        return format_html("{}", localize(template_localtime(self.value)))


def register_display_classes():
    register_display_class(models.BooleanField, display_class=YesNoDisplay)
    register_display_class(models.DateTimeField, display_class=OrEmptyDisplay)
    register_display_class(models.DateField, display_class=OrEmptyDisplay)


def yes_no_column(model, field_name):
    """A sortable ``YesNoColumn`` labelled with the field's verbose name."""
    field = model._meta.get_field(field_name)
    return YesNoColumn(field_name, label=capfirst(field.verbose_name), sort_key=field_name)
