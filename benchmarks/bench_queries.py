"""Benchmark every query in queries/ on a synthetic ~1,000,000-triple graph.

The graph has the shape of real `newsgraph build` output (same RDF model as
tests/data/sample_graph.ttl): documents, sentences, mentions, persons, states,
agencies, posts, agreements with events, statements and one ng:Assertion per
relation triple. It is built in memory (seeded, deterministic) and loaded into
graph.store.new_graph() (Oxigraph).

Usage:  python benchmarks/bench_queries.py [--triples 1000000] [--runs 5]

Queries with parameters run twice: unbound ("all", a full dump) and bound to a
typical value (the common use: one state, one entity).

Two medians per case: "engine ms" runs the query on the pyoxigraph Store under the
graph and iterates the solutions (pure Oxigraph time), "python ms" is run_query()
(the same plus turning every row into rdflib terms). The target is 100 ms; the last
lines list which cases meet it engine-side and Python-side.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rdflib import Literal  # noqa: E402
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD  # noqa: E402

from graph.namespaces import ID, KIND, NG, NIF  # noqa: E402
from graph.query import _NS, available_queries, load_query, query_info, run_query  # noqa: E402
from graph.store import new_graph  # noqa: E402

TRIPLES_PER_DOC = 930  # measured on the generator below


def synthesize(n_triples: int, seed: int = 7):
    rnd = random.Random(seed)
    n_docs = max(1, n_triples // TRIPLES_PER_DOC)
    n_persons, n_agencies, n_agreements = max(10, n_docs * 3), max(10, n_docs), max(5, n_docs // 2)
    states = [f"S{i:02d}" for i in range(60)]
    codes = [f"{chr(65 + i // 26 % 26)}{chr(65 + i % 26)}X" for i in range(len(states))]
    T = []
    add = T.append
    S = lambda c: ID[f"state/{c}"]  # noqa: E731
    for c in codes:
        add((S(c), RDF.type, NG.State)); add((S(c), RDFS.label, Literal(f"État {c}", lang="fr")))
        add((S(c), NG.isoCode, Literal(c))); add((S(c), SKOS.altLabel, Literal(f"capitale {c}", lang="fr")))
    kinds = [KIND.ministry, KIND.spaceAgency, KIND.legislature, KIND.stateMedia, KIND.company]
    agencies = [ID[f"agency/agence-{i}"] for i in range(n_agencies)]
    for i, a in enumerate(agencies):
        add((a, RDF.type, NG.Agency)); add((a, RDFS.label, Literal(f"agence {i}", lang="fr")))
        add((a, NG.agencyKind, rnd.choice(kinds))); add((a, NG.partOf, S(rnd.choice(codes))))
    persons = [ID[f"person/personne-{i}"] for i in range(n_persons)]
    for i, p in enumerate(persons):
        add((p, RDF.type, NG.Person)); add((p, RDFS.label, Literal(f"Personne {i}", lang="fr")))
        add((p, SKOS.altLabel, Literal(f"M. {i}", lang="fr")))
    agreements = [ID[f"agreement/accord-{i}"] for i in range(n_agreements)]
    for i, ag in enumerate(agreements):
        add((ag, RDF.type, NG.Agreement)); add((ag, RDFS.label, Literal(f"accord {i}", lang="fr")))
        add((ag, NG.agreementKind, rnd.choice([KIND.treaty, KIND.memorandumOfUnderstanding, KIND.partnership])))
        year = rnd.randint(1995, 2024)
        add((ag, NG.date, Literal(f"{year}-{rnd.randint(1, 12):02d}", datatype=XSD.gYearMonth)))
        if i % 3 == 0:
            add((ag, NG.startDate, Literal(str(year), datatype=XSD.gYear)))
            add((ag, NG.endDate, Literal(f"{year + 5}-12-31", datatype=XSD.date)))
            ev = ID[f"event/accord-{i}-extension"]
            add((ag, NG.agreementEvent, ev)); add((ev, RDF.type, NG.AgreementEvent))
            add((ev, NG.eventKind, KIND.extension)); add((ev, NG.date, Literal(f"{year + 4}-06-01", datatype=XSD.date)))
    actors = persons + agencies + [S(c) for c in codes]
    ai = 0
    for d in range(n_docs):
        slug = f"article-{d}"
        doc = ID[f"doc/{slug}"]
        add((doc, RDF.type, NG.Document)); add((doc, DCTERMS.title, Literal(f"Titre {d}", lang="fr")))
        add((doc, DCTERMS.date, Literal(f"2023-{d % 12 + 1:02d}-{d % 28 + 1:02d}", datatype=XSD.date)))
        for prop, val in [(DCTERMS.creator, "Rédaction"), (DCTERMS.publisher, "Journal"), (DCTERMS.language, "fr"),
                          (DCTERMS.source, f"{slug}.txt"), (NG.contentHash, f"{d:064x}")]:
            add((doc, prop, Literal(val)))
        sents = []
        for s in range(30):
            b = s * 160
            sent = ID[f"sentence/{slug}-{b}"]
            sents.append((sent, b))
            add((sent, RDF.type, NG.Sentence)); add((sent, NG.inDocument, doc))
            add((sent, NIF.beginIndex, Literal(b))); add((sent, NIF.endIndex, Literal(b + 150)))
            add((sent, NIF.isString, Literal("x" * 150, lang="fr")))
        for m in range(60):
            ent = rnd.choice(actors) if m % 10 else rnd.choice(agreements)
            sent, b0 = sents[m // 2]
            b = b0 + (m % 2) * 60 + 5
            men = ID[f"mention/{slug}-{b}-{b + 12}"]
            add((men, RDF.type, NG.Mention)); add((men, NG.mentionOf, ent)); add((men, NIF.anchorOf, Literal("x" * 12)))
            add((men, NIF.beginIndex, Literal(b))); add((men, NIF.endIndex, Literal(b + 12)))
            add((men, NG.inSentence, sent)); add((men, NG.inDocument, doc))

        def fact(s, p, o):
            nonlocal ai
            add((s, p, o))
            a = ID[f"assertion/{ai:016x}"]; ai += 1
            sent, b0 = rnd.choice(sents)
            add((a, RDF.type, NG.Assertion)); add((a, RDF.type, RDF.Statement))
            add((a, RDF.subject, s)); add((a, RDF.predicate, p)); add((a, RDF.object, o))
            add((a, NG.inSentence, sent)); add((a, NG.inDocument, doc))
            add((a, NIF.beginIndex, Literal(b0 + 3))); add((a, NIF.endIndex, Literal(b0 + 40)))
            add((a, NG.confidence, Literal("0.8", datatype=XSD.decimal)))
            add((a, NG.extractedBy, ID["rule/role-apposition"])); add((a, NG.modality, KIND.asserted))

        for _ in range(4):  # posts
            p, org = rnd.choice(persons), rnd.choice(agencies)
            mem = ID[f"membership/{d}-{ai}"]
            add((mem, RDF.type, NG.Membership)); add((mem, NG.member, p)); add((mem, NG.organization, org))
            add((mem, NG.roleLabel, Literal("ministre", lang="fr"))); add((p, NG.post, mem))
            fact(p, NG.affiliatedWith, org)
        for _ in range(3):
            fact(rnd.choice(agencies), NG.partOf, S(rnd.choice(codes)))
        ag = rnd.choice(agreements)
        for _ in range(2):
            fact(ag, NG.party, rnd.choice(agencies + [S(c) for c in codes]))
        for k in range(3):  # statements
            b0 = sents[10 + k][1]
            st = ID[f"statement/{slug}-{b0}"]
            add((st, RDF.type, NG.Statement)); add((st, NG.speaker, rnd.choice(persons)))
            add((st, NG.quote, Literal("x" * 60, lang="fr"))); add((st, NG.reportedBy, rnd.choice(agencies)))
            add((st, DCTERMS.date, Literal("2023-01-01", datatype=XSD.date)))
            add((st, NG.inSentence, sents[10 + k][0])); add((st, NG.inDocument, doc))
            add((st, NIF.beginIndex, Literal(b0 + 2))); add((st, NIF.endIndex, Literal(b0 + 62)))
            add((st, NG.confidence, Literal("0.9", datatype=XSD.decimal)))
            add((st, NG.extractedBy, ID["rule/quote-attribution"]))
        for _ in range(6):  # the graph carries many relations per article
            fact(rnd.choice(persons), NG.affiliatedWith, S(rnd.choice(codes)))
    return T, codes, persons, agreements


TYPICAL = {  # a typical binding for each parameter, filled in from the synthetic data
    "state": lambda codes, persons, ags: ID[f"state/{codes[0]}"],
    "entity": lambda codes, persons, ags: persons[0],
    "speaker": lambda codes, persons, ags: persons[1],
    "party": lambda codes, persons, ags: ID[f"state/{codes[1]}"],
    "agreement": lambda codes, persons, ags: ags[0],
    "class": lambda codes, persons, ags: NG.State,
}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    triples, codes, persons, ags = synthesize(args.triples)
    g = new_graph()
    g.addN((s, p, o, g) for s, p, o in triples)
    print(f"graph: {len(g):,} triples, built and loaded in {time.perf_counter() - t0:.1f}s (Oxigraph)\n")
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
        cases = [("(all)", {})] + [
            (f"?{p}={TYPICAL[p](codes, persons, ags).n3(g.namespace_manager)}", {p: TYPICAL[p](codes, persons, ags)})
            for p in info.parameters if p in TYPICAL]
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
