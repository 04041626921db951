"""Links in e-mails point at the site as it is served: PUBLIC_BASE_URL, by default the port of
`make run`."""

import os
import re
import subprocess
import sys

from django.conf import settings
from django.core import mail
from django.test import override_settings

from accounts.services import approve, send_confirmation

from .test_accounts import applicant, editor  # noqa: F401 (fixtures)

SERVED = "http://127.0.0.1:8101"


def test_make_run_on_another_port_links_to_that_port():
    env = {k: v for k, v in os.environ.items() if not k.endswith("BASE_URL")}
    env |= {"PORT": "8101", "DJANGO_SETTINGS_MODULE": "cms.settings.dev"}
    code = "import django; django.setup(); from django.conf import settings as s; "
    code += "print(s.PUBLIC_BASE_URL, s.WAGTAILADMIN_BASE_URL)"
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == [SERVED, SERVED]


@override_settings(PUBLIC_BASE_URL=SERVED, WAGTAILADMIN_BASE_URL=SERVED)
def test_confirmation_and_approval_e_mails_link_to_the_public_address(
    applicant,  # noqa: F811
    editor,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        send_confirmation(applicant)
        applicant.account.confirm_email()
        approve(applicant.account, editor)
    links = [link for m in mail.outbox for link in re.findall(r"https?://\S+", m.body)]
    assert len(mail.outbox) == 2 and len(links) == 2
    assert all(link.startswith(SERVED + "/") for link in links)
    html = mail.outbox[0].alternatives[0][0]
    assert f'href="{SERVED}/' in html
