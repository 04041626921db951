"""Full-text search over supplier profiles: ranked, every query word counts.

On PostgreSQL each profile carries a weighted ``tsvector`` (Danish stemming) built from its name
(A), summary, tags, CPV labels in both languages and offerings (B) and description (C); the text
is stored with the parts of its compounds added (``language.compound_parts``). A query is parsed in
the application: each word searches itself as a prefix, its compound parts, its English stem and
indexed words spelt like it (typos, ``pg_trgm`` over ``SearchWord``); the synonym list adds more
words. Profiles matching any of them are found, and ranked by how many of the query's words they
match and in which fields. Query words found in CPV labels also find the profiles classified with
those codes or codes below them. SQLite falls back to matching any word in the same text.
"""

import functools
import math
import re
from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import DatabaseError, connection, connections, router
from django.db.models import Case, F, FloatField, Func, Q, TextField, Value, When
from django.db.models.functions import Exp, Greatest, Power
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from cms.request_cache import memoised

from .language import (
    STOPWORDS,
    compound_parts,
    decompound,
    english_stem,
    heads_and_modifiers,
    synonym_groups,
    synonyms_of,
)

MAX_TERMS = 12
WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
SYNONYM_WEIGHT = 0.5
PREFIX_WEIGHT = 0.3
PHRASE_RANK = 0.3  # a synonym of several words, all found: about one mention in the keywords
SATURATION = 0.1  # a part's rank r counts 1 - exp(-r / SATURATION)
LOW = "\x1f"  # in the stored document, before what weighs least (D); whitespace to str.split


def terms_of(query):
    return WORD_RE.findall(query or "")[:MAX_TERMS]


def is_postgres():
    return connection.vendor == "postgresql"


def search_vector():
    return (
        SearchVector("name", weight="A", config="danish")
        + SearchVector("search_keywords", weight="B", config="danish")
        + SearchVector(_document_part(1), weight="C", config="danish")
        + SearchVector(_document_part(2), weight="D", config="danish")
    )


def _document_part(n):
    return Func(
        F("search_document"), Value(LOW), Value(n), function="split_part", output_field=TextField()
    )


def documents_for(profile):
    """(keywords, document): the profile's searchable text besides its name, with the parts of
    its compounds and the labels of the CPV codes above its own."""
    cpv = list(profile.cpv_codes.all())
    offerings = list(profile.offerings.all())
    keywords = [tag.name for tag in profile.tags.all()]
    keywords += [c.label_da for c in cpv] + [c.label_en for c in cpv]
    keywords += [o.title for o in offerings]
    document = [strip_tags(profile.description or ""), profile.social_purpose]
    document += [o.description for o in offerings]
    document += [profile.city, profile.municipality.name if profile.municipality_id else ""]
    concepts = concept_labels([c.code for c in cpv])
    return search_texts(profile.name, profile.summary, keywords, document, concepts)


def concept_labels(codes):
    """The Danish and English labels of the CPV codes above ``codes``, from their groups down:
    a profile doing "Rengøring af kontorer" is found by the label "Rengøring" too."""
    from . import cpv, reference

    own = set(codes)
    above = {a for code in codes for a in cpv.ancestors(code)[1:]} - own
    found = reference.cpv_codes(tuple(sorted(above))) if above else ()
    return [label for c in found for label in (c.label_da, c.label_en)]


def search_texts(name, summary, keywords, document, concepts=()):
    """(keywords, document) as stored. The keywords: the summary, the other keywords and the
    parts of the name's compounds; the document: its parts; each with the heads of its
    compounds. After ``LOW`` the document holds what weighs least: the other parts of the
    compounds and the ``concepts``."""

    def clean(parts):
        return " ".join(" ".join(p.split()) for p in parts if p)

    keywords, document = clean([summary, *keywords]), clean(document)
    heads, modifiers = heads_and_modifiers(keywords)
    document_heads, document_modifiers = heads_and_modifiers(document)
    keywords = clean([keywords, " ".join(compound_parts(name)), *heads])
    document = clean([document, *document_heads])
    low = clean([*modifiers, *document_modifiers, *concepts])
    return keywords, f"{document}{LOW}{low}" if low else document


def update_search_document(profile):
    """Rebuild the stored search text (and on PostgreSQL the vector) of one profile."""
    from .models import SupplierProfile

    keywords, document = documents_for(profile)
    profile.search_keywords, profile.search_document = keywords, document
    SupplierProfile.objects.filter(pk=profile.pk).update(
        search_keywords=keywords, search_document=document
    )
    refresh_search_vector(profile)


