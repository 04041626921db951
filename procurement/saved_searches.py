"""Saved searches: anyone saves a directory or tender plan search and hears of new results.

Saving (``services.save_search``) e-mails a confirmation link (double opt-in; the link opens a
page with a button, as mail scanners fetch links). Confirming (``services.confirm_search``)
takes the current results as the baseline, so only results that appear later are announced.
Sending locks one search, records its new result ids and sends one e-mail in one transaction: a
run that is repeated or dies halfway never announces a result twice, and a failed send records
nothing. Results come from the pages' own query objects, so only live profiles and published
entries count.
"""

import datetime
from urllib.parse import urlencode

from django.core import signing
from django.db import transaction
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.emails import absolute, send_templated, templated_message, unsubscribe_headers
from accounts.tokens import CONFIRMATION_MAX_AGE
from cms.pages import index_page_for
from directory.models import DirectoryIndexPage, SupplierProfile
from directory.queries import DirectoryQuery

from .models import SavedSearch, SavedSearchResult, TenderPlanEntry, TenderPlanIndexPage
from .queries import TenderPlanQuery

Kind = SavedSearch.Kind
MAX_PER_ADDRESS = 20
MAX_SHOWN = 20  # results listed in one e-mail; the link shows them all
CONFIRM_SALT = "procurement.saved-search.confirm"
UNSUBSCRIBE_SALT = "procurement.saved-search.unsubscribe"
LIST_SALT = "procurement.saved-search.list"
PAGES = {Kind.DIRECTORY: DirectoryIndexPage, Kind.TENDER_PLAN: TenderPlanIndexPage}


# --- the search -------------------------------------------------------------------------------


def read_query(kind, query_string):
    """The page's own query object for a query string, unknown codes and NUL bytes dropped
    (the page answers 400 to those; a stored search must never carry one into SQL)."""
    data = QueryDict(query_string, mutable=True)
    for key, values in data.lists():
        data.setlist(key, [value.replace("\x00", "") for value in values])
    if kind == Kind.DIRECTORY:
        return DirectoryQuery.from_querydict(data).validated()
    return TenderPlanQuery.from_querydict(data).validated()


def normalised(kind, query_string):
    """The query string as the results page reads it, without what does not change the results
    (sort order, page, the CPV word look-up, the reader's own matches)."""
    query = read_query(kind, query_string)
    if kind == Kind.DIRECTORY:
        return urlencode(query.params(sort="", cpv_q=""))
    return urlencode(query.params(match=False))


def current_ids(search):
    """Ids of the live profiles or published entries the search finds now."""
    with translation.override(search.language):
        query = read_query(search.kind, search.query)
        return set(query.filtered().order_by().values_list("pk", flat=True))


def describe(search):
    """The search in words, in the active language."""
    query = read_query(search.kind, search.query)
    if search.kind == Kind.DIRECTORY:
        from directory.models import localized_target_groups
        from directory.views import active_filters

        parts = [label for _key, label, _url in active_filters(query, localized_target_groups())]
        return " · ".join(map(str, parts)) or _("all social enterprises")
    parts = [_("Search: “%(q)s”") % {"q": query.q}] if query.q else []
    parts += [f"CPV {code}" for code in query.cpv]
    parts += [str(label) for label in _tender_labels(query)]
    return " · ".join(parts) or _("all purchases in the tender plan")


def _tender_labels(query):
    from directory.models import Municipality, Region

    from .forms import VALUE_RANGES, WINDOWS
    from .models import BuyerOrganisation, Procedure, Reservation, Status

    labels = list(
        BuyerOrganisation.objects.filter(pk__in=query.organisation).values_list("name", flat=True)
    )
    if query.municipality:
        labels += [str(m) for m in Municipality.objects.filter(code=query.municipality)]
    if query.region:
        labels += [str(r) for r in Region.objects.filter(code=query.region)]
    labels += [Procedure(v).label for v in query.procedure]
    labels += [Reservation(v).label for v in query.reservation]
    labels += [VALUE_RANGES[v][2] for v in query.value]
    labels += [WINDOWS[query.window][1]] if query.window else []
    labels += [Status(v).label for v in query.status]
    return labels


def search_url(search):
    """The results page of the search, in the active language."""
    page = index_page_for(PAGES[search.kind])
    if page is None:
        return ""
    return absolute(page.get_url() + (f"?{search.query}" if search.query else ""))


# --- signed links -----------------------------------------------------------------------------


def confirm_token(search):
    return signing.dumps(search.pk, salt=CONFIRM_SALT)


def unsubscribe_token(search):
    return signing.dumps(search.pk, salt=UNSUBSCRIBE_SALT)


def list_token(email):
    return signing.dumps(email, salt=LIST_SALT, compress=True)


