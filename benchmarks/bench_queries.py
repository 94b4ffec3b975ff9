"""Benchmark every query in queries/ (and the data checks) on a synthetic ~1,000,000-triple graph.

The graph has the shape of real `newsgraph build` output because it *is* real
output, multiplied: the articles in the repository (seeds/ and the three annotated
development sets, 31 news articles about states, agencies, agreements and statements)
are built with the trained model, then copied with renamed document-scoped IRIs until
the graph holds about a million triples, entities shared between copies the way real
corpora share them (see real_shaped). It is loaded into graph.store.new_graph() (Oxigraph).
Needs the fr_core_news_sm model (about 10 s to build the base).

Usage:  python benchmarks/bench_queries.py [--triples 1000000] [--runs 5]

Queries with parameters run unbound ("all", a full dump) and bound to a typical
value of each parameter (the common use: one state, one entity, one document).
A query that declares ``# Requires:`` (documents_per_entity, evidence) refuses to
run unbound from ``newsgraph query``, so its "(all)" case is skipped (the script
says so).

Two medians per case: "engine ms" runs the query on the pyoxigraph Store under the
graph and iterates the solutions (pure Oxigraph time), "python ms" is run_query()
(the same plus turning every row into rdflib terms). The target is 100 ms; the last
lines list which cases meet it engine-side and Python-side.

Then the data checks of ontology/checks (``newsgraph check``), with no target: a
check looks at every node of its kind, so its time grows with the graph.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rdflib import Literal, URIRef  # noqa: E402
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD  # noqa: E402

from graph.namespaces import ID, KIND, NG, NIF  # noqa: E402
from graph.check import available_checks  # noqa: E402
from graph.query import _NS, available_queries, load_query, query_info, run_query  # noqa: E402
from graph.store import new_graph  # noqa: E402

REAL_ARTICLES = ["seeds"] + [f"tests/data/dev{s}/articles" for s in ("", "2", "3", "4", "5")]

# How widely each kind of entity is shared between the copies of the real articles (see real_shaped):
# states are the same everywhere; a gazetteer agency recurs in 10 copies, an agreement in 2 and a person
# (keyed by full name) in 4. Everything else under id: (documents, sentences, mentions, assertions,
# statements, posts, events, quantities) is per copy.
SHARE = {"state": None, "rule": None, "agency": 10, "agreement": 2, "person": 4}


def real_graph_triples() -> list:
    """newsgraph's own output on the annotated articles in the repository (31 news articles
    about states, agencies, agreements and statements: the product's domain, ~1,000 triples each)."""
    from graph.build import build_graph
    from graph.pipeline import extract_all
    from graph.read import read_articles
    from graph.types import ReadFailure

    root = Path(__file__).resolve().parent.parent
    arts = [a for a in read_articles([str(root / d) for d in REAL_ARTICLES]) if not isinstance(a, ReadFailure)]
    return list(build_graph(extract_all(arts)))


def real_shaped(n_triples: int, base: list | None = None) -> list:
    """About ``n_triples`` triples with the shape of real output: copies of a real build.

    Copy k renames every document-scoped IRI (``id:doc/x`` -> ``id:doc/x-ck``, same for
    sentences, mentions, assertions, ...) and shares entities between copies as real corpora
    do (:data:`SHARE`); ``ng:mentionCount`` and ``ng:documentCount`` are recounted over the
    copies that share an entity.
    The ratios per article (mentions, distinct entities, assertions, statements, posts,
    parties) are the real ones, not guesses.
    """
    base = base if base is not None else real_graph_triples()
    idp = str(ID)
    base = [t for t in base if t[1] not in (NG.mentionCount, NG.documentCount)]
    per_copy = max(1, len(base))
    copies = max(1, round(n_triples / per_copy))
    cache: dict = {}

    def ren(term, k):
        if not isinstance(term, URIRef) or not str(term).startswith(idp):
            return term
        key = (term, k)
        out = cache.get(key)
        if out is None:
            local = str(term)[len(idp):]
            kind = local.split("/", 1)[0]
            share = SHARE.get(kind, 1)
            out = term if share is None else URIRef(f"{idp}{local}-c{k // share}")
            cache[key] = out
        return out

    T = []
    for k in range(copies):
        T.extend((ren(s, k), p, ren(o, k)) for s, p, o in base)
    counts: dict = {}
    in_doc = {s: o for s, p, o in T if p == NG.inDocument}
    docs: dict = {}
    for s, p, o in T:
        if p == NG.mentionOf:
            counts[o] = counts.get(o, 0) + 1
            docs.setdefault(o, set()).add(in_doc.get(s))
    T.extend((e, NG.mentionCount, Literal(n, datatype=XSD.integer)) for e, n in counts.items())
    T.extend((e, NG.documentCount, Literal(len(d), datatype=XSD.integer)) for e, d in docs.items())
    return list(dict.fromkeys(T))