def refresh_search_vector(profile):
    """Rebuild the PostgreSQL vector of one saved profile from its stored text."""
    from .models import SupplierProfile

    if is_postgres():
        SupplierProfile.objects.filter(pk=profile.pk).update(search_vector=search_vector())
        add_to_vocabulary([profile.pk])
        refresh_postings([profile.pk])


VOCABULARY_SQL = (
    "INSERT INTO directory_searchterm (lexeme, documents) "
    "SELECT word, ndoc FROM ts_stat(%s) WHERE length(word) <= 100 "
    "ON CONFLICT (lexeme) DO NOTHING"
)
PROFILE_VECTORS = "SELECT search_vector FROM directory_supplierprofile WHERE live"


def rebuild_vocabulary():
    """Recount the stems of all live profiles (after imports and bulk writes)."""
    if not is_postgres():
        return
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM directory_searchterm")
        cursor.execute(VOCABULARY_SQL, [PROFILE_VECTORS])
        cursor.execute(
            "INSERT INTO directory_searchterm (lexeme, documents) "
            "SELECT '', count(*) FROM directory_supplierprofile WHERE live"
        )


def add_to_vocabulary(pks):
    """Add the stems of some profiles that are new to the vocabulary (counts wait for a
    rebuild)."""
    ids = ",".join(str(int(pk)) for pk in pks)
    if ids:
        with connection.cursor() as cursor:
            cursor.execute(VOCABULARY_SQL, [f"{PROFILE_VECTORS} AND id IN ({ids})"])


REINDEX_BATCH = 1000


def reindex_all(queryset):
    """Rebuild the search text of every profile in ``queryset`` (after a change to the rules),
    a batch of profiles per statement; returns how many."""
    model = queryset.model
    pks = list(queryset.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(pks), REINDEX_BATCH):
        batch = model.objects.filter(pk__in=pks[start : start + REINDEX_BATCH])
        profiles = list(
            batch.select_related("municipality").prefetch_related("cpv_codes", "offerings", "tags")
        )
        for profile in profiles:
            profile.search_keywords, profile.search_document = documents_for(profile)
        model.objects.bulk_update(profiles, ["search_keywords", "search_document"])
        refresh_all_vectors(batch)
    rebuild_vocabulary()
    rebuild_phrases()
    return len(pks)


def refresh_all_vectors(queryset):
    """Rebuild the PostgreSQL vectors of many profiles in one statement (after bulk writes;
    call ``rebuild_vocabulary`` once when all are written)."""
    if is_postgres():
        queryset.update(search_vector=search_vector())
        refresh_postings(list(queryset.values_list("pk", flat=True)))


# What a stem adds to ts_rank(vector, query, 0) for a query item matching it, as tsrank.c's
# calc_rank_or computes it: positions j = 1.. with weights w_j (D 0.1, C 0.2, B 0.4, A 1.0),
# the first greatest weight at jm: (w_jm + sum(w_j / j^2) - w_jm / jm^2) / (pi^2 / 6).
POSTING_SCORE = """CASE WHEN cardinality(v.weights) = 1
  THEN ('{1.0,0.4,0.2,0.1}'::float8[])[ascii(v.weights[1]) - 64] / 1.64493406685
  ELSE (SELECT (max(w) + sum(w / (j * j)) - (array_agg(w / (j * j) ORDER BY w DESC, j))[1])
               / 1.64493406685
        FROM unnest(coalesce(v.weights, '{D}')) WITH ORDINALITY AS x(weight, j),
             LATERAL (SELECT ('{1.0,0.4,0.2,0.1}'::float8[])[ascii(x.weight) - 64] AS w) c)
  END"""
POSTINGS_SQL = (
    "INSERT INTO directory_searchposting (profile_id, lexeme, score) "  # noqa: S608  (constants)
    f"SELECT p.id, v.lexeme, {POSTING_SCORE} "
    "FROM directory_supplierprofile p, unnest(p.search_vector) v"
)
POSTINGS_INDEX = (
    "CREATE INDEX IF NOT EXISTS directory_searchposting_lexeme "
    "ON directory_searchposting (lexeme, profile_id) INCLUDE (score)"
)


PHRASE_POSTINGS_SQL = (
    "INSERT INTO directory_searchposting (profile_id, lexeme, score) "
    "SELECT p.id, f.text, 0 FROM directory_searchphrase f "
    "JOIN directory_supplierprofile p ON p.search_vector @@ to_tsquery('danish', f.text)"
)


