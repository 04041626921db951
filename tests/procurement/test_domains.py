"""A buyer's e-mail domain compared with the public body chosen at sign-up (a hint for editors)."""

import pytest

from directory.models import Municipality, Region
from procurement.domains import check_domain
from procurement.models import BuyerOrganisation


def _municipality(code, name):
    return BuyerOrganisation(
        name=f"{name} Kommune", municipality=Municipality(code=code, name=name)
    )


@pytest.mark.parametrize(
    ("organisation", "email", "fits"),
    [
        (_municipality(751, "Aarhus"), "bo@aarhus.dk", True),
        (_municipality(751, "Aarhus"), "bo@mbu.aarhus.dk", True),
        (_municipality(751, "Aarhus"), "bo@aarhus.dk.evil.example", False),
        (_municipality(751, "Aarhus"), "bo@gmail.com", False),
        (_municipality(217, "Helsingør"), "bo@helsingor.dk", True),
        (_municipality(201, "Allerød"), "bo@alleroed.dk", True),
        (_municipality(320, "Faxe"), "bo@faxekommune.dk", True),
        (_municipality(169, "Høje-Taastrup"), "bo@htk.dk", True),
        (_municipality(101, "København"), "bo@kk.dk", True),
        (BuyerOrganisation(name="Region Midtjylland", region=Region(code=1082)), "bo@rm.dk", True),
        (
            BuyerOrganisation(name="Styrelsen", website="https://www.styrelsen.dk/"),
            "a@styrelsen.dk",
            True,
        ),
        (BuyerOrganisation(name="Forsyningen"), "anne@forsyning.example", None),
        (None, "anne@forsyning.example", None),
    ],
)
def test_the_e_mail_domain_fits_the_body_chosen(organisation, email, fits):
    check = check_domain(email, organisation)
    assert check.fits is fits
    assert check.email_domain == email.rpartition("@")[2]
