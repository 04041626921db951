"""Forms for the directory search, supplier profiles in the admin, the bulk import upload and
the SØV sign-up."""

import re

from stdnum.dk import cvr

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm

from accounts.forms import SignupForm, limit_to_own_uploads
from cms.forms import (
    MAX_QUERY_LENGTH,
    FlagField,
    NumberField,
    OptionField,
    QueryStringForm,
    SearchTextField,
    ValuesField,
)

from . import cpv
from .search import terms_of
from .validators import validate_cvr

PUBLISHING_ACTIONS = ("action-publish", "action-submit")
CODE_SEPARATORS = re.compile(r"[,;\n]")
SORTS = {
    "relevance": _("Relevance"),
    "name": _("Name"),
    "newest": _("Newest"),
}
MAX_CODE = 10_000  # municipality and region codes
QUERY_PROBLEMS = {
    "too_long": _(
        "Your search is too long: use at most %(count)s characters, for example a few words "
        "about what you need."
    ),
    "no_words": _("Your search has no letters or digits to search for. Try a word instead."),
}


def query_problem_text(problem):
    """What is wrong with the search words, for the visitor (or "")."""
    return str(QUERY_PROBLEMS[problem]) % {"count": MAX_QUERY_LENGTH} if problem else ""


class DirectorySearchForm(QueryStringForm):
    """The directory's query string (``DirectoryQuery.from_querydict`` reads it through this)."""

    q = SearchTextField(MAX_QUERY_LENGTH)
    cpv = ValuesField(cpv.normalise)
    cpv_q = SearchTextField(100)
    municipality = NumberField(MAX_CODE)
    region = NumberField(MAX_CODE)
    target_group = ValuesField()
    tag = ValuesField()
    rsv = FlagField()
    reserved = FlagField()
    consortia = FlagField()
    sort = OptionField(SORTS)
    reported = ("cpv", "municipality", "region")
    renamed = {"target_groups": "target_group", "tags": "tag"}

    def clean(self):
        values = super().clean()
        flags = (name for name, field in self.fields.items() if isinstance(field, FlagField))
        values["flags"] = frozenset(name for name in flags if values[name])
        values["problem"] = self.query_problem(values["q"])
        return values

    def query_problem(self, words):
        """ "too_long", "no_words" (only emoji or punctuation) or "": the search is not run
        unless it is ""."""
        if len(" ".join(str(self.raw("q") or "").split())) > MAX_QUERY_LENGTH:
            return "too_long"
        return "no_words" if words and not terms_of(words) else ""


class CpvCodesInput(forms.TextInput):
    """CPV codes typed as text, e.g. "90911200, 55520000-1" or "90911200 55520000"; the check
    digit is optional. Commas, semicolons and new lines separate codes; spaces do too, unless
    they are inside one code ("4521 0000")."""

    def format_value(self, value):
        if not value:
            return ""
        if isinstance(value, str):
            return value
        return ", ".join(str(getattr(code, "pk", code)) for code in value)

    def value_from_datadict(self, data, files, name):
        codes = []
        for part in filter(None, map(str.strip, CODE_SEPARATORS.split(data.get(name, "")))):
            words = [cpv.normalise(word) for word in part.split()]
            codes += words if all(words) else [cpv.normalise(part) or part]
        return codes


class SupplierProfileAdminForm(WagtailAdminModelForm):
    """Checks what a profile needs before it is published or sent for approval; an owner's logo is
    one of their own images."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_to_own_uploads(self, self.for_user)

    def clean_cvr(self):
        return cvr.compact(self.cleaned_data.get("cvr") or "")

    def clean(self):
        cleaned = super().clean()
        if any(action in self.data for action in PUBLISHING_ACTIONS):
            if "cpv_codes" in self.fields and not cleaned.get("cpv_codes"):
                self.add_error(
                    "cpv_codes", _("Add at least one CPV code before the profile is published.")
                )
            scope = cleaned.get("delivery_scope")
            if scope == "municipalities" and not cleaned.get("delivery_municipalities"):
                self.add_error(
                    "delivery_municipalities",
                    _("Choose the municipalities you deliver to, or another delivery area."),
                )
            if scope == "regions" and not cleaned.get("delivery_regions"):
                self.add_error(
                    "delivery_regions",
                    _("Choose the regions you deliver to, or another delivery area."),
                )
        return cleaned


class ImportUploadForm(forms.Form):
    """A JSON Lines or CSV file of profiles, uploaded by an editor."""

    MAX_SIZE = 20 * 1024 * 1024

    file = forms.FileField(
        label=_("File"),
        help_text=_("JSON Lines (.jsonl) or CSV (.csv), one profile per line, at most 20 MB."),
    )
    publish = forms.BooleanField(
        label=_("Publish the profiles"),
        required=False,
        help_text=_("Without this the profiles are saved as drafts for the enterprises to claim."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith((".jsonl", ".ndjson", ".json", ".csv")):
            raise ValidationError(_("Upload a .jsonl or .csv file."))
        if upload.size > self.MAX_SIZE:
            raise ValidationError(_("The file is larger than 20 MB."))
        return upload


class SupplierSignupForm(SignupForm):
    cvr = forms.CharField(
        label=_("CVR number"), max_length=20, help_text=_("Your enterprise's 8-digit CVR number.")
    )
    organisation_name = forms.CharField(label=_("Name of the enterprise"), max_length=200)
    field_order = ["cvr", "organisation_name", "full_name", "email", "password1", "password2"]

    def clean_cvr(self):
        """A CVR number already on the list asks for access to that profile instead of creating
        a duplicate; the page never says so, nor names the profile (it may be a draft)."""
        from .models import SupplierProfile  # the models import this module's widgets

        value = cvr.compact(self.cleaned_data["cvr"])
        validate_cvr(value)
        self.existing_profile = SupplierProfile.objects.filter(cvr=value).first()
        return value


class InviteForm(forms.Form):
    full_name = forms.CharField(label=_("Colleague's name"), max_length=150)
    email = forms.EmailField(label=_("Colleague's e-mail"), max_length=254)

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if get_user_model().objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _("This person already has an account. Ask an editor to add them.")
            )
        return email