STALE_POSTINGS = (
    "DELETE FROM directory_searchposting s WHERE s.profile_id = ANY(%s) AND NOT EXISTS ("
    "SELECT FROM directory_supplierprofile p WHERE p.id = s.profile_id AND CASE "
    "WHEN s.lexeme LIKE '(%%' THEN p.search_vector @@ to_tsquery('danish', s.lexeme) "
    "ELSE s.lexeme = ANY(tsvector_to_array(p.search_vector)) END)"
)


def refresh_postings(pks):
    """Bring the postings of the profiles ``pks`` in line with their vectors, with those of
    the phrases in ``SearchPhrase``: only the stems that went, came or score otherwise are
    written (the blocks of each written stem are rewritten: ``SearchPostingBlock``)."""
    if pks:
        with connection.cursor() as cursor:
            cursor.execute(STALE_POSTINGS, [pks])
            cursor.execute(  # a save at the same time may have written them too
                f"{POSTINGS_SQL} WHERE p.id = ANY(%s) "
                "ON CONFLICT (profile_id, lexeme) DO UPDATE SET score = excluded.score "
                "WHERE directory_searchposting.score IS DISTINCT FROM excluded.score",
                [pks],
            )
            cursor.execute(
                f"{PHRASE_POSTINGS_SQL} WHERE p.id = ANY(%s) ON CONFLICT DO NOTHING", [pks]
            )


def phrase_texts():
    """The tsquery texts of the synonyms of several words, as ``parse`` makes them."""
    members = set(synonym_groups())
    return sorted({_all_of(words) for m in members if len(words := WORD_RE.findall(m)) > 1})


def rebuild_phrases():
    """Make the synonym list's phrases (``phrase_texts``) and their postings anew, after the list
    changed: until then a phrase new to it is tested on the postings of its words."""
    if not is_postgres():
        return
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM directory_searchposting WHERE lexeme LIKE '(%'")  # phrases
        cursor.execute("DELETE FROM directory_searchphrase")
        cursor.execute(
            "INSERT INTO directory_searchphrase (text) SELECT unnest(%s::text[])", [phrase_texts()]
        )
        cursor.execute(PHRASE_POSTINGS_SQL)


def _prefix(word):
    return f"{word}:*" if len(word) >= 3 else word


def _all_of(words):
    words = [_prefix(w) for w in words]
    return words[0] if len(words) == 1 else "(" + " & ".join(words) + ")"


@dataclass
class Group:
    """One part of a query word as tsquery texts: its exact stems and the words it begins."""

    exact: list
    prefixes: list
    weight: float


@dataclass
class Word:
    """A query word: its groups (one, or one per compound part) and its synonyms' tsquery."""

    term: str
    groups: list
    synonyms: list = field(default_factory=list)  # one word each
    phrases: list = field(default_factory=list)  # tsquery texts of several words


@dataclass
class ParsedQuery:
    """A query as its words, each with its groups and synonyms."""

    terms: list
    words: list = field(default_factory=list)
    marked: list = field(default_factory=list)  # what to highlight
    unknown: bool = False  # a word neither indexed nor spelt like an indexed one
    stems: dict = field(default_factory=dict)  # word -> its stems (PostgreSQL)
    indexed_phrases: frozenset = frozenset()  # phrases with postings (``SearchPhrase``)

    @property
    def any_text(self):
        texts = [t for word in self.words for g in word.groups for t in g.prefixes]
        starts = tuple(t.removesuffix(":*") for t in texts)
        exact = [t for word in self.words for g in word.groups for t in g.exact]
        texts += [t for t in exact if not t.startswith(starts)]
        texts += [text for word in self.words for text in word.synonyms + word.phrases]
        return " | ".join(dict.fromkeys(texts))


STEMS = "FROM unnest(%s::text[]) AS w(word), unnest(to_tsvector('danish', w.word)) v"
STEMS_LOOKUP = f"SELECT w.word, v.lexeme {STEMS}"
VOCABULARY_LOOKUP = (
    "SELECT q.term, s.lexeme, s.documents, similarity(s.lexeme, q.term) "  # noqa: S608  (constants)
    "FROM unnest(%s::text[]) AS q(term) JOIN directory_searchterm s ON s.lexeme %% q.term "
    "UNION ALL SELECT '', '', documents, 1 FROM directory_searchterm WHERE lexeme = '' "
    f"UNION ALL SELECT w.word, v.lexeme, NULL, NULL {STEMS} "
    "UNION ALL SELECT NULL, text, NULL, NULL FROM directory_searchphrase"
)
TYPO_SIMILARITY = 0.4
MIN_TYPO_LENGTH = 5
LEXEME_RE = re.compile(r"^[^\W_]+$", re.UNICODE)


