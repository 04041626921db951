"""The admin form for tender plan entries: buyers pick only their own organisations and
documents."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm

from accounts.forms import limit_to_own_uploads
from accounts.groups import is_editor
from directory import cpv

SEPARATORS = re.compile(r"[\s,;]+")


class CpvCodesInput(forms.TextInput):
    """CPV codes typed as text, e.g. "90911200, 55520000-1"; the check digit is optional."""

    def format_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(str(code) for code in value)
        return super().format_value(value)

    def value_from_datadict(self, data, files, name):
        raw = data.get(name, "")
        return [cpv.normalise(part) or part for part in SEPARATORS.split(raw) if part]


class TenderPlanEntryAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cpv = self.fields.get("cpv_codes")
        if cpv is not None:
            cpv.widget = CpvCodesInput()
            cpv.help_text = _(
                "One or more 8-digit CPV codes separated by commas, e.g. 90911200 for cleaning "
                "of buildings. Find codes in the supplier directory's CPV filter."
            )
            cpv.error_messages["required"] = _("Give at least one CPV code.")
            cpv.error_messages["invalid_choice"] = _("%(value)s is not a CPV code.")
            cpv.error_messages["invalid_pk_value"] = _("%(pk)s is not a CPV code.")
        organisation = self.fields.get("organisation")
        user = self.for_user
        if organisation is not None and user is not None and not is_editor(user):
            organisation.queryset = organisation.queryset.filter(members=user)
            organisation.empty_label = None
        for formset in self.formsets.values():
            for form in formset.forms:
                limit_to_own_uploads(form, user)
