"""A visitor finds an upcoming event, registers and gets the calendar file; axe finds nothing."""

import re
from email.header import decode_header, make_header

import icalendar
import pytest

from .conftest import assert_accessible, text_of

WEBINAR = "/arrangementer/webinar-reserverede-kontrakter/"


def test_a_visitor_registers_and_gets_the_calendar_file_by_e_mail(page, server):
    page.goto("/arrangementer/")
    page.get_by_role("link", name="Webinar: Reserverede kontrakter i praksis").click()
    page.get_by_label("Navn").fill("Mette Hansen")
    page.get_by_label("E-mail").fill("mette.e2e@example.dk")
    page.get_by_label("Organisation").fill("Aarhus Kommune")
    page.get_by_label("Offentlig indkøber").check()
    page.get_by_label("Jeg accepterer").check()
    page.get_by_role("button", name="Tilmeld").click()

    assert page.get_by_text("Du er tilmeldt").is_visible()
    (message,) = server.emails(to="mette.e2e@example.dk")
    subject = str(make_header(decode_header(message["Subject"])))
    assert subject == "Tilmelding bekræftet: Webinar: Reserverede kontrakter i praksis"
    attachments = [part for part in message.walk() if part.get_filename() == "invitation.ics"]
    assert len(attachments) == 1
    calendar = icalendar.Calendar.from_ical(attachments[0].get_payload(decode=True))
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Webinar: Reserverede kontrakter i praksis"


def test_the_link_in_the_e_mail_shows_what_is_stored_and_cancels(page, server):
    page.goto(WEBINAR)
    page.get_by_label("Navn").fill("Jonas Berg")
    page.get_by_label("E-mail").fill("jonas.e2e@example.dk")
    page.get_by_label("Andet").check()
    page.get_by_label("Behov for tilgængelighed").fill("Trinfri adgang")
    page.get_by_label("Jeg accepterer").check()
    page.get_by_role("button", name="Tilmeld").click()
    assert page.get_by_text("Du er tilmeldt").is_visible()

    (message,) = server.emails(to="jonas.e2e@example.dk")
    link = re.search(r"http\S+/afmeld/\S+/", text_of(message)).group()
    page.goto(link)
    assert page.get_by_role("heading", name="Din tilmelding").is_visible()
    assert page.get_by_text("Trinfri adgang").is_visible()
    assert page.get_by_text("jonas.e2e@example.dk").first.is_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Ja, afmeld mig").click()
    assert page.get_by_role("status").get_by_text("er afmeldt").is_visible()
    assert_accessible(page)


@pytest.mark.parametrize("path", ["/arrangementer/", "/en/arrangementer/", WEBINAR])
def test_event_pages_have_no_axe_violations(page, path):
    assert page.goto(path).status == 200
    assert_accessible(page)


def test_registration_form_with_errors_has_no_axe_violations(page):
    page.goto(WEBINAR)
    page.get_by_role("button", name="Tilmeld").click()
    assert page.get_by_text("Skriv dit navn").is_visible()
    assert_accessible(page)
