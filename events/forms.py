"""Public forms: event filters and registration."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from directory.models import Region

from .models import EventPage, Registration


class EventFilterForm(forms.Form):
    """Filters on the event list; unknown values are ignored rather than rejected."""

    type = forms.ChoiceField(
        label=_("Type"),
        required=False,
        choices=[("", _("All types")), *EventPage.EventType.choices],
    )
    region = forms.ModelChoiceField(
        label=_("Region"),
        required=False,
        queryset=Region.objects.all(),
        empty_label=_("All regions"),
        help_text=_("Online events are shown for every region."),
    )
    audience = forms.ChoiceField(
        label=_("For"),
        required=False,
        choices=[("", _("Everyone and all groups")), *EventPage.Audience.choices],
    )

    def filter(self, queryset):
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("type"):
            queryset = queryset.filter(event_type=data["type"])
        if data.get("region"):
            queryset = queryset.filter(
                Q(municipality__region=data["region"])
                | Q(municipality__isnull=True, address="") & ~Q(online_url="")
            )
        if data.get("audience"):
            queryset = queryset.filter(audience__in=[data["audience"], EventPage.Audience.EVERYONE])
        return queryset


class RegistrationForm(forms.ModelForm):
    """Sign-up for one event."""

    consent = forms.BooleanField(
        label=_(
            "I agree that the organiser stores my registration and contacts me about the event."
        ),
        error_messages={"required": _("You must agree before you can register.")},
    )

    class Meta:
        model = Registration
        fields = [
            "name",
            "email",
            "organisation",
            "role",
            "accessibility_needs",
            "dietary_needs",
            "consent",
        ]
        widgets = {
            "role": forms.RadioSelect,
            "accessibility_needs": forms.Textarea(attrs={"rows": 3}),
            "dietary_needs": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "accessibility_needs": _(
                "For example step-free access, sign language or hearing loop."
            ),
            "dietary_needs": _("For example vegetarian, vegan or allergies."),
        }
        error_messages = {
            "name": {"required": _("Enter your name.")},
            "email": {
                "required": _("Enter your e-mail address."),
                "invalid": _("Enter a valid e-mail address, e.g. name@example.dk."),
            },
            "role": {"required": _("Choose your role."), "invalid_choice": _("Choose your role.")},
        }

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["role"].choices = Registration.Role.choices
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["organisation"].widget.attrs["autocomplete"] = "organization"

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if self.event.pk is None:
            return email
        active = self.event.registrations.exclude(status=Registration.Status.CANCELLED)
        if active.filter(email=email).exists():
            raise forms.ValidationError(
                _("This e-mail address is already registered for this event.")
            )
        return email