def vocabulary_for(terms, words=()):
    """({term: (profiles with it, [indexed stems spelt like it when it is unknown])}, profiles,
    {word: its stems as ``to_tsquery('danish', …)`` makes them}, the phrases with postings)
    for ``terms`` and ``words``, in one query per request; empty without a vocabulary
    (SQLite)."""
    if not is_postgres():
        return {}, 0, {}, frozenset()
    key = ("search-vocabulary", tuple(terms), tuple(words))
    return memoised(key, lambda: _vocabulary_for(terms, words))


def _vocabulary_for(terms, to_stem):
    rows, stemmed, phrases = {}, {word: [] for word in to_stem}, set()
    with connection.cursor() as cursor:
        cursor.execute(VOCABULARY_LOOKUP, [[t for t in terms if len(t) >= 3], list(to_stem)])
        found = cursor.fetchall()
    total = max([docs for term, lexeme, docs, _sim in found if term == ""] or [0])
    for term, lexeme, docs, sim in found:
        if term is None:
            phrases.add(lexeme)
        elif docs is None:
            stemmed[term].append(lexeme)
        elif term:
            rows.setdefault(term, []).append((lexeme, docs, sim))
    words = {}
    for term, matches in rows.items():
        stems = [m for m in matches if term.startswith(m[0]) and len(term) - len(m[0]) <= 4]
        known = [docs for lexeme, docs, _sim in matches if lexeme.startswith(term)]
        known += [max(stems, key=lambda m: len(m[0]))[1]] if stems else []
        if known or len(term) < MIN_TYPO_LENGTH:
            words[term] = (max(known or [0]), [])
            continue
        close = sorted((m for m in matches if m[2] >= TYPO_SIMILARITY), key=lambda m: -m[2])[:2]
        close = [m for m in close if LEXEME_RE.match(m[0])]
        words[term] = (max([m[1] for m in close] or [0]), [m[0] for m in close])
    return words, total, stemmed, frozenset(phrases)


def stems_of(words):
    """{word: its stems} as ``to_tsquery('danish', …)`` makes them, in one query."""
    stems = {word: [] for word in words}
    if stems:
        with connection.cursor() as cursor:
            cursor.execute(STEMS_LOOKUP, [list(stems)])
            for word, lexeme in cursor.fetchall():
                stems[word].append(lexeme)
    return stems


def _weight(documents, total):
    if not total or not documents:
        return 1.0
    return math.log(1 + total / documents)


def _query_terms(query):
    terms = [t.lower() for t in terms_of(query)]
    content = [t for t in terms if t not in STOPWORDS]
    return content or terms


def parse(query):
    terms = _query_terms(query)
    parsed = ParsedQuery(terms)
    parts_of = {term: decompound(term) for term in terms}
    looked_up = list(dict.fromkeys([*terms, *(p for parts in parts_of.values() for p in parts)]))
    synonyms = {term: synonyms_of_word(terms, term) for term in terms}
    to_stem = [*terms, *map(english_stem, terms), *(p for ps in parts_of.values() for p in ps)]
    to_stem += [w for found in synonyms.values() for group in found for w in group]
    vocabulary, total, parsed.stems, parsed.indexed_phrases = vocabulary_for(
        looked_up, list(dict.fromkeys(to_stem))
    )
    for term in terms:
        documents, spellings = vocabulary.get(term, (0, []))
        parsed.unknown |= not documents and not spellings
        exact, prefixes = [term, *spellings], [_prefix(term), *(_prefix(s) for s in spellings)]
        stem = english_stem(term)
        if stem != term:
            exact.append(stem)
        parts = parts_of[term] or next(filter(None, map(decompound, spellings)), (None,))
        weights = [_weight(vocabulary.get(part, (documents,))[0], total) for part in parts]
        weight = _weight(documents, total) if documents else sum(weights) / len(weights)
        groups = [
            Group(
                exact + ([part] if part else []),
                prefixes + ([_prefix(part)] if part else []),
                weight * part_weight / sum(weights),
            )
            for part, part_weight in zip(parts, weights, strict=True)
        ]
        single = [_prefix(words[0]) for words in synonyms[term] if len(words) == 1]
        phrases = [_all_of(words) for words in synonyms[term] if len(words) > 1]
        parsed.words.append(Word(term, groups, single, phrases))
        parsed.marked += [term, *spellings, stem, *filter(None, parts)]
    parsed.marked += [word for words in synonyms_of(terms) for word in words]
    spellings = [t for w in parsed.words for g in w.groups for t in (*g.exact, *g.prefixes)]
    missing = {t.removesuffix(":*") for t in spellings} - set(parsed.stems)
    if missing and is_postgres():  # a typo's spellings and their parts
        parsed.stems.update(stems_of(sorted(missing)))
    parsed.marked = [w for w in dict.fromkeys(parsed.marked) if len(w) >= 3]
    return parsed


