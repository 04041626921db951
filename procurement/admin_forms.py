"""The admin form for tender plan entries: buyers pick only their own organisations and
documents."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm

from accounts.forms import limit_to_own_uploads
from accounts.groups import is_editor
from directory.forms import CpvPickerInput


class TenderPlanEntryAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        codes = self.fields.get("cpv_codes")
        if codes is not None:
            codes.widget = CpvPickerInput()
            codes.help_text = _(
                "One or more 8-digit CPV codes separated by commas, e.g. 90911200 for cleaning "
                "of buildings. Find codes in the supplier directory's CPV filter."
            )
            codes.error_messages["required"] = _("Give at least one CPV code.")
            codes.error_messages["invalid_choice"] = _("%(value)s is not a CPV code.")
            codes.error_messages["invalid_pk_value"] = _("%(pk)s is not a CPV code.")
        organisation = self.fields.get("organisation")
        user = self.for_user
        if organisation is not None and user is not None and not is_editor(user):
            organisation.queryset = organisation.queryset.filter(members=user)
            organisation.empty_label = None
        for formset in self.formsets.values():
            for form in formset.forms:
                limit_to_own_uploads(form, user)
