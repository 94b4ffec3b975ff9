"""Extraction on every core (``--jobs N``) and on a Dask cluster (``--executor dask``).

Local processes
    :func:`extract_parallel` splits the articles into small chunks and hands them to
    ``N`` worker processes (``forkserver`` start method where available, else
    ``spawn``: no fork of a parent that may hold threads). A worker loads the model
    once (:func:`graph.extract.nlp.load_nlp` is cached per process) and runs
    ``nlp.pipe`` over each chunk it receives, applying the rules document by document;
    an article whose rules raise is reported and skipped, the others go on. The
    :class:`~graph.types.Extraction` objects come back to the parent (without their
    article text, which the parent already holds), are put back in input order and
    the parent builds the graph: the output does not depend on ``N``.

Dask
    :func:`dask_build` runs the same chunks as Dask tasks, in three steps so that the
    union of the shards equals a single-process build exactly:

    1. ``extract`` tasks keep their extractions in worker memory;
    2. small per-document summaries (entities, relations, statements, no text) come
       back to the parent, which merges the entities of the whole corpus in input
       order (labels, aliases, mention counts, exactly as :func:`graph.build.build_graph`);
    3. ``write`` tasks get the merged entity table and write the document-level triples
       of their chunk (documents, mentions, sentences, assertions, memberships,
       agreements, statements) as an N-Quads shard (default graph) into the shard
       folder; the parent writes the entity triples as one more shard and bulk-loads
       all shards into an Oxigraph store.

    IRIs are deterministic (entity keys, document ids, offsets, hashes) and no blank
    nodes are made, so triples written by several shards (rules, memberships) are the
    same triples and the union is the single-process graph. On a real cluster the shard
    folder must be on a file system the workers and the parent share.
"""
from __future__ import annotations

import logging
import math
import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from graph.types import Article, Extraction, ReadFailure

logger = logging.getLogger(__name__)

#: articles per task: small enough to balance the load, large enough for nlp.pipe batching
DEFAULT_CHUNK = 16
BATCH_SIZE = 8

# (input index, extraction or None, error message or None)
_Result = tuple[int, "Extraction | None", "str | None"]


# -- progress ---------------------------------------------------------------------------

class Progress:
    """A one-line progress bar on a terminal: documents done/total, words/s, ETA.

    ``Progress.for_stream(total, words)`` returns a disabled bar when the stream is not a
    terminal. No dependency: a ``\\r``-rewritten line, redrawn at most 10 times a second.
    """

    def __init__(self, total_docs: int, total_words: int, stream=None, enabled: bool = True, label: str = "extract"):
        self.total_docs, self.total_words = total_docs, total_words
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = enabled and total_docs > 0
        self.label = label
        self.docs = self.words = 0
        self.t0 = time.perf_counter()
        self._last = 0.0
        self._width = 0

    @classmethod
    def for_stream(cls, articles: Sequence[Article], stream=None, quiet: bool = False, label: str = "extract") -> Progress:
        stream = stream if stream is not None else sys.stderr
        try:
            tty = stream.isatty()
        except (AttributeError, ValueError):
            tty = False
        words = sum(len(a.text.split()) for a in articles) if tty and not quiet else 0
        return cls(len(articles), words, stream, enabled=tty and not quiet, label=label)

    def __call__(self, article: Article) -> None:
        """``on_doc`` callback of :func:`graph.pipeline.extract_all`."""
        self.docs += 1
        if not self.enabled:
            return
        self.words += len(article.text.split())
        now = time.perf_counter()
        if now - self._last >= 0.1 or self.docs >= self.total_docs:
            self._last = now
            self.draw(now)

    def line(self, now: float | None = None) -> str:
        now = time.perf_counter() if now is None else now
        secs = max(now - self.t0, 1e-9)
        rate = self.words / secs
        frac = self.docs / self.total_docs if self.total_docs else 1.0
        bar = "#" * int(24 * frac)
        if self.docs >= self.total_docs:
            eta = f"done in {_hms(secs)}"
        elif self.words and rate > 0:
            eta = "ETA " + _hms((self.total_words - self.words) / rate)
        else:
            eta = "ETA ?"
        return (f"{self.label} [{bar:<24}] {self.docs}/{self.total_docs} docs  "
                f"{rate:,.0f} words/s  {eta}")

    def draw(self, now: float | None = None) -> None:
        text = self.line(now)
        pad = max(0, self._width - len(text))
        self._width = len(text)
        self.stream.write("\r" + text + " " * pad)
        self.stream.flush()

    def close(self) -> None:
        if self.enabled and self.docs:
            self.draw()
            self.stream.write("\n")
            self.stream.flush()