def synonyms_of_word(terms, term):
    """The synonyms of ``term`` alone and of the query's two-word phrases that hold it."""
    i = terms.index(term)
    phrases = [terms[max(0, i - 1) : i + 1], terms[i : i + 2]]
    found = synonyms_of([term])
    for phrase in phrases:
        if len(phrase) == 2:
            found += [words for words in synonyms_of([" ".join(phrase)]) if words not in found]
    return found


@contextmanager
def index_scans(active=True):
    """Within the block, PostgreSQL finds text matches through the indexes, in one process.

    Its estimate for prefix queries is far off (a quarter of all profiles for "rengøring", a
    tenth match), so it would read every row and test the query and the name's trigrams on each:
    880 ms instead of 200 ms at 100k profiles. With a better estimate it starts parallel workers
    for the postings, which triples the time of that 20 ms query on a busy 2-core server (66 ms).
    The settings are reset on leaving.
    """
    from .models import SupplierProfile

    connection = connections[router.db_for_read(SupplierProfile)]
    if not active or connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off; SET max_parallel_workers_per_gather = 0")
    try:
        yield
    finally:
        try:
            with connection.cursor() as cursor:
                cursor.execute("RESET enable_seqscan; RESET max_parallel_workers_per_gather")
        except DatabaseError:
            connection.close()  # a failed transaction: a new connection starts with the default


def _tsquery(text):
    return SearchQuery(text, search_type="raw", config="danish")


def _ts_sum(vector, texts):
    """What each of ``texts`` adds to the rank, summed (``ts_rank`` divides by their number)."""
    texts = list(dict.fromkeys(texts))
    return len(texts) * SearchRank(vector, _tsquery(" | ".join(texts)), normalization=0)


def _saturated(value):
    """0 for nothing found, towards 1 for much (each rank is computed once per row)."""
    return 1 - Exp(-value / SATURATION, output_field=FloatField())


def word_rank(vector, word):
    """A query word's share of the rank: its stems found count in full, words they begin count
    ``PREFIX_WEIGHT``; each part saturates; its synonyms count ``SYNONYM_WEIGHT``.

    Exact stems and prefixes need a ``ts_rank`` each: it counts a stem once, as either.
    """
    own = Value(0.0, output_field=FloatField())
    for group in word.groups:
        exact, begun = _ts_sum(vector, group.exact), _ts_sum(vector, group.prefixes)
        matched = (1 - PREFIX_WEIGHT) * exact + PREFIX_WEIGHT * begun
        own = own + group.weight * _saturated(matched)
    weight = sum(group.weight for group in word.groups)
    if len(word.groups) > 1:  # a compound with one of two parts found counts a quarter
        own = Power(own, 2, output_field=FloatField()) / weight
    if not word.synonyms and not word.phrases:
        return own
    matched = _ts_sum(vector, word.synonyms) if word.synonyms else Value(0.0)
    if word.phrases:  # one test for all: each costs as much as a ts_rank
        found = When(Q(search_vector=_tsquery(" | ".join(word.phrases))), then=Value(PHRASE_RANK))
        matched = matched + Case(found, default=Value(0.0), output_field=FloatField())
    synonym = SYNONYM_WEIGHT * weight * _saturated(matched)
    return Greatest(own, synonym, output_field=FloatField())


def apply_search(queryset, query):
    """Filter ``queryset`` to profiles matching ``query``, annotated with a ``rank``."""
    terms = terms_of(query)
    if not terms:
        return queryset.annotate(rank=Value(0.0, output_field=FloatField()))
    if is_postgres():
        parsed = parse(query)
        vector = F("search_vector")
        rank = Value(0.0, output_field=FloatField())
        for word in parsed.words:
            rank = rank + word_rank(vector, word)
        found = Q(search_vector=_tsquery(parsed.any_text))
        if parsed.unknown:  # perhaps a misspelt name: testing every name costs a third more
            found |= Q(name__trigram_similar=" ".join(terms))
        return queryset.filter(found).annotate(rank=rank)
    match = Q()
    for term in terms:
        match |= (
            Q(name__icontains=term)
            | Q(search_keywords__icontains=term)
            | Q(search_document__icontains=term)
        )
    return queryset.filter(match).annotate(rank=Value(0.0, output_field=FloatField()))