def _signed_id(token, salt, max_age=None):
    try:
        pk = signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:
        return None
    return pk if isinstance(pk, int) else None


def search_to_confirm(token):
    """The search of a valid, unexpired confirmation link, else None."""
    pk = _signed_id(token, CONFIRM_SALT, max_age=CONFIRMATION_MAX_AGE)
    return SavedSearch.objects.filter(pk=pk).first() if pk else None


def unsubscribe_id(token):
    """The search id in a valid unsubscribe link (the search may be gone already), else None."""
    return _signed_id(token, UNSUBSCRIBE_SALT)


def email_for_list_token(token):
    try:
        email = signing.loads(token, salt=LIST_SALT)
    except signing.BadSignature:
        return None
    return email if isinstance(email, str) else None


def _links(search):
    """The links every e-mail about a search carries, in the active language."""
    return {
        "search_url": search_url(search),
        "list_url": absolute(reverse("saved_search_list", args=[list_token(search.email)])),
        "unsubscribe_url": absolute(
            reverse("saved_search_unsubscribe", args=[unsubscribe_token(search)])
        ),
        "kind": search.get_kind_display(),
        "description": describe(search),
    }


# --- confirming and forgetting ---------------------------------------------------------------


def send_confirmation(search):
    """Queue the e-mail with the confirmation link (on commit)."""
    with translation.override(search.language):
        links = _links(search)
        links["confirm_url"] = absolute(
            reverse("saved_search_confirm", args=[confirm_token(search)])
        )
    send_templated(
        "procurement/emails/saved_search_confirm",
        {"search": search, **links},
        [search.email],
        language=search.language,
        headers=unsubscribe_headers(links["unsubscribe_url"]),
    )


def record(search, ids):
    """Mark results as announced to the search."""
    SavedSearchResult.objects.bulk_create(
        [SavedSearchResult(search=search, object_id=pk) for pk in ids], ignore_conflicts=True
    )


def forget_unconfirmed():
    """Delete searches nobody confirmed while the link was valid."""
    cutoff = timezone.now() - datetime.timedelta(seconds=CONFIRMATION_MAX_AGE)
    return SavedSearch.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff).delete()[0]


# --- sending ----------------------------------------------------------------------------------


def send_all():
    """E-mail every confirmed search its new results; returns the number of e-mails sent."""
    forget_unconfirmed()
    ids = SavedSearch.objects.filter(confirmed_at__isnull=False).order_by("pk")
    return sum(send_new_results(pk) for pk in ids.values_list("pk", flat=True))


def send_new_results(search_id):
    """Record the search's new results and e-mail them, in one transaction (1 or 0)."""
    with transaction.atomic():
        search = (
            SavedSearch.objects.select_for_update(skip_locked=True)
            .filter(pk=search_id, confirmed_at__isnull=False)
            .first()
        )
        if search is None:
            return 0
        announced = set(search.results.values_list("object_id", flat=True))
        new = current_ids(search) - announced
        if not new:
            return 0
        record(search, new)
        search.last_sent_at = timezone.now()
        search.save(update_fields=["last_sent_at"])
        return _results_message(search, new).send()


def _items(search, ids):
    """(name, detail, absolute URL) of the first ``MAX_SHOWN`` new results."""
    if search.kind == Kind.DIRECTORY:
        profiles = SupplierProfile.objects.filter(pk__in=ids).order_by("name", "pk")[:MAX_SHOWN]
        return [(p.name, p.summary, absolute(p.get_url() or "")) for p in profiles]
    entries = (
        TenderPlanEntry.objects.filter(pk__in=ids)
        .select_related("organisation")
        .order_by("expected_publication", "pk")[:MAX_SHOWN]
    )
    return [(e.title, e.organisation.name, absolute(e.get_url() or "")) for e in entries]


def _results_message(search, ids):
    with translation.override(search.language):
        links = _links(search)
        items = _items(search, ids)
    return templated_message(
        "procurement/emails/saved_search_results",
        {
            "search": search,
            "items": items,
            "count": len(ids),
            "more": len(ids) - len(items),
            **links,
        },
        [search.email],
        search.language,
        headers=unsubscribe_headers(links["unsubscribe_url"]),
    )


# --- personal data ----------------------------------------------------------------------------


def personal_data(email):
    return [
        {
            "kind": search.kind,
            "search": search.query,
            "language": search.language,
            "created_at": search.created_at,
            "confirmed_at": search.confirmed_at,
            "last_sent_at": search.last_sent_at,
        }
        for search in SavedSearch.objects.filter(email__iexact=email).order_by("pk")
    ]


def delete_for_address(email):
    return SavedSearch.objects.filter(email__iexact=email).delete()[0]
