"""A small site for the infrastructure tests, built in a subprocess on their own database:
``python -m tests.ops.sitedata`` prints the ids the tests need as JSON."""

import json
import os

import django

PASSWORD = "Sk0vmaerke-Kantine-42"


def build():
    from django.contrib.auth import get_user_model

    from wagtail.models import Locale, Page, Site

    from cms.models import HomePage
    from directory.models import DirectoryIndexPage
    from events.models import EventIndexPage
    from tests.directory.factories import profile
    from tests.events.factories import make_event

    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(
            title="Forside", slug="forside", locale=Locale.objects.get(language_code="da")
        )
    )
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
    )
    for page in root.get_children().exclude(id=home.id):
        page.delete()
    directory = home.add_child(
        instance=DirectoryIndexPage(title="Leverandører", slug="leverandoerer")
    )
    directory.save_revision().publish()
    events = home.add_child(instance=EventIndexPage(title="Arrangementer", slug="arrangementer"))
    events.save_revision().publish()
    event = make_event(events, capacity=5)
    kantine = profile(name="Kantinen i Aarhus", cpv=["55520000"])
    get_user_model().objects.create_superuser("redaktoer", "redaktoer@example.org", PASSWORD)
    get_user_model().objects.create_user("ejer", "ejer@example.org", PASSWORD)
    return {"event_url": event.url, "profile_id": kantine.pk, "profile_slug": kantine.slug}


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
    django.setup()
    print(json.dumps(build()))  # noqa: T201