@functools.lru_cache(maxsize=128)
def _word_test(wanted):
    """A regex matching (``.match``, lower case) the words that match one of ``wanted``: those
    beginning with all of it but its last two letters (three at least), or holding one of five
    letters or more."""
    begins = [re.escape(w[: max(3, len(w) - 2)]) for w in wanted]
    holds = [re.escape(w) for w in wanted if len(w) >= 5]
    alternatives = [f"(?:{'|'.join(begins)})"] + ([f".*(?:{'|'.join(holds)})"] if holds else [])
    return re.compile("|".join(alternatives), re.DOTALL)


def highlight(text, wanted):
    """``text`` escaped, with the words matching ``wanted`` in <mark>; None when none match."""
    if not wanted or not text:
        return None
    test = _word_test(tuple(wanted))
    spans = [m.span() for m in WORD_RE.finditer(text) if test.match(m.group().lower())]
    if not spans:
        return None
    pieces, done = [], 0
    for start, stop in spans:
        pieces += [escape(text[done:start]), "<mark>", escape(text[start:stop]), "</mark>"]
        done = stop
    return mark_safe("".join([*pieces, escape(text[done:])]))  # noqa: S308  (escaped above)


def explain(profiles, query):
    """Say on each profile why it matched ``query``: ``match_summary`` (the summary with the
    matched words marked), ``match_offering`` (an offering's title, marked) or ``match_cpv``
    (a competence whose label matched); None otherwise. With words, profiles come with
    ``offerings`` and ``cpv_list``."""
    wanted = parse_words(query)
    for profile in profiles:
        profile.match_summary = profile.match_offering = profile.match_cpv = None
        if not wanted:
            continue
        profile.match_summary = highlight(profile.summary, wanted)
        if profile.match_summary:
            continue
        titles = (highlight(o.title, wanted) for o in profile.offerings.all())
        profile.match_offering = next(filter(None, titles), None)
        if not profile.match_offering:
            profile.match_cpv = next(
                (c for c in profile.cpv_list if highlight(c.label, wanted)), None
            )


def word_queries(text, limit=MAX_TERMS):
    """[(word, tsquery text)] for the distinct words of ``text`` worth matching (four letters or
    more, not only digits): each word as a prefix, its English stem and its compound parts, in
    the profile's own words (weights A-C; D holds the labels of the codes above its own)."""
    pairs = {}
    for term in (t.lower() for t in WORD_RE.findall(text or "")):
        if len(term) < 4 or term.isdigit() or term in pairs:
            continue
        stem = english_stem(term)
        options = [_prefix(term), *([stem] if stem != term else [])]
        options += [_prefix(part) for part in decompound(term) if part and len(part) >= 4]
        own = [f"{o}ABC" if o.endswith(":*") else f"{o}:ABC" for o in options]
        pairs[term] = " | ".join(dict.fromkeys(own))
        if len(pairs) == limit:
            break
    return list(pairs.items())


def parse_words(query):
    """The words of ``query`` and their variants, without asking the database."""
    terms = _query_terms(query)
    words = list(terms)
    for term in terms:
        words += [english_stem(term), *decompound(term)]
    words += [word for group in synonyms_of(terms) for word in group]
    return [w for w in dict.fromkeys(words) if len(w) >= 3]


def supplier_search_section(request, query):
    """The site search's "Suppliers" section: the best live matches, linking to the directory."""
    from django.http import QueryDict
    from django.utils.http import urlencode
    from django.utils.translation import gettext as _

    from cms.pages import index_page_for

    from .models import DirectoryIndexPage, SupplierProfile

    page = index_page_for(DirectoryIndexPage, request)
    if page is None or not terms_of(query):
        return None
    from .queries import DirectoryQuery

    base = page.get_url(request)
    search = DirectoryQuery.from_querydict(QueryDict(urlencode({"q": query})))
    with index_scans():  # the directory's own ranked matches, shared through its cache
        pks = search.page_pks(0, 5)
    found = SupplierProfile.objects.filter(pk__in=pks).values_list("pk", "name", "slug", "summary")
    rows = {pk: (name, slug, summary) for pk, name, slug, summary in found}
    results = [
        {"title": name, "url": f"{base}{slug}/", "summary": summary}
        for name, slug, summary in (rows[pk] for pk in pks if pk in rows)
    ]
    return {
        "title": _("Suppliers"),
        "results": results,
        "more_url": f"{base}?{urlencode({'q': query})}",
    }


def matching_pks(query):
    """The sorted ids of the profiles matching ``query`` as ``ranked_matches`` finds them,
    unranked (on PostgreSQL without reading the scores)."""
    if is_postgres() and terms_of(query) and not (parsed := parse(query)).unknown:
        return PostingsRank(parsed).matching()
    return np.unique(ranked_matches(query)[0])


