"""Benchmark of the interactive network page (``graph.visualise``) on a synthetic graph.

The graph is shaped like ``newsgraph build`` output (docs/ARCHITECTURE.md): persons hold
posts (``ng:Membership`` with ``ng:roleLabel``) in agencies that are ``ng:partOf`` states,
agreements have two or three ``ng:party`` states, every relation has an ``ng:Assertion``
pointing to a sentence of a document, every entity has mentions.

    .venv/bin/python benchmarks/bench_view.py                  # 10,000 entities
    .venv/bin/python benchmarks/bench_view.py --entities 2000 --no-browser

Times: RDF graph -> networkx (``graph_to_network``), layout (``layout_positions``), HTML
(``network_to_html`` + atomic write), first draw in headless Chromium (``/usr/bin/chromium``
through Playwright; time from navigation start to vis-network's first ``afterDrawing``,
and the page's own figure from script start). No network access.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from graph.store import atomic_write_bytes, new_graph
from graph.visualise import graph_to_network, layout_positions, network_to_html

NG = "https://w3id.org/newsgraph/ontology#"
ID = "https://w3id.org/newsgraph/id/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
XSD = "http://www.w3.org/2001/XMLSchema#"
CHROMIUM = "/usr/bin/chromium"

_FIRST = ["Jean", "Marie", "Sergueï", "Olga", "Ahmed", "Li", "Anna", "Pedro", "Yuki", "Ivan"]
_LAST = ["Martin", "Petrov", "Dubois", "Wang", "Haddad", "Silva", "Tanaka", "Novak", "Keita"]
_ROLES = ["ministre des Affaires étrangères", "porte-parole", "directeur", "ambassadeur",
          "conseiller", "président", "vice-ministre", "secrétaire général"]


def _lit(text: str, lang: str | None = "fr") -> str:
    esc = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{esc}"@{lang}' if lang else f'"{esc}"'


def synthetic_ntriples(entities: int, seed: int = 7) -> tuple[str, dict[str, int]]:
    """N-Triples text of a graph with about ``entities`` entities, and the count per class."""
    rng = random.Random(seed)
    n_states = max(2, entities // 200)
    n_agreements = max(1, entities // 10)
    n_agencies = max(1, entities * 15 // 100)
    n_persons = max(1, entities - n_states - n_agreements - n_agencies)
    n_docs = max(1, entities // 20)
    out: list[str] = []
    t = out.append

    def typed(iri, cls, label, count):
        t(f"<{iri}> <{RDF}type> <{NG}{cls}> .")
        t(f"<{iri}> <{RDFS}label> {_lit(label)} .")
        t(f"<{iri}> <{SKOS}altLabel> {_lit(label.split()[-1])} .")
        t(f'<{iri}> <{NG}mentionCount> "{count}"^^<{XSD}integer> .')

    docs = [f"{ID}doc/d{i}" for i in range(n_docs)]
    for i, d in enumerate(docs):
        t(f"<{d}> <{RDF}type> <{NG}Document> .")
        t(f"<{d}> <{DCT}title> {_lit(f'Dépêche numéro {i} sur la diplomatie')} .")
        t(f'<{d}> <{DCT}source> "d{i}.txt" .')
    sentence_no = 0

    def evidence(s, p, o, text):
        nonlocal sentence_no
        sentence_no += 1
        doc = docs[sentence_no % n_docs]
        sent = f"{ID}sentence/s{sentence_no}"
        t(f"<{sent}> <{RDF}type> <{NG}Sentence> .")
        t(f"<{sent}> <{NG}inDocument> <{doc}> .")
        t(f"<{sent}> <{NIF}isString> {_lit(text, None)} .")
        a = f"{ID}assertion/a{sentence_no}"
        t(f"<{a}> <{RDF}type> <{NG}Assertion> .")
        t(f"<{a}> <{RDF}subject> <{s}> .")
        t(f"<{a}> <{RDF}predicate> <{NG}{p}> .")
        t(f"<{a}> <{RDF}object> <{o}> .")
        t(f"<{a}> <{NG}inSentence> <{sent}> .")
        t(f"<{a}> <{NG}inDocument> <{doc}> .")
        t(f'<{a}> <{NG}confidence> "0.{rng.randint(5, 9)}"^^<{XSD}decimal> .')
        # one mention of the subject in that sentence
        m = f"{ID}mention/m{sentence_no}"
        t(f"<{m}> <{RDF}type> <{NG}Mention> .")
        t(f"<{m}> <{NG}mentionOf> <{s}> .")
        t(f"<{m}> <{NG}inSentence> <{sent}> .")
        t(f"<{m}> <{NG}inDocument> <{doc}> .")

    states = [f"{ID}state/S{i:03d}" for i in range(n_states)]
    for i, s in enumerate(states):
        typed(s, "State", f"État numéro {i}", rng.randint(5, 80))
    agencies = [f"{ID}agency/agence-{i}" for i in range(n_agencies)]
    agency_state = {}
    for i, a in enumerate(agencies):
        typed(a, "Agency", f"Agence nationale {i}", rng.randint(1, 30))
        st = states[min(n_states - 1, int(rng.paretovariate(1.2)) - 1)] if rng.random() < 0.5 \
            else rng.choice(states)
        agency_state[a] = st
        t(f"<{a}> <{NG}partOf> <{st}> .")
        evidence(a, "partOf", st, f"L'agence nationale {i} dépend de l'État.")
    for i in range(n_persons):
        p = f"{ID}person/personne-{i}"
        name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)} {i}"
        typed(p, "Person", name, rng.randint(1, 12))
        ag = agencies[min(n_agencies - 1, int(rng.paretovariate(1.1)) - 1)] if rng.random() < 0.3 \
            else rng.choice(agencies)
        st = agency_state[ag]
        m = f"{ID}membership/p{i}"
        role = rng.choice(_ROLES)
        t(f"<{m}> <{RDF}type> <{NG}Membership> .")
        t(f"<{m}> <{NG}member> <{p}> .")
        t(f"<{m}> <{NG}organization> <{ag}> .")
        t(f"<{m}> <{NG}roleLabel> {_lit(role)} .")
        t(f"<{m}> <{NG}postState> <{st}> .")
        t(f"<{p}> <{NG}post> <{m}> .")
        t(f"<{p}> <{NG}affiliatedWith> <{ag}> .")
        t(f"<{p}> <{NG}affiliatedWith> <{st}> .")
        evidence(p, "affiliatedWith", ag, f"{name}, {role}, a déclaré mardi que les discussions avancent.")
        evidence(p, "affiliatedWith", st, f"{name}, {role}, représentait son pays.")
    for i in range(n_agreements):
        a = f"{ID}agreement/accord-{i}"
        typed(a, "Agreement", f"Accord de coopération {i}", rng.randint(1, 6))
        t(f'<{a}> <{NG}date> "20{rng.randint(10, 25)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"^^<{XSD}date> .')
        for st in rng.sample(states, k=min(len(states), rng.choice([2, 2, 3]))):
            t(f"<{a}> <{NG}party> <{st}> .")
            evidence(a, "party", st, f"L'accord de coopération {i} a été signé par les parties.")
    counts = {"State": n_states, "Agency": n_agencies, "Person": n_persons, "Agreement": n_agreements}
    return "\n".join(out) + "\n", counts


def first_draw(path: Path, timeout_ms: int = 120_000) -> tuple[float, float, int]:
    """(wall seconds from navigation to first draw, page's own ms, nodes drawn)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            external = []
            page.on("request", lambda r: external.append(r.url)
                    if not (r.url.startswith("file://") or r.url.startswith("data:")) else None)
            t0 = time.perf_counter()
            page.goto(path.resolve().as_uri(), wait_until="commit")
            page.wait_for_selector("body[data-drawn='1']", state="attached", timeout=timeout_ms)
            wall = time.perf_counter() - t0
            own = float(page.evaluate("window.ngFirstDrawMs"))
            n = int(page.evaluate("window.ngNetwork.body.data.nodes.length"))
            if external:
                raise SystemExit(f"the page made external requests: {external[:3]}")
        finally:
            browser.close()
    return wall, own, n


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--entities", type=int, default=10_000, help="entities in the synthetic graph")
    ap.add_argument("--seed", type=int, default=42, help="layout seed")
    ap.add_argument("--out", type=Path, default=None, help="keep the page here (default: a temp dir)")
    ap.add_argument("--no-browser", action="store_true", help="skip the Chromium first-draw timing")
    args = ap.parse_args(argv)

    t = time.perf_counter()
    data, counts = synthetic_ntriples(args.entities)
    g = new_graph()
    try:
        g.parse(data=data, format="ox-nt")  # oxrdflib's native parser: 3x faster
    except Exception:  # noqa: BLE001 - plugin missing: rdflib's own parser
        g.parse(data=data, format="nt")
    t_gen = time.perf_counter() - t
    print(f"synthetic graph: {len(g):,} triples, {sum(counts.values()):,} entities "
          f"({', '.join(f'{v:,} {k}' for k, v in counts.items())}) in {t_gen:.2f}s")

    rows = []
    t = time.perf_counter()
    net = graph_to_network(g)
    rows.append(("graph -> network", time.perf_counter() - t))
    t = time.perf_counter()
    pos = layout_positions(net, seed=args.seed)
    t_layout = time.perf_counter() - t
    rows.append(("layout", t_layout))
    tmp = tempfile.TemporaryDirectory()
    out = args.out or Path(tmp.name) / "graph.html"
    t = time.perf_counter()
    page = network_to_html(net, pos, physics=net.number_of_nodes() <= 300).encode("utf-8")
    atomic_write_bytes(out, page)
    rows.append(("HTML write", time.perf_counter() - t))
    drawn = None
    if not args.no_browser:
        if not Path(CHROMIUM).exists():
            print(f"{CHROMIUM} not found: first draw not measured (apt-get install -y chromium)")
        else:
            wall, own, drawn = first_draw(out)
            rows.append(("first draw (navigation -> drawn)", wall))
            rows.append(("  of which page script -> drawn", own / 1000))
            rows.append(("layout + first draw", t_layout + wall))
    print(f"network: {net.number_of_nodes():,} nodes, {net.number_of_edges():,} edges; "
          f"page {len(page) / 1e6:.1f} MB" + (f"; drawn nodes {drawn:,}" if drawn is not None else ""))
    width = max(len(r[0]) for r in rows)
    print(f"{'step':<{width}}  seconds")
    print(f"{'-' * width}  -------")
    for name, secs in rows:
        print(f"{name:<{width}}  {secs:7.2f}")
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
