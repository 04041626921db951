"""Public forms of the tender plan: its search, expressing interest and the buyer sign-up."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import SignupForm
from cms.forms import (
    MAX_QUERY_LENGTH,
    FlagField,
    NumberField,
    OptionField,
    QueryStringForm,
    SearchTextField,
    ValuesField,
)
from directory import cpv
from directory.models import SupplierProfile
from directory.validators import validate_cvr

from .models import (
    AlertSetting,
    BuyerOrganisation,
    InterestExpression,
    Procedure,
    Reservation,
    SavedSearch,
    Status,
)

OTHER_BODY = "other"
MAX_ID = 1_000_000_000
WINDOWS = {
    "3": (3, _("Next 3 months")),
    "6": (6, _("Next 6 months")),
    "12": (12, _("Next 12 months")),
}
VALUE_RANGES = {
    "lt500k": (None, 500_000, _("Under DKK 500,000")),
    "500k-3m": (500_000, 3_000_000, _("DKK 500,000 to 3 million")),
    "3m-10m": (3_000_000, 10_000_000, _("DKK 3 to 10 million")),
    "gt10m": (10_000_000, None, _("More than DKK 10 million")),
    "unknown": (None, None, _("Not yet known")),
}


class TenderPlanSearchForm(QueryStringForm):
    """The tender plan's query string (``TenderPlanQuery.from_querydict`` reads it through this)."""

    q = SearchTextField(MAX_QUERY_LENGTH)
    cpv = ValuesField(cpv.normalise)
    organisation = ValuesField(NumberField(MAX_ID).to_python)
    municipality = NumberField(MAX_ID)
    region = NumberField(MAX_ID)
    procedure = ValuesField(allowed=set(Procedure.values))
    reservation = ValuesField(allowed=set(Reservation.values))
    value = ValuesField(allowed=set(VALUE_RANGES))
    window = OptionField(WINDOWS)
    status = ValuesField(allowed=set(Status.values))
    match = FlagField()
    reported = ("cpv", "municipality", "region")


class InterestForm(forms.ModelForm):
    """A social enterprise's interest in an entry; the entry must still take interest."""

    supplier = forms.ModelChoiceField(
        label=_("Social enterprise"),
        queryset=None,
        empty_label=None,
        error_messages={"invalid_choice": _("Choose one of your own live profiles.")},
    )

    class Meta:
        model = InterestExpression
        fields = ["supplier", "role", "message", "visible_to_others", "shown_publicly"]
        widgets = {"role": forms.RadioSelect, "message": forms.Textarea(attrs={"rows": 4})}
        error_messages = {"role": {"required": _("Choose the role you are interested in.")}}

    def __init__(self, *args, entry, profiles, **kwargs):
        super().__init__(*args, **kwargs)
        self.entry = entry
        self.fields["supplier"].queryset = profiles
        self.fields["supplier"].widget.attrs["class"] = "form-select"
        self.fields["role"].choices = InterestExpression.Role.choices
        self.fields["message"].help_text = _(
            "Optional: what you can deliver, questions for the buyer. At most 2,000 characters."
        )
        if self.instance.pk:
            del self.fields["supplier"]

    def clean_supplier(self):
        supplier = self.cleaned_data["supplier"]
        if InterestExpression.objects.active().filter(entry=self.entry, supplier=supplier).exists():
            raise forms.ValidationError(
                _(
                    "%(name)s has already expressed interest in this purchase. You can change "
                    "or withdraw that interest instead."
                ),
                params={"name": supplier.name},
            )
        return supplier

    def clean(self):
        cleaned = super().clean()
        if not self.entry.accepts_interest:
            raise forms.ValidationError(
                _(
                    "The deadline for expressions of interest has passed, so this purchase "
                    "takes no more interest."
                )
                if self.entry.deadline_passed
                else _("This purchase no longer takes expressions of interest.")
            )
        return cleaned

    def validate_unique(self):
        """Uniqueness is checked in clean_supplier; a withdrawn interest is reused."""


def organisation_choices():
    groups = {kind: [] for kind in BuyerOrganisation.Kind.values}
    for pk, name, kind in BuyerOrganisation.objects.values_list("pk", "name", "kind"):
        groups[kind].append((str(pk), name))
    choices = [("", _("Choose your organisation"))]
    for kind, label in BuyerOrganisation.Kind.choices:
        if groups[kind]:
            choices.append((label, groups[kind]))
    choices.append((OTHER_BODY, _("Another public body, not in the list")))
    return choices


