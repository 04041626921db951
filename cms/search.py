"""Lets domain apps add their own result sections to the site search without cms importing them.

An app registers a hook ``site_search_section`` in its ``wagtail_hooks.py``: a callable
``(request, query) -> dict(title=..., results=[...], more_url=...)`` or ``None``. A result that
is a page carries it as ``"page"``, so the generic "Pages" section leaves that page out.
"""

from wagtail import hooks


def site_search_sections(request, query):
    sections = (fn(request, query) for fn in hooks.get_hooks("site_search_section"))
    return [section for section in sections if section and section["results"]]


def pages_listed_in(sections):
    """Ids of the pages the apps' sections already show."""
    return [
        result["page"].pk
        for section in sections
        for result in section["results"]
        if result.get("page") is not None
    ]
