"""Saved searches without an account: save (rate limited), confirm, list and delete by a signed
link, and a one-click unsubscribe (RFC 8058)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from accounts.signup import over_limit

from . import saved_searches, services
from .forms import SavedSearchForm
from .models import SavedSearch


@require_http_methods(["GET", "POST"])
def save_search(request):
    """The form on the results pages posts here; without JavaScript or with an error it is
    shown on its own, with what was typed."""
    if request.method == "GET":
        form = SavedSearchForm(initial={k: request.GET.get(k, "") for k in ("kind", "query")})
        return _form_page(request, form)
    form = SavedSearchForm(request.POST)
    if form.is_valid() and over_limit(request, form):
        return _form_page(request, form, status=429)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.save_search(data["email"], data["kind"], data["query"], get_language())
        except services.TooManySearches:
            form.add_error(
                None,
                _(
                    "This address already has %(count)s saved searches. Delete one from the "
                    "link in our e-mails before you save another."
                )
                % {"count": saved_searches.MAX_PER_ADDRESS},
            )
        else:
            return redirect("saved_search_sent")
    return _form_page(request, form, status=400)


def _form_page(request, form, status=200):
    kind, query = form.data.get("kind", form.initial.get("kind")), ""
    description = ""
    if kind in SavedSearch.Kind.values:
        query = saved_searches.normalised(
            kind, form.data.get("query", form.initial.get("query", ""))[:4000]
        )
        description = saved_searches.describe(SavedSearch(kind=kind, query=query))
    return TemplateResponse(
        request,
        "procurement/saved_search_form.html",
        {"form": form, "kind": kind, "query": query, "description": description},
        status=status,
    )


def search_sent(request):
    return TemplateResponse(request, "procurement/saved_search_sent.html")


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """GET shows a button (mail scanners fetch links); the POST makes the search active."""
    search = saved_searches.search_to_confirm(token)
    if search is None:
        return TemplateResponse(
            request, "procurement/saved_search_confirm.html", {"invalid": True}, status=400
        )
    if request.method == "POST":
        search = services.confirm_search(search)
    context = {
        "search": search,
        "description": saved_searches.describe(search),
        "list_token": saved_searches.list_token(search.email),
    }
    return TemplateResponse(request, "procurement/saved_search_confirm.html", context)


@require_http_methods(["GET", "POST"])
def saved_search_list(request, token):
    """The address's saved searches, each with a delete button."""
    email = saved_searches.email_for_list_token(token)
    if email is None:
        return TemplateResponse(
            request, "procurement/saved_search_list.html", {"invalid": True}, status=400
        )
    searches = SavedSearch.objects.filter(email=email)
    if request.method == "POST":
        deleted, _rows = searches.filter(pk=_int(request.POST.get("search"))).delete()
        if deleted:
            messages.success(request, _("The saved search is deleted."))
        return redirect("saved_search_list", token=token)
    items = [(search, saved_searches.describe(search)) for search in searches.order_by("pk")]
    return TemplateResponse(
        request, "procurement/saved_search_list.html", {"email": email, "items": items}
    )


@csrf_exempt  # RFC 8058: mail clients POST "List-Unsubscribe=One-Click" without a token
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET asks, POST deletes the search; a search already gone counts as unsubscribed."""
    pk = saved_searches.unsubscribe_id(token)
    template = "procurement/saved_search_unsubscribe.html"
    if pk is None:
        return TemplateResponse(request, template, {"invalid": True}, status=400)
    search = SavedSearch.objects.filter(pk=pk).first()
    if request.method == "POST" or search is None:
        SavedSearch.objects.filter(pk=pk).delete()
        return TemplateResponse(request, template, {"done": True})
    context = {"search": search, "description": saved_searches.describe(search)}
    return TemplateResponse(request, template, context)


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
