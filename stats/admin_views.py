"""The editors' admin views: their queue, and reminding the owners of profiles not updated for a
year."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.groups import is_editor

from .queue import queue_items
from .services import (
    AlreadyReminded,
    NoOwners,
    reminders_this_quarter,
    send_update_reminder,
    stale_profiles,
)


def queue(request):
    """Sign-ups and profile changes waiting for an editor, in one list."""
    if not is_editor(request.user):
        raise PermissionDenied
    return TemplateResponse(request, "stats/admin/queue.html", {"items": queue_items()})


@require_POST
def send_reminders(request):
    """Remind the owners of one stale profile (``profile``) or of every one not yet reminded
    this quarter (``all``)."""
    if not is_editor(request.user):
        raise PermissionDenied
    profiles = stale_profiles()
    if "all" not in request.POST:
        ids = [value for value in request.POST.getlist("profile") if value.isdigit()]
        profiles = profiles.filter(pk__in=ids)
    ids = list(profiles.values_list("pk", flat=True))
    done = reminders_this_quarter(ids)
    sent = skipped = without_owner = 0
    for pk in ids:
        if str(pk) in done:
            skipped += 1
            continue
        try:
            send_update_reminder(pk, request.user)
            sent += 1
        except AlreadyReminded:
            skipped += 1
        except NoOwners:
            without_owner += 1
    if sent:
        messages.success(
            request,
            ngettext(
                "A reminder was sent to the owners of %(count)d profile.",
                "Reminders were sent to the owners of %(count)d profiles.",
                sent,
            )
            % {"count": sent},
        )
    if skipped:
        messages.warning(
            request,
            ngettext(
                "%(count)d profile was already reminded this quarter, so nothing was sent.",
                "%(count)d profiles were already reminded this quarter, so nothing was sent.",
                skipped,
            )
            % {"count": skipped},
        )
    if without_owner:
        messages.warning(
            request,
            ngettext(
                "%(count)d profile has no owner with an e-mail address.",
                "%(count)d profiles have no owner with an e-mail address.",
                without_owner,
            )
            % {"count": without_owner},
        )
    if not ids:
        messages.error(request, _("No profile needs a reminder."))
    return redirect("wagtailadmin_home")
