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
    skipped: int = 0            # --store: unchanged articles, not extracted again
    stored: list[str] = field(default_factory=list)   # --store: document graphs (re)written
    pruned: list[str] = field(default_factory=list)   # --store --prune: document graphs removed

    @property
    def exit_code(self) -> int:
        return 1 if self.failures else 0


def extract_all(articles: Iterable[Article], *, model: str = "fr_core_news_sm", report: BuildReport | None = None,
                on_doc=None, jobs: int = 1) -> list[Extraction]:
    """Run the model (once per process, batched) and the rules over ``articles``.

    ``jobs > 1`` spreads the articles over that many worker processes
    (:func:`graph.parallel.extract_parallel`); the result is in input order either way.
    """
    from graph.extract import extract_doc
    from graph.extract.nlp import load_nlp

    arts = list(articles)
    if not arts:
        return []  # nothing new (e.g. every article unchanged in the store): no model to load
    if jobs > 1 and len(arts) > 1:
        from graph.parallel import extract_parallel

        return extract_parallel(arts, model=model, jobs=jobs, report=report, on_doc=on_doc)
    nlp = load_nlp(model)
    out: list[Extraction] = []
    for doc, article in nlp.pipe(((a.text, a) for a in arts), as_tuples=True, batch_size=8):
        try:
            ex = extract_doc(article, doc)
        except Exception as exc:  # a rule bug must not cost the other articles
            logger.debug("extraction failed for %s", article.path, exc_info=True)
            if report is not None:
                report.failures.append(ReadFailure(article.path, f"extraction failed: {type(exc).__name__}: {exc}"))
            continue
        out.append(ex)
        if on_doc:
            on_doc(article)
    return out


def run_build(paths: list[str], out_dir: str | Path, *, model: str = "fr_core_news_sm", html: bool = True,
              max_bytes: int = 20_000_000, lang: str = "fr", jobs: int = 1, executor: str = "local",
              scheduler: str | None = None, progress: bool = False, store: str | Path | None = None,
              prune: bool = False) -> BuildReport:
    """Build ``paths`` into ``out_dir/graph.ttl`` (and ``graph.html``).

    ``jobs``: extraction processes (or Dask LocalCluster workers); ``executor="dask"``
    extracts on a Dask cluster (``scheduler`` address, a LocalCluster when None) into
    N-Quads shards under ``out_dir/shards``; ``progress``: a progress bar on stderr when
    it is a terminal. ``store``: an on-disk Oxigraph store with one named graph per
    document (:mod:`graph.incremental`): unchanged articles are skipped before the model
    runs, and ``graph.ttl`` is the union of all stored documents; ``prune`` removes the
    stored documents whose file is gone.
    """
    from graph.build import build_graph
    from graph.read import read_articles
    from graph.store import atomic_write_bytes, graph_from_triples, save_turtle, trig_bytes

    t0 = time.perf_counter()
    report = BuildReport()
    articles: list[Article] = []
    for item in read_articles(paths, max_bytes=max_bytes, lang=lang):
        if isinstance(item, ReadFailure):
            report.failures.append(item)
        else:
            articles.append(item)
    report.timings["read"] = time.perf_counter() - t0
    docstore = None
    if store is not None:  # incremental: only new or changed articles go on to the model
        from graph.incremental import DocumentStore

        docstore = DocumentStore(store)
        articles, report.skipped = docstore.changed(articles, model)
    t = time.perf_counter()
    from graph.parallel import Progress

    bar = Progress.for_stream(articles, quiet=not progress)
    try:
        if executor == "dask":
            from graph.parallel import dask_build

            exs, g = dask_build(articles, Path(out_dir) / "shards", model=model, scheduler=scheduler, jobs=jobs,
                                report=report, on_doc=bar)
            from graph.crossdoc import merge_persons

            merge_persons(g)
            report.timings["extract+triples (dask)"] = time.perf_counter() - t
        else:
            exs = extract_all(articles, model=model, report=report, on_doc=bar, jobs=jobs)
            report.timings["extract"] = time.perf_counter() - t
    finally:
        bar.close()
    if executor != "dask":
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
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    if docstore is not None:
        with docstore:
            report.stored = docstore.replace(exs, model)
            if prune:
                report.pruned = docstore.prune()
            report.timings["store"] = time.perf_counter() - t
            t = time.perf_counter()
            triples = docstore.merged_triples()
            atomic_write_bytes(out / "graph.trig", trig_bytes(docstore.quads()))
        g = graph_from_triples(triples)
        from graph.crossdoc import merge_persons

        merge_persons(g)  # as build_graph does, so both paths give the same graph
        report.triples = save_turtle(g, out / "graph.ttl")
        report.outputs += [str(out / "graph.ttl"), str(out / "graph.trig")]
    else:
        report.triples = save_turtle(g, out / "graph.ttl")
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
