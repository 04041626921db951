"""Forms for the directory search, supplier profiles in the admin, the bulk import upload, the
SØV sign-up and the contact form on a profile page."""

import json
import re

from stdnum.dk import cvr

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext
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


def picker_messages():
    """The CPV picker's texts that its JavaScript composes (``%s`` for the code or number)."""
    return {
        "remove": gettext("Remove"),
        "choose": gettext("Choose"),
        "open": gettext("Subcodes"),
        "chosen": gettext("chosen"),
        "added": gettext("%s added."),
        "removed": gettext("%s removed."),
        "found": gettext("CPV codes found: %s. Choose with the arrow keys and Enter."),
        "more": gettext("The first %s are shown; type more words to narrow the search."),
        "none": gettext("No CPV code matches. Try another word or fewer words."),
        "failed": gettext("The CPV codes could not be fetched. Type the codes in the field."),
        "unknown": gettext("unknown code"),
        "divisions": gettext("All divisions"),
        "below": gettext("Codes below %s:"),
        "top": gettext("The divisions:"),
        "yours": gettext("Your competences:"),
    }


class CpvPickerInput(CpvCodesInput):
    """The CPV text input and, with JavaScript (``static/js/cpv-picker.js``), a picker above it:
    search by words or code, browse from the divisions, the chosen codes as a list. The text
    input stays what the form submits. ``multiple=False`` takes one code; ``suggest_from`` names
    the form field whose codes are offered first."""

    template_name = "directory/widgets/cpv_picker.html"

    class Media:
        js = ["js/cpv-picker.js"]
        css = {"all": ["css/pickers.css"]}

    def __init__(self, attrs=None, multiple=True, suggest_from=""):
        super().__init__(attrs)
        self.multiple = multiple
        self.suggest_from = suggest_from

    def value_from_datadict(self, data, files, name):
        codes = super().value_from_datadict(data, files, name)
        if self.multiple:
            return codes
        return codes[0] if len(codes) == 1 else data.get(name, "")

    def get_context(self, name, value, attrs):
        from .models import CpvCode

        context = super().get_context(name, value, attrs)
        codes = [cpv.normalise(c) for c in CODE_SEPARATORS.split(context["widget"]["value"] or "")]
        labels = {c.code: c.label for c in CpvCode.objects.filter(code__in=filter(None, codes))}
        context["picker"] = {
            "url": reverse("directory_cpv:codes"),
            "multiple": self.multiple,
            "suggest_from": self.suggest_from,
            "labels": json.dumps(labels, ensure_ascii=False),
            "messages": json.dumps(picker_messages(), ensure_ascii=False),
        }
        return context


class MunicipalitiesByRegion(forms.CheckboxSelectMultiple):
    """Municipality checkboxes in one group per region; with JavaScript
    (``static/js/delivery-area.js``) each group has a "the whole region" box that ticks them all.
    """

    template_name = "directory/widgets/municipalities_by_region.html"

    class Media:
        js = ["js/delivery-area.js"]
        css = {"all": ["css/pickers.css"]}

    def optgroups(self, name, value, attrs=None):
        from .models import Municipality

        region_of = {m.code: m.region for m in Municipality.objects.select_related("region")}
        groups = {}
        for _group, options, _index in super().optgroups(name, value, attrs):
            for option in options:
                region = region_of.get(getattr(option["value"], "value", option["value"]))
                groups.setdefault(region, []).append(option)
        ordered = sorted(groups.items(), key=lambda item: str(item[0] or ""))
        return [(region, options, i) for i, (region, options) in enumerate(ordered)]


def translated_name(group):
    """A target group's name in the active language (profiles link to the Danish ones)."""
    from .models import localized_target_groups  # the models import this module

    return getattr(localized_target_groups().get(group.translation_key), "name", group.name)


class SupplierProfileAdminForm(WagtailAdminModelForm):
    """Checks what a profile needs before it is published or sent for approval; an owner's logo is
    one of their own images."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_to_own_uploads(self, self.for_user)
        if "target_groups" in self.fields:
            self.fields["target_groups"].label_from_instance = translated_name

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


MAX_MESSAGE_LENGTH = 5000


class ContactForm(forms.Form):
    """A visitor's message to a SØV, with a honeypot field humans never see."""

    name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        error_messages={"required": _("Write your name.")},
    )
    email = forms.EmailField(
        label=_("Your e-mail"),
        max_length=254,
        help_text=_("The enterprise answers you here, and we send you a copy of your message."),
        error_messages={
            "required": _("Write your e-mail address."),
            "invalid": _("Write a valid e-mail address, like name@example.dk."),
        },
    )
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    subject = forms.CharField(
        label=_("Subject"),
        max_length=200,
        error_messages={"required": _("Write a subject.")},
    )
    message = forms.CharField(
        label=_("Message"),
        max_length=MAX_MESSAGE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("At most 5,000 characters."),
        error_messages={
            "required": _("Write a message."),
            "max_length": _(
                "The message can be at most %(limit_value)d characters long; "
                "it is %(show_value)d characters."
            ),
        },
    )
    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())  # one line: it goes into a subject

    def clean_subject(self):
        return " ".join(self.cleaned_data["subject"].split())

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise ValidationError(_("Leave this field empty."))
        return ""


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
