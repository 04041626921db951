from django.utils.translation import gettext_lazy as _

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