class BuyerSignupForm(SignupForm):
    """Sign-up for a public buyer: the person plus the organisation they buy for."""

    organisation = forms.ChoiceField(
        label=_("Organisation"),
        help_text=_("The municipality, region or public body you buy for."),
        error_messages={
            "required": _("Choose your organisation, or “Another public body”."),
            "invalid_choice": _("Choose an organisation from the list."),
        },
    )
    other_name = forms.CharField(
        label=_("Name of the public body"),
        max_length=200,
        required=False,
        help_text=_("Only when your organisation is not in the list."),
    )
    other_cvr = forms.CharField(
        label=_("CVR number of the public body"),
        max_length=20,
        required=False,
        help_text=_("8 digits. Only when your organisation is not in the list."),
    )

    field_order = [
        "full_name",
        "email",
        "organisation",
        "other_name",
        "other_cvr",
        "password1",
        "password2",
        "accept_terms",
        "website",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = organisation_choices()
        self.fields["organisation"].widget.attrs.update(
            {"class": "form-select", "aria-describedby": "id_organisation-hint"}
        )

    def clean_organisation(self):
        value = self.cleaned_data["organisation"]
        if value == OTHER_BODY:
            return None
        organisation = BuyerOrganisation.objects.filter(pk=value).first()
        if organisation is None:
            raise forms.ValidationError(_("Choose an organisation from the list."))
        return organisation

    def clean_other_cvr(self):
        value = "".join(self.cleaned_data["other_cvr"].split())
        if value:
            validate_cvr(value)
        return value

    def clean_other_name(self):
        return " ".join(self.cleaned_data["other_name"].split())

    def clean(self):
        cleaned = super().clean()
        if "organisation" not in cleaned or cleaned["organisation"] is not None:
            return cleaned
        name, cvr = cleaned.get("other_name"), cleaned.get("other_cvr")
        if not name:
            self.add_error("other_name", _("Give the name of your public body."))
        if not cvr and "other_cvr" not in self.errors:
            self.add_error("other_cvr", _("Give the CVR number of your public body."))
        listed = BuyerOrganisation.objects.filter(name__iexact=name).first() if name else None
        if listed is not None:
            self.add_error(
                "organisation",
                _("%(name)s is already in the list: choose it there.") % {"name": listed.name},
            )
        elif cvr and (known := BuyerOrganisation.objects.filter(cvr=cvr).first()):
            # A known CVR number asks to join that organisation; the page does not say so.
            cleaned["organisation"] = known
        return cleaned

    @property
    def organisation_name(self):
        organisation = self.cleaned_data["organisation"]
        return organisation.name if organisation else self.cleaned_data["other_name"]


class InvitationForm(forms.Form):
    supplier = forms.ModelChoiceField(
        queryset=SupplierProfile.objects.live(),
        widget=forms.HiddenInput,
        error_messages={
            "invalid_choice": _("That social enterprise is no longer in the directory.")
        },
    )
    message = forms.CharField(
        label=_("Message (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AlertSettingForm(forms.ModelForm):
    class Meta:
        model = AlertSetting
        fields = ["frequency"]
        widgets = {"frequency": forms.RadioSelect}


class SavedSearchForm(forms.Form):
    """An e-mail address for a search from a results page (its query string, read as that page
    reads it), and a honeypot."""

    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_("We send a link to confirm it. You can stop the e-mails at any time."),
        error_messages={
            "required": _("Enter your e-mail address."),
            "invalid": _("Enter a valid e-mail address, like navn@eksempel.dk."),
        },
    )
    kind = forms.CharField(widget=forms.HiddenInput, required=False)
    query = forms.CharField(widget=forms.HiddenInput, required=False, max_length=4000)
    # Humans never see this field; bots that fill every field do.
    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError(_("Leave this field empty."))
        return ""

    def clean(self):
        from .saved_searches import normalised  # it reads queries, which import this module

        cleaned = super().clean()
        if cleaned.get("kind") not in SavedSearch.Kind.values or "query" not in cleaned:
            raise forms.ValidationError(
                _("We could not read this search. Go back to the results and try again.")
            )
        cleaned["query"] = normalised(cleaned["kind"], cleaned["query"])
        if len(cleaned["query"]) > SavedSearch._meta.get_field("query").max_length:
            raise forms.ValidationError(_("This search is too long to save. Use fewer filters."))
        return cleaned
