from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.components import Component


class OurProfilePanel(Component):
    """Dashboard panel for a social enterprise: each profile's status and what to do next."""

    name = "our_profile"
    order = 10
    template_name = "directory/admin/our_profile_panel.html"
    title = _("Our profile")

    def __init__(self, profiles):
        self.profiles = profiles

    def get_context_data(self, parent_context=None):
        return {"profiles": self.profiles}


class ContactMessagesPanel(Component):
    """Dashboard panel for a social enterprise: the latest messages to its profiles."""

    name = "contact_messages"
    order = 15
    template_name = "directory/admin/contact_messages_panel.html"
    limit = 5

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        from .models import ContactMessage

        messages = ContactMessage.objects.filter(profile__owners=self.user).select_related(
            "profile"
        )
        return {"contact_messages": messages[: self.limit]}


class PermissionFieldPanel(FieldPanel):
    """A field editable with ``permission`` and shown read-only to everyone else.

    Wagtail's form drops a field whose ``permission`` the user lacks, so a forged POST cannot
    change it; a plain ``FieldPanel`` would then hide it, this one shows the saved value with
    ``read_only_help_text``.
    """

    def __init__(self, field_name, *, permission, read_only_help_text=None, **kwargs):
        super().__init__(field_name, permission=permission, **kwargs)
        self.read_only_help_text = read_only_help_text

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "read_only_help_text": self.read_only_help_text}

    class BoundPanel(FieldPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            if self.form is not None and self.bound_field is None:
                self.read_only = True
                db_field = self.panel.db_field
                self.heading = self.panel.heading or capfirst(db_field.verbose_name)
                self.help_text = self.panel.read_only_help_text or capfirst(db_field.help_text)

        def is_shown(self):
            return self.read_only or super().is_shown()
