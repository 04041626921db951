"""Keeps supplier and buyer users inside the parts of the admin that are theirs."""

from django.core.exceptions import PermissionDenied
from django.urls import Resolver404, resolve

from wagtail import hooks

from .groups import is_editor, is_restricted

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
    # The rich-text link chooser: published page titles only, no one's private data.
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

# Site history lists every row of a model the user holds any permission on, whoever owns it,
# so only editors see it (partner users, who are not restricted, would see other partners').
EDITOR_ONLY_URLS = {
    "wagtailadmin_reports:site_history",
    "wagtailadmin_reports:site_history_results",
}


def allowed_namespaces():
    """Namespaces apps open to restricted users (hook ``restricted_admin_namespaces``)."""
    namespaces = set(ALLOWED_NAMESPACES)
    for hook in hooks.get_hooks("restricted_admin_namespaces"):
        namespaces.update(hook())
    return namespaces


class RestrictedAdminMiddleware:
    """Denies restricted users every admin URL that is not explicitly theirs (an allowlist)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith("/admin/") and is_restricted(request.user):
            try:
                match = resolve(request.path_info)
            except Resolver404:
                match = None
            if match is not None and not self._allowed(match):
                raise PermissionDenied
        elif request.path_info.startswith("/admin/reports/") and not is_editor(request.user):
            try:
                if resolve(request.path_info).view_name in EDITOR_ONLY_URLS:
                    raise PermissionDenied
            except Resolver404:
                pass
        return self.get_response(request)

    @staticmethod
    def _allowed(match):
        if match.url_name in ALWAYS_ALLOWED and not match.namespace:
            return True
        return bool(match.namespaces) and match.namespaces[0] in allowed_namespaces()

    @classmethod
    def url_allowed(cls, url):
        try:
            return cls._allowed(resolve(url.split("?")[0]))
        except Resolver404:
            return False
