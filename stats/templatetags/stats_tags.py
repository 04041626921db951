from django import template

from ..queries import buyer_url

register = template.Library()


@register.simple_tag(takes_context=True)
def buyer_page_url(context, organisation):
    """The public page of ``organisation`` (empty when there is no statistics page)."""
    return buyer_url(organisation, context.get("request")) or ""
