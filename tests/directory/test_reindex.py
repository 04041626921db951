"""``manage.py reindex_profiles`` rebuilds stale search texts, so an upgrade that changed the
rules finds every profile as a new save would."""

from io import StringIO

import pytest

from django.core.management import call_command

from directory.models import SupplierProfile
from directory.search import documents_for
from tests.conftest import requires_postgres

from .factories import profile
from .test_ranked_search import names

pytestmark = pytest.mark.django_db


@requires_postgres
def test_a_stale_search_text_is_rebuilt_and_found_again(client, directory_page):
    polisher = profile(name="Polerteamet", summary="Vi pudser vinduer på skoler.", cpv=[])
    other = profile(name="Gryden", summary="Vi laver forplejning til møder.", cpv=[])
    SupplierProfile.objects.filter(pk__in=[polisher.pk, other.pk]).update(
        search_keywords="", search_document="", search_vector=None
    )
    output = StringIO()
    call_command("reindex_profiles", stdout=output)

    assert "Re-indexed" in output.getvalue()
    assert names(client, "vinduespudsning") == ["Polerteamet"]
    assert names(client, "forplejning") == ["Gryden"]
    stored = SupplierProfile.objects.get(pk=polisher.pk)
    assert (stored.search_keywords, stored.search_document) == documents_for(stored)
