"""Admin viewsets that never show a restricted user anything outside their own rows."""

from functools import cached_property, wraps

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404

from wagtail import hooks
from wagtail.admin.views.pages.listing import ExplorableIndexView, GenericPageFilterSet
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page
from wagtail.permissions import policy_registry
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.spreadsheets import SafeExportViewSetMixin

from .groups import is_editor


class OwnedSnippetViewSet(SafeExportViewSetMixin, SnippetViewSet):
    """``SnippetViewSet`` scoped by the model's ``OwnedObjectPermissionPolicy``.

    The listing, its filters and exports use the policy's queryset (exports write cells as
    text, see ``cms.spreadsheets``); every URL that names an
    object (edit, delete, history, revisions, workflow, preview, lock, usage, …) answers 404
    for a row outside it; the chooser is for editors only. The listing searches with the ORM over
    ``search_fields``, which works the same on SQLite and PostgreSQL.
    """

    search_backend_name = None

    @property
    def owned_policy(self):
        return policy_registry.get_by_type(self.model)

    def get_queryset(self, request):
        return self.owned_policy.owned(request.user)

    def get_urlpatterns(self):
        patterns = super().get_urlpatterns()
        for pattern in patterns:
            pattern.callback = self._scoped(pattern.callback)
        return patterns

    def _scoped(self, view):
        @wraps(view)
        def scoped_view(request, *args, **kwargs):
            if "pk" in kwargs:
                owned = self.owned_policy.owned(request.user)
                if not owned.filter(pk=unquote(str(kwargs["pk"]))).exists():
                    raise Http404
            return view(request, *args, **kwargs)

        return scoped_view

    @cached_property
    def chooser_viewset(self):
        chooser = super().chooser_viewset
        original = chooser.get_urlpatterns

        def editors_only():
            patterns = original()
            for pattern in patterns:
                pattern.callback = _editors_only(pattern.callback)
            return patterns

        chooser.get_urlpatterns = editors_only
        return chooser


def _editors_only(view):
    @wraps(view)
    def editors_only_view(request, *args, **kwargs):
        if not is_editor(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return editors_only_view


class TenantPageFilterSet(GenericPageFilterSet):
    """The explorer's filters without the lists of every page's owner and editor."""

    owner = None
    edited_by = None


def listed_in_explorer(page, request):
    """Whether the explorer lists ``page`` under its parent for this request's user."""
    parent = page.get_parent()
    if parent is None:
        return True
    pages = Page.objects.filter(pk=page.pk)
    for hook in hooks.get_hooks("construct_explorer_page_queryset"):
        pages = hook(parent, pages, request)
    return pages.exists()


class TenantExplorableIndexView(ExplorableIndexView):
    """The page explorer, where a non-editor opens only pages it lists for them (hook
    ``construct_explorer_page_queryset``) and gets no filters naming other tenants' users."""

    def get(self, request, parent_page_id=None):
        if parent_page_id and not is_editor(request.user):
            page = Page.objects.filter(pk=parent_page_id).first()
            if page is not None and not listed_in_explorer(page, request):
                raise Http404
        return super().get(request, parent_page_id)

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if not is_editor(request.user):
            self.filterset_class = TenantPageFilterSet


class TenantPageViewSet(PageViewSet):
    """Wagtail's views for every page type, with the tenant-aware explorer."""

    model = Page
    index_view_class = TenantExplorableIndexView
