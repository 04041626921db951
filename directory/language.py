"""Danish language work the database can't do: decompounding, synonyms and English endings.

The word list ``data/da_words.txt.gz`` is derived from Debian's ``hunspell-da`` dictionary
(Stavekontrolden.dk, LGPL-2.1 / GPL-2 / MPL-1.1): the lower-case words of 3–14 letters of
``da_DK.dic``, without their affix flags. Synonyms are in ``data/synonyms.txt``.
"""

import gzip
import re
from array import array
from bisect import bisect_left
from functools import cache, lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
WORDS_FILE = DATA / "da_words.txt.gz"
SYNONYMS_FILE = DATA / "synonyms.txt"
WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
ENDINGS = ("", "e", "r", "n", "s", "t", "er", "en", "et", "es", "ne", "re", "erne", "ene", "ers")
LINKS = ("s", "e")
ENGLISH_ENDINGS = ("ings", "ing", "ers", "er", "es", "ed", "s")
MIN_PART = 3
STOPWORDS_TEXT = (
    "af at de den der det du eller en er et for fra har hos i med og om over på samt som til"
    " uden under ved vi vores jeres a an and for in of on the to with"
)
STOPWORDS = frozenset(STOPWORDS_TEXT.split(" "))
LEXICALISED = frozenset(["værktøj", "legetøj", "køretøj", "fartøj", "syltetøj", "kultøj"])


class Hashed:
    """A set of words that only answers ``in``, in 8 bytes a word (a frozenset of 85,000 words
    takes 10 MB of every process): their sorted hashes (a false match is a chance of 10^-14)."""

    def __init__(self, words):
        self.hashes = array("q", sorted(hash(word) for word in words))

    def __contains__(self, word):
        value = hash(word)
        index = bisect_left(self.hashes, value)
        return index < len(self.hashes) and self.hashes[index] == value


@cache
def words():
    with gzip.open(WORDS_FILE, "rt", encoding="utf-8") as lines:
        return Hashed(word for line in lines if (word := line.strip()))


def _known(word):
    """A dictionary word with an inflection ending (``møbler`` from ``møbel`` too)."""
    for ending in ENDINGS:
        if not word.endswith(ending):
            continue
        stem = word[: len(word) - len(ending)]
        if stem in words() or (len(stem) > 3 and f"{stem[:-1]}e{stem[-1]}" in words()):
            return True
    return False


@lru_cache(maxsize=50_000)
def decompound(word):
    """The parts of a Danish compound (``trappevask`` → ``trappe``, ``vask``), or ``()``.

    The fewest parts win, then parts joined without a link letter (``datasletning``: ``data`` +
    ``sletning``, not ``datas`` + ``letning``); words whose parts mislead (``værktøj`` is no
    ``tøj``) stay whole.
    """
    word = word.lower()
    if len(word) < 2 * MIN_PART + 1 or not word.isalpha() or _lexicalised(word):
        return ()
    splits = [s for s in (_split(word, linked=False), _split(word, linked=True)) if s]
    return min(splits, key=len) if splits else ()


def _lexicalised(word):
    return any(word.startswith(w) and word[len(w) :] in ENDINGS for w in LEXICALISED)


def _split(word, linked):
    for i in range(len(word) - MIN_PART, MIN_PART - 1, -1):
        left, right = word[:i], word[i:]
        heads = [left] if left in words() and not linked else []
        if linked:
            heads += [left[:-1] for link in LINKS if left.endswith(link) and left[:-1] in words()]
            if left.endswith("s") and f"{left[:-1]}e" in words():
                heads.append(f"{left[:-1]}e")  # arbejds- from arbejde
        heads = [h for h in heads if len(h) >= MIN_PART]
        if not heads:
            continue
        if _known(right):
            return (heads[0], right)
        tail = decompound(right)
        if tail:
            return (heads[0], *tail)
    return ()


@cache
def synonym_groups():
    """{word or phrase: the other words and phrases of its groups}."""
    groups = {}
    for line in SYNONYMS_FILE.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        members = [" ".join(m.split()).lower() for m in line.split(",") if m.strip()]
        for member in members:
            groups.setdefault(member, set()).update(m for m in members if m != member)
    return groups


def synonyms_of(words_of_query):
    """The synonyms of the query's words and two-word phrases, as word lists."""
    groups = synonym_groups()
    found = []
    lowered = [w.lower() for w in words_of_query]
    phrases = lowered + [" ".join(pair) for pair in zip(lowered, lowered[1:], strict=False)]
    for phrase in phrases:
        members = groups.get(phrase) or groups.get(spelt_like(phrase), ())
        for synonym in sorted(members):
            parts = WORD_RE.findall(synonym)
            if parts and parts not in found:
                found.append(parts)
    return found


@lru_cache(maxsize=4096)
def spelt_like(word):
    """The synonym list's word that ``word`` misspells (``kuverteing``: ``kuvertering``), if
    one is a letter or two away (two from eight letters on), else None."""
    allowed = 2 if len(word) >= 8 else 1
    if len(word) < 5 or " " in word:
        return None
    close = [
        (distance, member)
        for member in synonym_groups()
        if member[0] == word[0] and abs(len(member) - len(word)) <= allowed
        for distance in [_distance(word, member, allowed)]
        if distance <= allowed
    ]
    return min(close)[1] if close else None


def _distance(a, b, limit):
    """Levenshtein distance of ``a`` and ``b``, or ``limit + 1`` once it must exceed ``limit``."""
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, start=1):
        current = [i]
        for j, other in enumerate(b, start=1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other))
            )
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def english_stem(word):
    """A light English stem for prefix matching (``cleaning`` → ``clean``)."""
    for ending in ENGLISH_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


@lru_cache(maxsize=20_000)
def compound_parts(text):
    """The parts of the compounds in ``text``, in order."""
    return tuple(part for word in WORD_RE.findall(text.lower()) for part in decompound(word))


def heads_and_modifiers(text):
    """(the last parts of the compounds in ``text``, their other parts): ``kontorrengøring`` is
    a kind of ``rengøring``, ``rengøringsklude`` a kind of ``klude``."""
    heads, modifiers = [], []
    for word in WORD_RE.findall(text.lower()):
        parts = decompound(word)
        if parts:
            heads.append(parts[-1])
            modifiers += parts[:-1]
    return heads, modifiers
