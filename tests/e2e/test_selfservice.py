"""A buyer follows up an interest in Danish: dashboard → the interest → the SØV's public profile."""

from .conftest import assert_accessible
from .test_supplier_journey import _log_in

BUYER = ("indkoeb@aarhus.example", "demo-koeber-1234")
INTEREST = """
from directory.models import SupplierProfile
from procurement.models import InterestExpression, TenderPlanEntry
entry = TenderPlanEntry.objects.live().filter(organisation__name="Aarhus Kommune").first()
profiles = SupplierProfile.objects.live().exclude(tender_interests__entry=entry)
profile = profiles.order_by("name").first()
InterestExpression.objects.create(
    entry=entry, supplier=profile, user=profile.owners.first(), role="subcontractor",
    message="Vi kan levere som underleverandør.",
)
print(profile.name)
"""


def test_a_buyer_opens_an_interest_and_reaches_the_soevs_profile(page, server):
    name = server.shell(INTEREST).strip()
    _log_in(page, *BUYER)
    assert_accessible(page)
    page.get_by_role("link", name=name).first.click()
    page.get_by_text("Vi kan levere som underleverandør.").wait_for()
    assert page.get_by_text("Underleverandør").first.is_visible()
    assert page.get_by_text("Kontaktperson").is_visible()
    assert_accessible(page)

    page.get_by_role("link", name=name).last.click()
    page.get_by_role("heading", name=name, level=1).wait_for()
    assert "/leverandoerer/" in page.url

    page.goto("/admin/snippets/procurement/interestexpression/")
    assert page.get_by_role("link", name="Hent CSV").is_visible()
    assert page.get_by_role("link", name="Hent XLSX (Excel)").is_visible()
    assert_accessible(page)
    main = page.locator("main").inner_text()
    for english in ("Download CSV", "More actions", "Page 1 of 1", "consortium_partner"):
        assert english not in main
