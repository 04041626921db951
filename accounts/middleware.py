"""Keeps supplier, buyer and partner users inside the parts of the admin that are theirs."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import Resolver404, resolve
from django.utils import translation

from wagtail import hooks

from .groups import group_names, is_editor, is_restricted
from .permissions import visible_pages

ALWAYS_ALLOWED = {
    "wagtailadmin_home",
    "wagtailadmin_account",
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_password_reset",
    "wagtailadmin_password_reset_done",
    "wagtailadmin_password_reset_confirm",
    "wagtailadmin_password_reset_complete",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "wagtailadmin_dismissibles",
    "wagtailadmin_tag_autocomplete",
    "wagtailadmin_block_preview",
    # The rich-text link chooser: published page titles only (see ``visible_pages``).
    "wagtailadmin_choose_page",
    "wagtailadmin_choose_page_child",
    "wagtailadmin_choose_page_search",
    "wagtailadmin_choose_page_external_link",
    "wagtailadmin_choose_page_email_link",
    "wagtailadmin_choose_page_phone_link",
    "wagtailadmin_choose_page_anchor_link",
}
ALLOWED_NAMESPACES = {
    "wagtailimages",
    "wagtailimages_chooser",
    "wagtailadmin_editing_sessions",
    "accounts_admin",
}

# Reports and page-type usage list every tenant's pages, drafts, requesters and changes, whoever
# owns them, so only editors see them.
EDITOR_ONLY_NAMESPACES = {"wagtailadmin_reports"}
EDITOR_ONLY_URLS = {
    "wagtailadmin_pages:type_use",
    "wagtailadmin_pages:type_use_results",
    "wagtail_localize:translations_report",
    "wagtail_localize:translations_report_results",
}


def allowed_namespaces():
    """Namespaces apps open to every restricted user (hook ``restricted_admin_namespaces``)."""
    namespaces = set(ALLOWED_NAMESPACES)
    for hook in hooks.get_hooks("restricted_admin_namespaces"):
        namespaces.update(hook())
    return namespaces


def allowed_urls(user):
    """View names and namespaces apps open to the members of a group.

    Hook ``restricted_admin_urls`` returns ``{group name: [view name or namespace, ...]}``.
    """
    groups = group_names(user)
    urls = set()
    for hook in hooks.get_hooks("restricted_admin_urls"):
        for group, names in hook().items():
            if group in groups:
                urls.update(names)
    return urls


def _resolve(path):
    try:
        return resolve(path)
    except Resolver404:
        return None


class AdminLanguageMiddleware:
    """Serves the admin in the signed-in user's chosen language throughout the request.

    Wagtail applies it inside the view only; its permission-denied message, messages kept for the
    next page and error pages would otherwise be in the site's default language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith("/admin/") and request.user.is_authenticated:
            profile = getattr(request.user, "wagtail_userprofile", None)
            language = (profile and profile.preferred_language) or settings.LANGUAGE_CODE
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)


class RestrictedAdminMiddleware:
    """Denies restricted users every admin URL that is not explicitly theirs (an allowlist), and
    every non-editor the reports and the page chooser beyond ``visible_pages``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        match = None
        if request.path_info.startswith("/admin/") and user.is_authenticated:
            match = None if is_editor(user) else _resolve(request.path_info)
        if match is not None:
            if not self.allows(match, user):
                raise PermissionDenied
            if not self._page_visible(match, user):
                raise Http404
        return self.get_response(request)

    @staticmethod
    def allows(match, user):
        """Whether ``user``, who is not an editor, may open the URL ``match`` resolved."""
        namespace = match.namespaces[0] if match.namespaces else ""
        if namespace in EDITOR_ONLY_NAMESPACES or match.view_name in EDITOR_ONLY_URLS:
            return False
        if not is_restricted(user):
            return True
        if not namespace and match.url_name in ALWAYS_ALLOWED:
            return True
        if namespace in allowed_namespaces():
            return True
        urls = allowed_urls(user)
        return match.view_name in urls or (bool(namespace) and match.namespace in urls)

    @staticmethod
    def _page_visible(match, user):
        if match.view_name != "wagtailadmin_choose_page_child":
            return True
        return visible_pages(user).filter(pk=match.kwargs["parent_page_id"]).exists()

    @classmethod
    def url_allowed(cls, url, user):
        match = _resolve(url.split("?")[0].split("#")[0])
        return match is not None and (is_editor(user) or cls.allows(match, user))
