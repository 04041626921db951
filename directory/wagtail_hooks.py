"""Every hook registration of the directory: snippets, the permission policy, account hooks."""

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from accounts.groups import SUPPLIERS
from accounts.services import OfflineReason, erase_contact, take_offline

from .demo import load_demo_profiles
from .models import ContactMessage, SupplierProfile
from .permissions import message_policy, profile_policy
from .search import supplier_search_section
from .services import grant_claimed_profile, tell_owners_of_access_request
from .viewsets import DirectoryViewSetGroup

register_permission_policy(SupplierProfile, profile_policy)
register_permission_policy(ContactMessage, message_policy)
register_snippet(DirectoryViewSetGroup)
hooks.register("load_demo_data", load_demo_profiles)
hooks.register("site_search_section", supplier_search_section)

PROFILE_NAMESPACE = "wagtailsnippets_directory_supplierprofile"
MESSAGE_NAMESPACE = "wagtailsnippets_directory_contactmessage"


@hooks.register("restricted_admin_namespaces")
def supplier_admin_namespaces():
    return [PROFILE_NAMESPACE, MESSAGE_NAMESPACE, "directory_owner", "directory_cpv"]


@hooks.register("group_permissions")
def supplier_permissions():
    return {
        SUPPLIERS: [
            "directory.change_supplierprofile",
            "directory.view_supplierprofile",
            "directory.lock_supplierprofile",
            "directory.view_contactmessage",
        ]
    }


@hooks.register("account_confirmed")
def account_confirmed(account):
    tell_owners_of_access_request(account)


@hooks.register("account_approved")
def account_approved(account):
    grant_claimed_profile(account)


@hooks.register("personal_data")
def personal_data(user):
    profiles = SupplierProfile.objects.filter(owners=user)
    return {
        "supplier_profiles": [
            {
                "name": p.name,
                "cvr": p.cvr,
                "live": p.live,
                "contact_name": p.contact_name,
                "email": p.email,
                "phone": p.phone,
                "co_owners": [u.email for u in p.owners.exclude(pk=user.pk)],
                "url": p.url if p.live else None,
            }
            for p in profiles
        ],
        "contact_messages_received": _messages_data(
            ContactMessage.objects.filter(profile__owners=user)
        ),
        "contact_messages_sent": _messages_data(_messages_sent_by(user)),
    }


def _messages_sent_by(user):
    if not user.email:
        return ContactMessage.objects.none()
    return ContactMessage.objects.filter(email__iexact=user.email)


def _messages_data(messages):
    return [
        {
            "to": m.profile.name,
            "name": m.name,
            "email": m.email,
            "organisation": m.organisation,
            "subject": m.subject,
            "message": m.message,
            "sent_at": m.created_at,
        }
        for m in messages.select_related("profile").order_by("created_at", "pk")
    ]


CONTACT_FIELDS = ("contact_name", "email", "phone")


@hooks.register("delete_personal_data")
def delete_personal_data(user):
    """A profile whose last owner leaves goes offline and loses its contact person, also in its
    revisions, and the messages sent to it; a profile other owners keep loses the contact person
    only where it is the user. The messages the user sent to SØVs are deleted too."""
    _messages_sent_by(user).delete()
    for profile in SupplierProfile.objects.filter(owners=user):
        if profile.owners.exclude(pk=user.pk).exists():
            erase_contact(profile, CONTACT_FIELDS, user)
        else:
            take_offline(profile, OfflineReason.LAST_OWNER_DELETED)
            erase_contact(profile, CONTACT_FIELDS)
            profile.contact_messages.all().delete()


@hooks.register("personal_data_actions")
def offline_actions(request):
    return [
        {
            "title": _("Take %(name)s offline") % {"name": profile.name},
            "description": _(
                "The profile disappears from the public list, search and exports at once. "
                "Submit it for moderation again to bring it back."
            ),
            "label": _("Take the profile offline"),
            "url": reverse("directory_owner:take_offline", args=[profile.pk]),
        }
        for profile in SupplierProfile.objects.filter(owners=request.user, live=True)
    ]


@hooks.register("register_admin_urls")
def owner_admin_urls():
    from django.urls import include

    from . import owner_views

    patterns = [
        path("", owner_views.my_profile, name="my_profile"),
        path("<int:pk>/offline/", owner_views.take_offline, name="take_offline"),
        path("<int:pk>/kolleger/", owner_views.invite_colleague, name="invite"),
    ]
    return [path("vores-profil/", include((patterns, "directory_owner")))]


@hooks.register("register_admin_urls")
def cpv_picker_urls():
    from django.urls import include

    from .cpv_views import cpv_codes

    patterns = [path("", cpv_codes, name="codes")]
    return [path("cpv-koder/", include((patterns, "directory_cpv")))]


class SupplierMenuItem(MenuItem):
    def is_shown(self, request):
        return SupplierProfile.objects.filter(owners=request.user).exists()


@hooks.register("register_admin_menu_item")
def our_profile_menu_item():
    return SupplierMenuItem(
        _("Our profile"), reverse("directory_owner:my_profile"), icon_name="group", order=50
    )


@hooks.register("register_admin_menu_item")
def messages_menu_item():
    return SupplierMenuItem(
        _("Messages"), reverse(f"{MESSAGE_NAMESPACE}:list"), icon_name="mail", order=51
    )


@hooks.register("insert_editor_js")
def field_anchor_js():
    """A link to a field of the profile editor (the dashboard's checklist) lands at the field."""
    return format_html('<script src="{}"></script>', static("js/field-anchor.js"))


@hooks.register("construct_homepage_panels")
def supplier_dashboard(request, panels):
    from .panels import ContactMessagesPanel, OurProfilePanel

    profiles = list(SupplierProfile.objects.filter(owners=request.user).order_by("name"))
    if profiles:
        panels.insert(0, OurProfilePanel(profiles))
        panels.insert(1, ContactMessagesPanel(request.user))
