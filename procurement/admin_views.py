"""Admin views for buyers: the SØVs relevant to their entry, and inviting them to dialogue."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from cms.pages import index_page_for
from directory.models import DirectoryIndexPage

from . import services
from .forms import InvitationForm
from .matching import profiles_for_entry
from .permissions import entry_policy


def own_entry(request, pk):
    """The entry, if the user may see it (editors: any; buyers: their organisations'); else 404."""
    entries = entry_policy.instances_user_has_permission_for(request.user, "change")
    return get_object_or_404(entries.select_related("organisation"), pk=pk)


def entry_matches(request, pk):
    """ "Relevante leverandører": the top matches with reasons; POST invites one to dialogue."""
    entry = own_entry(request, pk)
    form = InvitationForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not entry.live:
            messages.error(request, _("Publish the entry before you invite anyone to it."))
            return redirect("procurement_matching:entry", entry.pk)
        if form.is_valid():
            supplier = form.cleaned_data["supplier"]
            try:
                services.invite_to_dialogue(
                    entry, supplier, request.user, form.cleaned_data["message"]
                )
                messages.success(
                    request,
                    _("%(name)s is invited to market dialogue by e-mail.") % {"name": supplier},
                )
            except services.AlreadyInvited:
                messages.error(
                    request, _("%(name)s is already invited to this entry.") % {"name": supplier}
                )
            return redirect("procurement_matching:entry", entry.pk)
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        status = 400
    invitations = list(entry.invitations.select_related("supplier", "sent_by"))
    invited = {invitation.supplier_id: invitation for invitation in invitations}
    page = index_page_for(DirectoryIndexPage, request)
    base = page.get_url(request) if page else None
    matches = [
        (match, invited.get(match.profile_id), f"{base}{match.profile_slug}/" if base else None)
        for match in profiles_for_entry(entry)
    ]
    return TemplateResponse(
        request,
        "procurement/admin/entry_matches.html",
        {"entry": entry, "matches": matches, "invitations": invitations, "form": form},
        status=status,
    )
