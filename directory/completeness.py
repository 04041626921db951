"""How finished a SØV's profile is, and where its latest change stands with the editors.

Both read the latest draft (the revision the SØV is working on), not the live row: a draft of a
published profile lives only in its revisions until an editor approves it.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail.admin.panels import FieldPanel, InlinePanel, PanelGroup
from wagtail.models import TaskState, WorkflowState

from .models import SupplierProfile

EDIT_URL = "wagtailsnippets_directory_supplierprofile:edit"
PREVIEW_URL = "wagtailsnippets_directory_supplierprofile:revisions_view"


def _has_text(value):
    return bool(strip_tags(value or "").strip())


def _delivery_area(p):
    scope = SupplierProfile.DeliveryScope
    if p.delivery_scope == scope.NATIONAL:
        return True
    if p.delivery_scope == scope.REGIONS:
        return bool(p.delivery_regions.all())
    return bool(p.delivery_municipalities.all())


# (key, the editor field or inline panel it links to, label, what to do when missing, test)
PARTS = [
    ("logo", "logo", _("Logo"), _("Upload your logo."), lambda p: p.logo_id is not None),
    (
        "summary",
        "summary",
        _("Short summary"),
        _("Write two or three sentences for the search results."),
        lambda p: _has_text(p.summary),
    ),
    (
        "description",
        "description",
        _("Description"),
        _("Tell buyers what you do and how you work."),
        lambda p: _has_text(p.description),
    ),
    (
        "competences",
        "cpv_codes",
        _("Competences"),
        _("Add the CPV codes of what you deliver."),
        lambda p: bool(p.cpv_codes.all()),
    ),
    (
        "offerings",
        "offerings",
        _("Goods and services"),
        _("Add at least one of the goods or services you offer."),
        lambda p: bool(p.offerings.all()),
    ),
    (
        "delivery",
        "delivery_scope",
        _("Delivery area"),
        _("Choose where you deliver: the whole country, regions or municipalities."),
        _delivery_area,
    ),
    (
        "contact",
        "contact_name",
        _("Contact"),
        _("Give a contact person and an e-mail address or a phone number."),
        lambda p: bool(p.contact_name.strip() and (p.email or p.phone)),
    ),
    (
        "references",
        "references",
        _("References"),
        _("Add at least one customer you have delivered to."),
        lambda p: bool(p.references.all()),
    ),
    (
        "employees",
        "employees_total",
        _("Employees"),
        _(
            "Give the number of employees and of employees on special terms; buyers see the "
            "share for reserved contracts."
        ),
        lambda p: p.employees_total is not None and p.employees_special_terms is not None,
    ),
]


@dataclass(frozen=True)
class Part:
    key: str
    label: str
    hint: str
    done: bool
    url: str


@dataclass(frozen=True)
class Completeness:
    parts: list
    percent: int

    @property
    def missing(self):
        return [part for part in self.parts if not part.done]


def completeness(profile, draft=None):
    """The checklist of ``profile``'s latest draft, each missing part linked to its field."""
    draft = draft or profile.get_latest_revision_as_object()
    anchors = editor_anchors()
    edit_url = reverse(EDIT_URL, args=[profile.pk])
    parts = [
        Part(key, label, hint, bool(test(draft)), f"{edit_url}#{anchors[field]}")
        for key, field, label, hint, test in PARTS
    ]
    done = sum(part.done for part in parts)
    return Completeness(parts, round(100 * done / len(parts)))


def editor_anchors():
    """``{field or relation name: element id}`` in the profile editor as Wagtail renders it.

    Wagtail derives the ids from the panel headings (translated) and caches them on the edit
    handler of the snippet viewset (``_edit_handler``, an internal), so they are read from it.
    """
    handler = SupplierProfile.snippet_viewset._edit_handler
    anchors = {}
    for panel, name in zip(handler.children, handler.child_identifiers, strict=True):
        if isinstance(panel, InlinePanel):
            anchors[panel.relation_name] = f"panel-{name}-section"
        elif isinstance(panel, PanelGroup):
            anchors.update(_field_anchors(panel, f"panel-child-{name}"))
    return anchors


def _field_anchors(group, prefix):
    anchors = {}
    for panel, name in zip(group.children, group.child_identifiers, strict=True):
        if isinstance(panel, FieldPanel):
            anchors[panel.field_name] = f"{prefix}-child-{name}-wrapper"
        elif isinstance(panel, PanelGroup):
            anchors.update(_field_anchors(panel, f"{prefix}-child-{name}"))
    return anchors


@dataclass(frozen=True)
class Status:
    key: str
    label: str
    explanation: str
    comment: str = ""
    commented_by: str = ""
    since: object = None


STATUS_LABELS = {
    "draft": pgettext_lazy("profile status", "Draft"),
    "waiting": pgettext_lazy("profile status", "Waiting for approval"),
    "live": pgettext_lazy("profile status", "Published"),
    "changes_requested": pgettext_lazy("profile status", "Changes requested"),
}


def status(profile):
    """Where the profile's latest change stands: draft, waiting, live or changes requested."""
    state = profile.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        rejected = (
            TaskState.objects.filter(workflow_state=state, status=TaskState.STATUS_REJECTED)
            .select_related("finished_by")
            .order_by("-finished_at", "-pk")
            .first()
        )
        return Status(
            "changes_requested",
            STATUS_LABELS["changes_requested"],
            _("An editor has asked for changes. Make them and submit the profile again."),
            comment=rejected.get_comment() if rejected else "",
            commented_by=(
                rejected.finished_by.get_full_name() if rejected and rejected.finished_by else ""
            ),
            since=rejected.finished_at if rejected else None,
        )
    if state is not None:
        return Status(
            "waiting",
            STATUS_LABELS["waiting"],
            _("An editor will look at your changes. You get an e-mail when they are decided."),
            since=state.created_at,
        )
    if profile.live and not profile.has_unpublished_changes:
        return Status("live", STATUS_LABELS["live"], _("Your profile is shown in the directory."))
    if profile.live:
        explanation = _(
            "You have changes that are not submitted yet; the directory shows the approved "
            "version until an editor approves them."
        )
    else:
        explanation = _("Your profile is not submitted yet. Submit it when it is ready.")
    return Status("draft", STATUS_LABELS["draft"], explanation)


def preview_url(profile):
    """Wagtail's preview of the latest draft, as the public page will show it."""
    if profile.latest_revision_id is None:
        return None
    return reverse(PREVIEW_URL, args=[profile.pk, profile.latest_revision_id])
