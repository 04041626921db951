"""The admin form for event pages."""

from django.db.models import Q

from wagtail.admin.forms import WagtailAdminPageForm

from .permissions import partner_scope


class EventPageForm(WagtailAdminPageForm):
    """Offers a partner user only their own organisation as organiser, and everyone only
    published tender plan entries (or the one the event already names)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        entry = self.fields.get("tender_entry")
        if entry is not None:
            entry.queryset = entry.queryset.filter(
                Q(live=True) | Q(pk=self.instance.tender_entry_id)
            )
        field = self.fields.get("organiser")
        if field is None:
            return
        scope = partner_scope(self.for_user) if self.for_user else None
        if scope is not None:
            field.queryset = field.queryset.filter(id__in=scope)
            if len(scope) == 1 and not self.instance.organiser_id:
                self.initial.setdefault("organiser", next(iter(scope)))
