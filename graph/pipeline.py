"""The build: files -> articles -> extractions -> graph -> graph.ttl + graph.html."""
from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from graph.types import Article, Extraction, ReadFailure

logger = logging.getLogger(__name__)


@dataclass
class BuildReport:
    documents: int = 0
    words: int = 0
    failures: list[ReadFailure] = field(default_factory=list)
    entities: Counter = field(default_factory=Counter)
    relations: Counter = field(default_factory=Counter)
    statements: int = 0
    agreements_dated: int = 0
    triples: int = 0
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)
    outputs: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 1 if self.failures else 0


def extract_all(articles: Iterable[Article], *, model: str = "fr_core_news_sm", report: BuildReport | None = None,
                on_doc=None) -> list[Extraction]:
    """Run the model (once, batched) and the rules over ``articles``."""
    from graph.extract import extract_doc
    from graph.extract.nlp import load_nlp

    nlp = load_nlp(model)
    out: list[Extraction] = []
    arts = list(articles)
    for doc, article in nlp.pipe(((a.text, a) for a in arts), as_tuples=True, batch_size=8):
        try:
            ex = extract_doc(article, doc)
        except Exception as exc:  # a rule bug must not cost the other articles
            logger.exception("extraction failed for %s", article.path)
            if report is not None:
                report.failures.append(ReadFailure(article.path, f"extraction failed: {type(exc).__name__}: {exc}"))
            continue
        out.append(ex)
        if on_doc:
            on_doc(article)
    return out


def run_build(paths: list[str], out_dir: str | Path, *, model: str = "fr_core_news_sm", html: bool = True,
              max_bytes: int = 20_000_000, lang: str = "fr") -> BuildReport:
    """Build ``paths`` into ``out_dir/graph.ttl`` (and ``graph.html``)."""
    from graph.build import build_graph
    from graph.read import read_articles
    from graph.store import save_graph

    t0 = time.perf_counter()
    report = BuildReport()
    articles: list[Article] = []
    for item in read_articles(paths, max_bytes=max_bytes, lang=lang):
        if isinstance(item, ReadFailure):
            report.failures.append(item)
        else:
            articles.append(item)
    report.timings["read"] = time.perf_counter() - t0
    t = time.perf_counter()
    exs = extract_all(articles, model=model, report=report)
    report.timings["extract"] = time.perf_counter() - t
    t = time.perf_counter()
    g = build_graph(exs)
    report.timings["triples"] = time.perf_counter() - t
    report.documents = len(exs)
    report.words = sum(len(ex.article.text.split()) for ex in exs)
    seen = {}
    for ex in exs:
        for key, e in ex.entities.items():
            seen[key] = e.type
        for r in ex.relations:
            report.relations[r.predicate] += 1
        report.statements += len(ex.statements)
    report.entities = Counter(seen.values())
    report.triples = len(g)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    save_graph(g, out / "graph.ttl")
    report.outputs.append(str(out / "graph.ttl"))
    report.timings["turtle"] = time.perf_counter() - t
    if html:
        t = time.perf_counter()
        from graph.visualise import render_html

        render_html(g, out / "graph.html")
        report.outputs.append(str(out / "graph.html"))
        report.timings["html"] = time.perf_counter() - t
    report.seconds = time.perf_counter() - t0
    return report
