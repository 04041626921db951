"""The CPV picker's JSON (``/admin/cpv-koder/``): search, browse and look up CPV codes.

Read-only reference data for any admin user; labels in the user's admin language.
"""

from django.http import JsonResponse
from django.views.decorators.http import require_GET

from . import cpv
from .models import CpvCode

MAX_CODES = 100


def _codes(value):
    return [c for c in map(cpv.normalise, str(value or "").replace(";", ",").split(",")) if c][
        :MAX_CODES
    ]


def _item(code, place, parents):
    return {
        "code": code.code,
        "label": code.label,
        "place": " › ".join(place),
        "has_children": code.code in parents,
    }


@require_GET
def cpv_codes(request):
    """``?q=`` words or a code, ``prefer=`` codes ranked first; ``?parent=`` the codes below
    one (the divisions when empty); ``?codes=`` the codes given. Unknown codes are left out."""
    params, trail = request.GET, []
    if "q" in params:
        rows, total = cpv.search(params["q"], prefer=_codes(params.get("prefer")))
    elif "codes" in params:
        wanted = _codes(params["codes"])
        found = {c.code: c for c in CpvCode.objects.filter(code__in=wanted)}
        rows = [found[c] for c in dict.fromkeys(wanted) if c in found]
        total = len(rows)
    else:
        parent = cpv.normalise(params.get("parent"))
        rows = list(cpv.children(parent))
        total = len(rows)
        if parent:
            trail = [
                {"code": c.code, "label": c.label}
                for c in CpvCode.objects.filter(code__in=[*cpv.ancestors(parent), parent])
            ]
    parents = set(
        CpvCode.objects.filter(parent_id__in=[r.code for r in rows]).values_list(
            "parent_id", flat=True
        )
    )
    return JsonResponse(
        {
            "results": [_item(code, place, parents) for code, place in cpv.with_places(rows)],
            "total": total,
            "trail": trail,
        }
    )
