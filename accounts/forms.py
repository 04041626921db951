"""Sign-up, login and account forms shared by the supplier and buyer sign-ups, and the rule on
whose uploads an admin form may attach."""

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm
from wagtail.admin.forms.auth import PasswordResetForm as WagtailPasswordResetForm
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from .groups import is_editor
from .models import Account
from .services import user_language


class ResendConfirmationForm(forms.Form):
    """The e-mail address of an account that still needs its confirmation link."""

    email = forms.EmailField(label=_("E-mail address"), max_length=254)


class SignupForm(forms.Form):
    """Name, e-mail, password, consent and a honeypot; subclasses add the organisation."""

    full_name = forms.CharField(label=_("Your name"), max_length=150)
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("We send a confirmation link to this address."),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters; not only numbers and not a common password."),
    )
    password2 = forms.CharField(
        label=_("Repeat the password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    accept_terms = forms.BooleanField(
        label=_("I accept the terms of use and have read the privacy policy"),
        error_messages={"required": _("You must accept the terms to create an account.")},
    )
    # Humans never see this field; bots that fill every field do.
    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def clean_email(self):
        """Normalised; whether it already has an account is never said here (see
        ``accounts.services.answer_taken_email``)."""
        return self.cleaned_data["email"].strip().lower()

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError(_("Leave this field empty."))
        return ""

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords are not the same."))
        elif password1:
            first, _space, last = cleaned.get("full_name", "").partition(" ")
            probe = get_user_model()(
                username=cleaned.get("email", ""),
                email=cleaned.get("email", ""),
                first_name=first,
                last_name=last,
            )
            try:
                password_validation.validate_password(password1, probe)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class LoginForm(WagtailLoginForm):
    """Wagtail's login form, telling a user whose account is not active yet why."""

    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError:
            self._explain_inactive_account()
            raise

    def _explain_inactive_account(self):
        username, password = self.cleaned_data.get("username"), self.cleaned_data.get("password")
        user = get_user_model().objects.filter(username__iexact=username or "").first()
        if user is None or user.is_active or not user.check_password(password or ""):
            return
        status = getattr(getattr(user, "account", None), "status", None)
        messages = {
            Account.Status.UNCONFIRMED: _(
                "Confirm your e-mail address first: click the link in the e-mail we sent you."
            ),
            Account.Status.AWAITING_APPROVAL: _(
                "Your account is awaiting approval by an editor. You will get an e-mail when "
                "it is approved."
            ),
            Account.Status.REJECTED: _(
                "Your sign-up was not approved. Contact us if you have questions."
            ),
        }
        if status in messages:
            raise forms.ValidationError(messages[status], code="inactive")


class PasswordResetForm(WagtailPasswordResetForm):
    """Wagtail's password reset form, e-mailing each user in their own language rather than the
    language of the page they asked on."""

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        with translation.override(user_language(context["user"])):
            super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Sent to the applicant."),
        max_length=2000,
    )


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not correct."))
        return password


def limit_to_own_uploads(form, user):
    """Let a non-editor choose only images and documents they uploaded themselves (or keep the one
    the form already holds): someone else's id is refused with a clear message, and the chooser
    never shows that upload back."""
    if user is None or is_editor(user):
        return
    messages = {
        get_image_model(): _(
            "Choose an image you uploaded yourself; upload it first if it is not there."
        ),
        get_document_model(): _(
            "Choose a document you uploaded yourself; upload it first if it is not there."
        ),
    }
    for name, field in form.fields.items():
        model = getattr(getattr(field, "queryset", None), "model", None)
        if model not in messages:
            continue
        field.queryset = field.queryset.filter(
            Q(uploaded_by_user=user) | Q(pk=form.initial.get(name))
        )
        field.error_messages["invalid_choice"] = messages[model]
        field.widget.get_instance = _only_from(field.queryset, field.widget.get_instance)


def _only_from(queryset, get_instance):
    def get_allowed_instance(value):
        instance = get_instance(value)
        if instance is None or not queryset.filter(pk=instance.pk).exists():
            return None
        return instance

    return get_allowed_instance
