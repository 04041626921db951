"""Search quality on a judged set: buyer queries with graded profiles, scored as nDCG@10, MRR
and recall@50 over the order in which the directory page lists its results.

The judged set (``data/search_eval/queries.json``) names, for each query, every profile a buyer
would want to see, graded 3 (does exactly this), 2 (clearly can do it) or 1 (partly, related);
profiles not listed count as 0. ``data/search_eval/heldout.json`` holds queries judged the same
way that no change to the search was tuned on. See docs/search.md.
"""

import json
import math
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

QUERIES_FILE = Path(__file__).resolve().parent / "data" / "search_eval" / "queries.json"
HELD_OUT_FILE = QUERIES_FILE.with_name("heldout.json")  # never tuned on: --queries to score it
NDCG_DEPTH = 10
RECALL_DEPTH = 50
RR_MIN_GRADE = 2
WEAK = 0.6


@dataclass(frozen=True)
class JudgedQuery:
    """A buyer query and the grade of every relevant profile, by CVR number."""

    q: str
    lang: str
    kinds: tuple
    grades: dict = field(hash=False)


def load_queries(path=QUERIES_FILE):
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return [
        JudgedQuery(
            q=item["q"],
            lang=item.get("lang", "da"),
            kinds=tuple(item.get("kinds", ())),
            grades={j["cvr"]: j["grade"] for j in item["judgements"]},
        )
        for item in data["queries"]
    ]


def ndcg(ranking, grades, depth=NDCG_DEPTH):
    """Normalised discounted cumulative gain of the first ``depth`` results (gain 2^grade - 1)."""

    def dcg(values):
        return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(values[:depth]))

    ideal = dcg(sorted(grades.values(), reverse=True))
    return dcg([grades.get(cvr, 0) for cvr in ranking]) / ideal if ideal else 0.0


def reciprocal_rank(ranking, grades, min_grade=RR_MIN_GRADE):
    """1/rank of the first result graded ``min_grade`` or better, 0 when none is listed."""
    for rank, cvr in enumerate(ranking, start=1):
        if grades.get(cvr, 0) >= min_grade:
            return 1 / rank
    return 0.0


def recall(ranking, grades, depth=RECALL_DEPTH):
    """The share of the judged profiles (any grade) among the first ``depth`` results."""
    relevant = {cvr for cvr, grade in grades.items() if grade > 0}
    return len(relevant & set(ranking[:depth])) / len(relevant) if relevant else 0.0


class _Links(HTMLParser):
    """The targets of the links inside <main>, in document order."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.depth += 1
        elif tag == "a" and self.depth:
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)

    def handle_endtag(self, tag):
        if tag == "main" and self.depth:
            self.depth -= 1


def profile_slugs(html, base_path):
    """The profiles a results page links to, in the order it shows them."""
    parser = _Links()
    parser.feed(html)
    slugs = []
    for href in parser.hrefs:
        path = urlparse(href).path
        rest = path[len(base_path) :] if path.startswith(base_path) else ""
        slug = rest[:-1] if rest.endswith("/") else ""
        if slug and "/" not in slug and slug not in slugs:
            slugs.append(slug)
    return slugs


def ranked_cvrs(client, base_path, query, cvr_by_slug, wanted=(), depth=RECALL_DEPTH):
    """The CVR numbers of the first ``depth`` results of ``query`` on the directory page.

    Stops early after the last page, or once every CVR in ``wanted`` has been listed (later
    pages cannot change the scores then).
    """
    ranking = []
    page_size = None
    page = 1
    while len(ranking) < depth:
        response = client.get(base_path, {"q": query, "page": page})
        if response.status_code != 200:
            raise RuntimeError(f"{base_path}?q={query} answered {response.status_code}")
        new = [
            cvr_by_slug[slug]
            for slug in profile_slugs(response.content.decode(), base_path)
            if slug in cvr_by_slug and cvr_by_slug[slug] not in ranking
        ]
        ranking += new
        page_size = page_size or len(new)
        if len(new) < page_size or not new or set(wanted) <= set(ranking):
            break
        page += 1
    return ranking[:depth]


def evaluate(client, queries, base_paths, cvr_by_slug):
    """Run every query through the directory page of its language and score the ranking.

    ``base_paths`` maps a language code to the path of its directory page.
    """
    rows = []
    for query in queries:
        ranking = ranked_cvrs(
            client, base_paths[query.lang], query.q, cvr_by_slug, wanted=query.grades
        )
        rows.append(
            {
                "q": query.q,
                "lang": query.lang,
                "kinds": list(query.kinds),
                "ndcg@10": ndcg(ranking, query.grades),
                "rr": reciprocal_rank(ranking, query.grades),
                "recall@50": recall(ranking, query.grades),
                "judged": len(query.grades),
                "found": len(ranking),
                "top10": ranking[:NDCG_DEPTH],
            }
        )
    return {"queries": rows, "total": summarise(rows), "by_kind": by_kind(rows)}


def mean(values):
    values = list(values)
    return sum(values) / len(values) if values else 0.0


def summarise(rows):
    return {
        "queries": len(rows),
        "ndcg@10": mean(r["ndcg@10"] for r in rows),
        "mrr": mean(r["rr"] for r in rows),
        "recall@50": mean(r["recall@50"] for r in rows),
        "below_0.6": [r["q"] for r in rows if r["ndcg@10"] < WEAK],
    }


def by_kind(rows):
    kinds = sorted({kind for r in rows for kind in r["kinds"]})
    return {
        kind: {
            "queries": sum(kind in r["kinds"] for r in rows),
            "ndcg@10": mean(r["ndcg@10"] for r in rows if kind in r["kinds"]),
        }
        for kind in kinds
    }


def report_lines(result):
    """The result as a plain-text table, one query a line, then the totals."""
    width = max([len(r["q"]) for r in result["queries"]] + [20])
    lines = [f"{'query':<{width}}  lang  nDCG@10     RR  R@50"]
    for r in result["queries"]:
        flag = "  <" if r["ndcg@10"] < WEAK else ""
        lines.append(
            f"{r['q']:<{width}}  {r['lang']:<4}  {r['ndcg@10']:7.2f}  {r['rr']:5.2f}"
            f"  {r['recall@50']:4.2f}{flag}"
        )
    total = result["total"]
    lines.append(
        f"{'total (mean of ' + str(total['queries']) + ')':<{width}}        "
        f"{total['ndcg@10']:7.2f}  {total['mrr']:5.2f}  {total['recall@50']:4.2f}"
    )
    lines.append(
        "by kind: "
        + ", ".join(
            f"{kind} {k['ndcg@10']:.2f} ({k['queries']})" for kind, k in result["by_kind"].items()
        )
    )
    weak = total["below_0.6"]
    lines.append(f"below {WEAK} nDCG@10 ({len(weak)}): " + (", ".join(weak) or "none"))
    return lines
