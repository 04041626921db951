"""Whether a buyer's e-mail address belongs to the public body they say they buy for.

A hint for the editor who approves the sign-up, not a rule: the body's website domain, the
known domains of the regions and of the municipalities that do not use their name, and for a
municipality its name as a domain (``aarhus.dk``, ``faxekommune.dk``).
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

# Municipality and region codes whose e-mail domain is not their name.
KNOWN_DOMAINS = {
    101: ["kk.dk"],  # København
    151: ["balk.dk"],  # Ballerup
    169: ["htk.dk"],  # Høje-Taastrup
    173: ["ltk.dk"],  # Lyngby-Taarbæk
    175: ["rk.dk"],  # Rødovre
    240: ["egekom.dk"],  # Egedal
    316: ["holb.dk"],  # Holbæk
    400: ["brk.dk"],  # Bornholm
    430: ["fmk.dk"],  # Faaborg-Midtfyn
    760: ["rksk.dk"],  # Ringkøbing-Skjern
    773: ["mors.dk"],  # Morsø
    1081: ["rn.dk"],
    1082: ["rm.dk"],
    1083: ["rsyd.dk"],
    1084: ["regionh.dk"],
    1085: ["regionsjaelland.dk"],
}
SPELLINGS = [{"æ": "ae", "ø": "oe", "å": "aa"}, {"æ": "ae", "ø": "o", "å": "aa"}]


@dataclass(frozen=True)
class DomainCheck:
    email_domain: str
    fits: bool | None  # None: nothing known to compare with
    expected: list


def email_domain(email):
    return email.rpartition("@")[2].strip().lower()


def known_domains(organisation):
    """The e-mail domains ``organisation`` is known to use, the likeliest first."""
    domains = []
    if organisation.website:
        host = (urlsplit(organisation.website).hostname or "").lower()
        domains.append(host.removeprefix("www."))
    code = organisation.municipality_id or organisation.region_id
    domains += KNOWN_DOMAINS.get(code, [])
    if organisation.municipality_id:
        name = organisation.municipality.name.lower().replace(" ", "-")
        for spelling in SPELLINGS:
            word = "".join(spelling.get(letter, letter) for letter in name)
            domains += [f"{word}.dk", f"{word}kommune.dk"]
    return [d for i, d in enumerate(domains) if d and d not in domains[:i]]


def check_domain(email, organisation):
    """How ``email``'s domain compares with ``organisation``'s (``None``: a body not listed)."""
    domain = email_domain(email)
    expected = known_domains(organisation) if organisation else []
    if not expected:
        return DomainCheck(domain, None, [])
    fits = any(domain == d or domain.endswith("." + d) for d in expected)
    return DomainCheck(domain, fits, expected)
