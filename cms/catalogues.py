"""Keeps the da and en message catalogues complete.

    python -m cms.catalogues update [TRANSLATIONS.json]   extract strings, add Danish
                                                          translations, fill English, compile
    python -m cms.catalogues check                        list untranslated entries; exit 1 if any

TRANSLATIONS.json maps an English msgid to its Danish text (a list of two for plurals).
Wagtail's and wagtail-localize's admin JavaScript messages that their Danish catalogues lack are
kept by hand in locale/da/LC_MESSAGES/djangojs.po (Django merges it into every JavaScript
catalogue);
``check`` lists any that neither translates.
Updates take a file lock, so several people can run them one after another safely.
"""

import fcntl
import json
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "locale"
LOCK = ROOT / "locale" / ".lock"
IGNORE = [".venv/*", "node_modules/*", "tests/*", "staticfiles/*", "build/*"]


JS_CATALOGUE = LOCALE / "da" / "LC_MESSAGES" / "djangojs.po"


def catalogue(language):
    return LOCALE / language / "LC_MESSAGES" / "django.po"


def update(translations_file=None):
    LOCK.parent.mkdir(parents=True, exist_ok=True)
    with open(LOCK, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        args = [sys.executable, "manage.py", "makemessages", "-l", "da", "-l", "en"]
        args += ["--no-obsolete", "--no-location", *[f"--ignore={p}" for p in IGNORE]]
        subprocess.run(args, cwd=ROOT, check=True)  # noqa: S603
        danish = json.loads(Path(translations_file).read_text()) if translations_file else {}
        _apply(catalogue("da"), danish)
        _apply(catalogue("en"), {}, copy_source=True)
        polib.pofile(str(JS_CATALOGUE)).save_as_mofile(str(JS_CATALOGUE.with_suffix(".mo")))


def _apply(path, translations, copy_source=False):
    po = polib.pofile(str(path), wrapwidth=0)
    po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    for entry in po:
        given = translations.get(entry.msgid)
        if entry.msgid_plural:
            if given:
                entry.msgstr_plural = {0: given[0], 1: given[1]}
            elif copy_source:
                entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
        elif given:
            entry.msgstr = given
        elif copy_source:
            entry.msgstr = entry.msgid
        if (given or copy_source) and "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    po.save(str(path))
    po.save_as_mofile(str(path.with_suffix(".mo")))


def untranslated(language):
    po = polib.pofile(str(catalogue(language)))
    missing = [e.msgid for e in po.untranslated_entries()]
    missing += [e.msgid for e in po.fuzzy_entries()]
    return missing


def untranslated_wagtail_js():
    """Wagtail's and wagtail-localize's admin JavaScript messages that neither their Danish
    catalogues nor ours translates."""
    import wagtail
    import wagtail_localize

    roots = [Path(wagtail.__file__).parent / "admin", Path(wagtail_localize.__file__).parent]
    missing = []
    for root in roots:
        catalogues = [root / "locale" / "da" / "LC_MESSAGES" / "djangojs.po", JS_CATALOGUE]
        translated = {
            e.msgid for path in catalogues for e in polib.pofile(str(path)) if e.translated()
        }
        english = polib.pofile(str(root / "locale" / "en" / "LC_MESSAGES" / "djangojs.po"))
        missing += [e.msgid for e in english if e.msgid not in translated]
    return missing


def check():
    problems = {lang: untranslated(lang) for lang in ("da", "en")}
    problems["da (Wagtail JavaScript)"] = untranslated_wagtail_js()
    for lang, missing in problems.items():
        for msgid in missing:
            print(f"{lang}: untranslated: {msgid!r}")  # noqa: T201
    return 1 if any(problems.values()) else 0


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "check"
    if command == "update":
        update(sys.argv[2] if len(sys.argv) > 2 else None)
    else:
        sys.exit(check())