def ranked_matches(query):
    """(ids, ranks): arrays of the profiles matching ``query`` and their ranks, in no order,
    the ranks of ``apply_search``: on PostgreSQL summed from the postings (``PostingsRank``);
    with a word neither indexed nor spelt like an indexed one (the names' trigrams decide) and
    on SQLite from ``apply_search``."""
    from .models import SupplierProfile

    if is_postgres() and terms_of(query) and not (parsed := parse(query)).unknown:
        return PostingsRank(parsed).ranks()
    rows = apply_search(SupplierProfile.objects.live(), query).order_by()
    rows = list(rows.values_list("pk", "rank"))
    return np.array([pk for pk, _ in rows], np.int64), np.array([rank for _, rank in rows])


OPERAND_RE = re.compile(r"([^\s()&|]+?)(:\*)?(?=[\s()&|]|$)")
BLOCKS_OF = (
    "SELECT {phrase}::int, lexeme, string_agg(postings, ''::bytea) "
    "FROM directory_searchpostingblock WHERE lexeme {test} GROUP BY lexeme"
)
PHRASE_OF = (
    "SELECT {phrase}::int, NULL, string_agg(int8send(profile_id) || float4send(0), ''::bytea) "
    "FROM directory_searchposting p WHERE lexeme LIKE %s"
)
ALSO_HAS = (
    "EXISTS (SELECT FROM directory_searchposting o "
    "WHERE o.profile_id = p.profile_id AND o.lexeme LIKE %s)"
)
PACKED = np.dtype([("id", ">i8"), ("score", ">f4")])  # as SearchPostingBlock stores them


def _operand(text):
    return text.removesuffix(":*"), text.endswith(":*")


def _like(stem, prefix):
    escaped = stem.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"{escaped}%" if prefix else escaped


def _has(item, lexeme):
    stem, prefix = item
    return lexeme.startswith(stem) if prefix else lexeme == stem


def _unpacked(data):
    """The postings packed as ``SearchPostingBlock`` stores them; none for NULL."""
    return np.frombuffer(data or b"", PACKED)


def _saturation(values):
    return 1 - np.exp(-values / SATURATION)


