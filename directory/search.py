"""Full-text search over supplier profiles.

On PostgreSQL each profile carries a weighted ``tsvector`` (Danish stemming) built from its name,
summary, tags, CPV labels in both languages, offerings and description, plus a trigram index on
the name for typos. SQLite falls back to matching every word in the same denormalised text.
"""

import re

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramSimilarity,
)
from django.db import connection
from django.db.models import F, FloatField, Q, Value
from django.utils.html import strip_tags

MAX_TERMS = 12
WORD_RE = re.compile(r"\w+", re.UNICODE)


def terms_of(query):
    return WORD_RE.findall(query or "")[:MAX_TERMS]


def is_postgres():
    return connection.vendor == "postgresql"


def search_vector():
    return (
        SearchVector("name", weight="A", config="danish")
        + SearchVector("search_keywords", weight="B", config="danish")
        + SearchVector("search_document", weight="C", config="danish")
    )


def documents_for(profile):
    """(keywords, document): the profile's searchable text besides its name."""
    cpv = list(profile.cpv_codes.all())
    offerings = list(profile.offerings.all())
    keywords = [profile.summary]
    keywords += [tag.name for tag in profile.tags.all()]
    keywords += [c.label_da for c in cpv] + [c.label_en for c in cpv]
    keywords += [o.title for o in offerings]
    document = [strip_tags(profile.description or ""), profile.social_purpose]
    document += [o.description for o in offerings]
    document += [profile.city, profile.municipality.name if profile.municipality_id else ""]
    clean = lambda parts: " ".join(" ".join(p.split()) for p in parts if p)  # noqa: E731
    return clean(keywords), clean(document)


def update_search_document(profile):
    """Rebuild the stored search text (and on PostgreSQL the vector) of one profile."""
    from .models import SupplierProfile

    keywords, document = documents_for(profile)
    profile.search_keywords, profile.search_document = keywords, document
    SupplierProfile.objects.filter(pk=profile.pk).update(
        search_keywords=keywords, search_document=document
    )
    if is_postgres():
        SupplierProfile.objects.filter(pk=profile.pk).update(search_vector=search_vector())


def refresh_all_vectors(queryset):
    """Rebuild the PostgreSQL vectors of many profiles in one statement (after bulk writes)."""
    if is_postgres():
        queryset.update(search_vector=search_vector())


def apply_search(queryset, query, fuzzy=False):
    """Filter ``queryset`` to profiles matching ``query``, annotated with a ``rank``.

    ``fuzzy`` (PostgreSQL only) matches names by trigram similarity instead, for typos; use it
    when the full-text search finds nothing.
    """
    terms = terms_of(query)
    if not terms:
        return queryset.annotate(rank=Value(0.0, output_field=FloatField()))
    if is_postgres():
        if fuzzy:
            text = " ".join(terms)
            return queryset.filter(name__trigram_similar=text).annotate(
                rank=TrigramSimilarity("name", text)
            )
        tsquery = SearchQuery(
            " & ".join(f"{term}:*" for term in terms), search_type="raw", config="danish"
        )
        return queryset.filter(search_vector=tsquery).annotate(
            rank=SearchRank(F("search_vector"), tsquery)
        )
    for term in terms:
        queryset = queryset.filter(
            Q(name__icontains=term)
            | Q(search_keywords__icontains=term)
            | Q(search_document__icontains=term)
        )
    return queryset.annotate(rank=Value(0.0, output_field=FloatField()))


def has_matches(queryset, query):
    return apply_search(queryset, query).exists()


def supplier_search_section(request, query):
    """The site search's "Suppliers" section: the best live matches, linking to the directory."""
    from django.utils.http import urlencode
    from django.utils.translation import gettext as _

    from .models import SupplierProfile
    from .queries import directory_page_for

    page = directory_page_for(request)
    if page is None or not terms_of(query):
        return None
    base = page.get_url(request)
    matches = apply_search(SupplierProfile.objects.live(), query).order_by("-rank", "name")
    results = [
        {"title": name, "url": f"{base}{slug}/", "summary": summary}
        for name, slug, summary in matches.values_list("name", "slug", "summary")[:5]
    ]
    return {
        "title": _("Suppliers"),
        "results": results,
        "more_url": f"{base}?{urlencode({'q': query})}",
    }