def _hms(seconds: float) -> str:
    s = int(round(seconds))
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"


# -- the work of one chunk (runs in a worker process) -----------------------------------

def extract_chunk(items: Sequence[tuple[int, Article]], model: str, batch_size: int = BATCH_SIZE,
                  keep_text: bool = False) -> list[_Result]:
    """Extract ``(index, article)`` pairs with this process's model; never raises for one article.

    Unless ``keep_text``, each returned extraction's ``article`` is ``None`` (the caller
    holds the articles and puts them back by index: the text is not sent twice).
    """
    from graph.extract import extract_doc
    from graph.extract.nlp import load_nlp

    nlp = load_nlp(model)   # cached per process: loaded by the first chunk only
    out: list[_Result] = []
    for doc, (idx, article) in nlp.pipe(((a.text, (i, a)) for i, a in items), as_tuples=True, batch_size=batch_size):
        try:
            ex = extract_doc(article, doc)
        except Exception as exc:  # a rule bug must not cost the other articles
            logger.exception("extraction failed for %s", article.path)
            out.append((idx, None, f"extraction failed: {type(exc).__name__}: {exc}"))
            continue
        if not keep_text:
            ex.article = None  # type: ignore[assignment]
        out.append((idx, ex, None))
    return out


def chunks(articles: Sequence[Article], size: int) -> list[list[tuple[int, Article]]]:
    items = list(enumerate(articles))
    return [items[i:i + size] for i in range(0, len(items), size)]


def chunk_size(n: int, workers: int, requested: int | None = None) -> int:
    """At least 4 chunks per worker (load balance), at most ``DEFAULT_CHUNK`` articles per chunk."""
    if requested:
        return max(1, requested)
    return max(1, min(DEFAULT_CHUNK, math.ceil(n / max(1, 4 * workers))))


_THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS")


def _one_thread() -> None:
    """Worker initializer: one BLAS thread per process (N processes x T threads would oversubscribe
    the cores); runs before the worker imports numpy. A value the user set is kept. Dask workers
    get the same from Dask's own defaults."""
    for var in _THREAD_VARS:
        os.environ.setdefault(var, "1")


def mp_context():
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _collect(results: list[_Result], articles: Sequence[Article], failed: list[tuple[int, ReadFailure]], on_doc) -> None:
    """Progress and failures for one finished chunk (input order is restored later)."""
    for idx, ex, err in results:
        article = articles[idx]
        if ex is None:
            failed.append((idx, ReadFailure(article.path, err or "extraction failed")))
            continue
        ex.article = article
        if on_doc:
            on_doc(article)


def _finish(done: list[_Result], failed: list[tuple[int, ReadFailure]], report) -> list[Extraction]:
    """Extractions and failures in input order, whatever order the chunks finished in."""
    if report is not None:
        report.failures.extend(f for _i, f in sorted(failed, key=lambda x: x[0]))
    done.sort(key=lambda r: r[0])
    return [ex for _i, ex, _e in done if ex is not None]


def extract_parallel(articles: Sequence[Article], *, model: str, jobs: int, report=None,
                     on_doc: Callable[[Article], None] | None = None, chunk: int | None = None) -> list[Extraction]:
    """:func:`graph.pipeline.extract_all` over ``jobs`` worker processes, results in input order."""
    from concurrent.futures import FIRST_EXCEPTION, ProcessPoolExecutor, wait

    arts = list(articles)
    if not arts:
        return []
    parts = chunks(arts, chunk_size(len(arts), jobs, chunk))
    done: list[_Result] = []
    failed: list[tuple[int, ReadFailure]] = []
    with ProcessPoolExecutor(max_workers=min(jobs, len(parts)), mp_context=mp_context(),
                             initializer=_one_thread) as pool:
        pending = {pool.submit(extract_chunk, part, model) for part in parts}
        while pending:
            finished, pending = wait(pending, return_when=FIRST_EXCEPTION)
            for fut in finished:
                exc = fut.exception()
                if exc is not None:   # the model is missing, a worker died: no partial graph
                    for p in pending:
                        p.cancel()
                    raise exc
                res = fut.result()
                _collect(res, arts, failed, on_doc)
                done.extend(res)
    return _finish(done, failed, report)


# -- Dask ---------------------------------------------------------------------------------