class PostingsRank:
    """``apply_search``'s matches and ranks summed from ``SearchPosting``, from the query items
    stemmed as ``to_tsquery('danish', …)`` does (``ParsedQuery.stems``).

    Each ``ts_rank`` of ``word_rank`` (a *slot*) is the sum of its items' postings (a prefix
    item sums every stem it begins) divided by the slot's distinct stems, as ``ts_rank``
    divides, times its number of texts (``_ts_sum``). One query reads the postings once per
    range of stems (a prefix with the items within it, or a whole stem), packed in blocks
    (``SearchPostingBlock``: at 100,000 profiles "rengøring" reads 1,700 blocks instead of
    17,500 postings); the sums and ranks are computed here with numpy. A phrase of the
    synonym list has postings of its own (``SearchPhrase``); one new to the list is found when
    all its stems are: the profiles with its longest stem (most likely the rarest) are tested
    for the others.
    """

    def __init__(self, parsed):
        self.parsed = parsed
        self.slots = {}  # texts -> (number, its items (stem, prefix), number of texts)
        self.phrases = {}  # phrase -> (number, its operands, longest first)
        for word in parsed.words:
            for group in word.groups:
                self.add_slot(group.exact)
                self.add_slot(group.prefixes)
            self.add_slot(word.synonyms)
            for text in word.phrases:
                self.add_phrase(text)
        texts = [t for t in parsed.any_text.split(" | ") if not t.startswith("(")]
        self.found = list(dict.fromkeys(item for text in texts for item in self.items_of([text])))

    def items_of(self, texts):
        """The query items of ``texts`` with distinct stems (``ts_rank`` counts a stem once)."""
        stems = {}
        for text in texts:
            word, prefix = _operand(text)
            for stem in self.parsed.stems.get(word, []):
                stems.setdefault(stem, prefix)
        return list(stems.items())

    def add_slot(self, texts):
        if (items := self.items_of(texts)) and tuple(texts) not in self.slots:
            self.slots[tuple(texts)] = (len(self.slots), items, len(dict.fromkeys(texts)))

    def add_phrase(self, text):
        """A phrase ("(a:* & b:*)") the profiles are tested for, if it has stems."""
        operands = []
        for word, prefix in (_operand(o + p) for o, p in OPERAND_RE.findall(text)):
            operands += [(stem, prefix) for stem in self.parsed.stems.get(word, [])]
        if operands and text not in self.phrases:  # from the longest stem: most likely the rarest
            operands = sorted(dict.fromkeys(operands), key=lambda op: -len(op[0]))
            self.phrases[text] = (len(self.phrases), operands)

    def stem_ranges(self):
        """The stems to read, each once: a prefix item with the items within it, or a stem."""
        items = {item for _n, slot, _size in self.slots.values() for item in slot}
        ranges = []
        for stem, prefix in sorted(items | set(self.found), key=lambda i: (i[0], not i[1])):
            if not (ranges and ranges[-1][1] and stem.startswith(ranges[-1][0])):
                ranges.append((stem, prefix))
        return ranges

    def sql(self):
        """(SQL, params): rows (phrase, stem, postings packed as ``SearchPostingBlock`` holds
        them), per stem read (``phrase`` NULL), per indexed phrase (-1) and per phrase without
        postings (its number)."""
        branches, params = [], []
        for stem, prefix in self.stem_ranges():
            branches.append(BLOCKS_OF.format(phrase="NULL", test="LIKE %s" if prefix else "= %s"))
            params.append(_like(stem, prefix) if prefix else stem)
        indexed = [text for text in self.phrases if text in self.parsed.indexed_phrases]
        if indexed:
            branches.append(BLOCKS_OF.format(phrase=-1, test="= ANY(%s)"))
            params.append(indexed)
        for text, (n, operands) in self.phrases.items():
            if text not in indexed:
                tests = [ALSO_HAS] * (len(operands) - 1)
                branches.append(" AND ".join([PHRASE_OF.format(phrase=n), *tests]))
                params += [_like(*operand) for operand in operands]
        return " UNION ALL ".join(branches), params

    def postings(self):
        """[(phrase number or None for a stem, stem, ids, scores)] as ``sql`` selects them."""
        sql, params = self.sql()
        if not sql:
            return []
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        found = []
        for phrase, lexeme, packed in rows:
            postings = _unpacked(packed)
            number = self.phrases[lexeme][0] if phrase == -1 else phrase
            found.append((number, lexeme, postings["id"], postings["score"]))
        return found

    def makes_match(self, lexeme):
        return any(_has(item, lexeme) for item in self.found)

    def matching(self):
        """The sorted ids of the matches, ranking nothing."""
        found = [
            ids
            for phrase, lexeme, ids, _scores in self.postings()
            if phrase is not None or self.makes_match(lexeme)
        ]
        return np.unique(np.concatenate(found)) if found else np.zeros(0, np.int64)

    def ranks(self):
        """(ids, ranks) of the matches, in no order."""
        postings = self.postings()
        if not postings:
            return np.zeros(0, np.int64), np.zeros(0)
        ids, at = np.unique(np.concatenate([p[2] for p in postings]), return_inverse=True)
        sums = np.zeros((len(self.slots), len(ids)))
        phrases = np.zeros((len(self.phrases), len(ids)), bool)
        found = np.zeros(len(ids), bool)
        start = 0
        for phrase, lexeme, members, scores in postings:
            places, start = at[start : start + len(members)], start + len(members)
            if phrase is not None:
                phrases[phrase, places] = True
                continue
            found[places] |= self.makes_match(lexeme)
            for n, items, _size in self.slots.values():  # a stem's profiles are distinct
                if times := sum(_has(item, lexeme) for item in items):
                    sums[n, places] += times * scores
        matched = found | phrases.any(axis=0)
        ranks = sum(self.word_rank(word, sums, phrases) for word in self.parsed.words)
        return ids[matched], np.broadcast_to(ranks, ids.shape)[matched]

    def slot_sum(self, texts, sums):
        """``_ts_sum(vector, texts)`` of each profile."""
        if (slot := self.slots.get(tuple(texts))) is None:
            return 0.0
        n, items, size = slot
        return size * sums[n] / len(items)

    def word_rank(self, word, sums, phrases):
        """``word_rank`` of each profile."""
        own = 0.0
        for group in word.groups:
            exact, begun = self.slot_sum(group.exact, sums), self.slot_sum(group.prefixes, sums)
            matched = (1 - PREFIX_WEIGHT) * exact + PREFIX_WEIGHT * begun
            own = own + group.weight * _saturation(matched)
        weight = sum(group.weight for group in word.groups)
        if len(word.groups) > 1:
            own = own**2 / weight
        if not word.synonyms and not word.phrases:
            return own
        matched = self.slot_sum(word.synonyms, sums)
        tested = [self.phrases[text][0] for text in word.phrases if text in self.phrases]
        if tested:
            matched = matched + np.where(phrases[tested].any(axis=0), PHRASE_RANK, 0.0)
        return np.maximum(own, SYNONYM_WEIGHT * weight * _saturation(matched))
