from .test_danish_admin import *  # noqa
from .test_danish_admin import _start


def test_debug(client, public_pages):
    user, rows = role_rows("supplier")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)
    for url in _start(user, rows):
        r = client.get(url, headers={"accept-language": "en"})
        msgs = r.cookies.get("messages")
        if r.status_code == 302:
            print("302", url, r.url, msgs.value[:300] if msgs else client.session.get("_messages"))
