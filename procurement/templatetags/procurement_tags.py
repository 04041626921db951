from django import template

register = template.Library()


@register.filter
def dkk(value):
    """An amount in whole kroner with Danish thousands separators: 1500000 -> 1.500.000."""
    try:
        return f"{int(value):,}".replace(",", ".")
    except (TypeError, ValueError):
        return ""