def _dask_summary(results: list[_Result]) -> list[_Result]:
    """What the parent needs of a chunk: entities, relations and statements (no text, no sentences)."""
    out: list[_Result] = []
    for idx, ex, err in results:
        if ex is None:
            out.append((idx, None, err))
        else:
            out.append((idx, Extraction(None, ex.entities, ex.relations, {}, ex.statements, []), None))  # type: ignore[arg-type]
    return out


def _write_ntriples(g, path: Path) -> int:
    tmp = path.with_name("." + path.name + ".tmp")
    g.serialize(destination=str(tmp), format="ox-nt")
    os.replace(tmp, path)
    return len(g)


def _dask_write(results: list[_Result], merged, path: str) -> tuple[str, int]:
    """Document-level triples of one chunk as an N-Quads shard (default graph: N-Triples lines)."""
    import graph.build as gb

    b = gb.GraphBuilder()
    for _idx, ex, _err in results:
        if ex is not None:
            b.add_document(ex, merged)  # the same per-document triples as graph.build.build_graph
    return path, _write_ntriples(b.g, Path(path))


def dask_client(scheduler: str | None = None, jobs: int = 2):
    """A client of the cluster at ``scheduler`` ("tcp://host:8786"), or of a new LocalCluster."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - optional dependency
        from graph.errors import UsageError

        raise UsageError("--executor dask needs Dask: pip install 'dask[distributed]'") from exc
    if scheduler:
        return Client(scheduler), None
    cluster = LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, processes=True,
                           dashboard_address=None, silence_logs=logging.ERROR)
    return Client(cluster), cluster


def dask_build(articles: Sequence[Article], shard_dir: str | Path, *, model: str, scheduler: str | None = None,
               jobs: int = 2, report=None, on_doc: Callable[[Article], None] | None = None,
               chunk: int | None = None, store=None):
    """Extract on a Dask cluster, write N-Quads shards, bulk-load them.

    Returns ``(extractions, graph)``: the extractions (in input order, for the build
    report; their ``agreements`` and ``sentences`` are left empty) and an rdflib graph
    over the default graph of the Oxigraph ``store`` (a new in-memory store by default)
    holding the union of the shards.
    """
    import pyoxigraph as ox
    from dask.distributed import as_completed
    from rdflib import Graph
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    from graph.build import GraphBuilder, _merge
    from graph.namespaces import bind_prefixes

    arts = list(articles)
    shard_dir = Path(shard_dir)
    shard_dir.mkdir(parents=True, exist_ok=True)
    for old in list(shard_dir.glob("shard-*.nq")) + list(shard_dir.glob("entities.nq")):
        old.unlink()    # shards of an earlier build must not leak into this one
    client, cluster = dask_client(scheduler, jobs)
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})) or jobs)
        parts = chunks(arts, chunk_size(len(arts), workers, chunk))
        # extractions stay in worker memory (with their text) until their shard is written
        extracted = [client.submit(extract_chunk, part, model, BATCH_SIZE, True, pure=False) for part in parts]
        summaries = [client.submit(_dask_summary, f, pure=False) for f in extracted]
        done: list[_Result] = []
        failed: list[tuple[int, ReadFailure]] = []
        for fut in as_completed(summaries):
            res = fut.result()
            _collect(res, arts, failed, on_doc)
            done.extend(res)
        exs = _finish(done, failed, report)
        merged = _merge(exs)
        [merged_f] = client.scatter([merged], broadcast=True)
        writes = [client.submit(_dask_write, f, merged_f, str(shard_dir / f"shard-{i:05d}.nq"), pure=False)
                  for i, f in enumerate(extracted)]
        shards = [p for p, _n in client.gather(writes)]
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    # entity triples (need the whole corpus): one more shard, written here
    b = GraphBuilder()
    b.entities(merged)
    entities = shard_dir / "entities.nq"
    _write_ntriples(b.g, entities)
    shards.append(str(entities))
    store = store if store is not None else ox.Store()
    for path in shards:
        if not Path(path).is_file():
            raise FileNotFoundError(f"{path}: shard written by a Dask worker is not visible here; "
                                    "the shard folder must be on a file system shared by the workers and this machine")
        store.bulk_load(path=path, format=ox.RdfFormat.N_QUADS)
    from oxrdflib import OxigraphStore

    g = Graph(store=OxigraphStore(store=store), identifier=DATASET_DEFAULT_GRAPH_ID)
    bind_prefixes(g)
    return exs, g