def typical_bindings(g) -> dict:
    """A typical value for each query parameter, taken from the graph (the most mentioned of each kind)."""
    def top(cls):
        rows = g.query(f"SELECT ?e WHERE {{ ?e a <{cls}> ; <{NG.mentionCount}> ?n }} ORDER BY DESC(?n) ?e LIMIT 2")
        return [r[0] for r in rows]
    persons, states, agreements = top(NG.Person), top(NG.State), top(NG.Agreement)
    speaker = next(iter(g.query(f"SELECT ?s (COUNT(*) AS ?n) WHERE {{ ?x <{NG.speaker}> ?s }} GROUP BY ?s ORDER BY DESC(?n) ?s LIMIT 1")))[0]
    doc = next(iter(g.query(f"SELECT ?d WHERE {{ ?d a <{NG.Document}> }} ORDER BY ?d LIMIT 1")))[0]
    return {"state": states[0], "party": states[1], "entity": persons[0], "speaker": speaker,
            "agreement": agreements[0], "class": NG.State, "document": doc}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    base = real_graph_triples()
    t1 = time.perf_counter()
    triples = real_shaped(args.triples, base)
    g = new_graph()
    g.addN((s, p, o, g) for s, p, o in triples)
    typical = typical_bindings(g)
    docs = sum(1 for _ in g.subjects(RDF.type, NG.Document))
    print(f"real build of the repository's articles: {len(base):,} triples ({t1 - t0:.1f}s); "
          f"graph: {len(g):,} triples, {docs:,} documents, made and loaded in {time.perf_counter() - t1:.1f}s (Oxigraph)\n")
    import pyoxigraph as ox
    from oxrdflib._converter import to_ox

    store = g.store._inner
    prefixes = {p: str(ns) for p, ns in g.namespaces()}
    prefixes.update(_NS)

    def engine(text, params):  # pure Oxigraph: parse, evaluate, iterate the solutions
        res = store.query(text, prefixes=prefixes, default_graph=to_ox(g.identifier),
                          substitutions={ox.Variable(k): to_ox(v) for k, v in params.items()})
        return sum(1 for _ in res)

    def median_ms(f):
        times, out = [], None
        for _ in range(args.runs):
            t = time.perf_counter()
            out = f()
            times.append((time.perf_counter() - t) * 1000)
        return statistics.median(times), out

    print("| query | binding | rows | engine ms | python ms |\n| --- | --- | ---: | ---: | ---: |")
    results = []
    for name, path in available_queries().items():
        _, text = load_query(name)
        info = query_info(path)
        if info.required:
            print(f"| {name} | (all) | skipped: requires {' or '.join('?' + p for p in info.required)} | | |")
        cases = ([] if info.required else [("(all)", {})]) + [
            (f"?{p}={typical[p].n3(g.namespace_manager)}", {p: typical[p]})
            for p in info.parameters if p in typical]
        for label, params in cases:
            eng, _ = median_ms(lambda: engine(text, params))
            py, rows = median_ms(lambda: len(run_query(g, text, params, name=name).rows))
            results.append((name, label, rows, eng, py))
            print(f"| {name} | {label} | {rows:,} | {eng:.1f} | {py:.1f} |", flush=True)
    n = len(results)
    for side, i in (("engine", 3), ("python", 4)):
        ok = [r for r in results if r[i] <= 100]
        slow = [r for r in results if r[i] > 100]
        print(f"\n{side}-side: {len(ok)}/{n} cases within 100 ms")
        if slow:
            print(f"  over 100 ms ({side}): " + ", ".join(f"{r[0]} {r[1]} ({r[i]:.0f} ms, {r[2]:,} rows)" for r in slow))

    # The data checks (newsgraph check) are not analyst questions: each looks at every node of its kind,
    # so its time grows with the graph. Reported, with no target.
    print("\ndata checks (ontology/checks, `newsgraph check`): whole-graph scans\n")
    print("| check | severity | findings | engine ms | python ms |\n| --- | --- | ---: | ---: | ---: |")
    total = 0.0
    for name, info in available_checks().items():
        text = info.path.read_text(encoding="utf-8")
        eng, _ = median_ms(lambda: engine(text, {}))
        py, rows = median_ms(lambda: len(run_query(g, text, name=name).rows))
        total += py
        print(f"| {name} | {info.severity} | {rows:,} | {eng:.1f} | {py:.1f} |", flush=True)
    print(f"\nall checks (newsgraph check, without loading the file): {total:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
