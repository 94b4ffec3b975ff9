"""Issue 7: hostile text never executes and never breaks an output.

An article whose title, byline and sentences hold HTML, JavaScript, Turtle
and SPARQL syntax is built with ``--model blank``: the build succeeds,
``graph.ttl`` parses (rdflib, Oxigraph and ``rapper`` when installed), the
hostile strings come back unchanged as literals, ``graph.html`` holds no
unescaped probe, and ``newsgraph query`` with hostile parameters returns
0 rows without error. A hand-made graph with hostile entity labels checks the
page's escaping of labels, aliases, roles and evidence directly.
"""
from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from graph.cli import main

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(2)>"
QUOTE = 'il a dit "non" puis \\"oui\\" \\ fin'
SPARQL = '" } ; DROP ALL ; {'
TURTLE = '""" . <http://evil/> <http://evil/> "x" . #'
TITLE = f"Le ministre {SCRIPT} Jean {IMG} Dupont"
ARTICLE = f"""{TITLE}
Par Jean Dupont, le 3 mars 2021

Le ministre {SCRIPT} Jean {IMG} Dupont a rencontré la France et la Russie à Paris.
Selon lui, « {SPARQL} » et « {QUOTE} » : la Chine et l'Allemagne ont signé un accord {TURTLE}.
La ministre </script><script>alert(3)</script> a parlé de l'Italie. Le ministre ]]> --> <!-- de l'Espagne.
Source: <a href="javascript:alert(4)">AFP</a>
"""
PROBES = ("<script>alert", "<img", "</script><script>", "onmouseover=\"alert")  # raw, unescaped markup


def run_main(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    (root / "in").mkdir()
    (root / "in" / "hostile.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "in" / "page.html").write_text(
        f"<html><head><title>{TITLE.replace('<', '&lt;')}</title></head><body><article>"
        f"<h1>Page &lt;script&gt;alert(5)&lt;/script&gt; à Moscou</h1>"
        f"<p>La Russie et la Chine &lt;img src=x onerror=alert(6)&gt; ont signé un traité.</p>"
        f"</article></body></html>",
        encoding="utf-8",
    )
    out = root / "out"
    code, stdout, stderr = run_main(["build", str(root / "in"), "--out", str(out), "--model", "blank"])
    return {"root": root, "out": out, "code": code, "stdout": stdout, "stderr": stderr}


def test_hostile_article_builds(built):
    assert built["code"] == 0, built["stderr"]
    assert "documents   2" in built["stdout"]


def test_turtle_parses_and_keeps_the_text(built):
    import pyoxigraph as ox
    from rdflib import Graph

    ttl = built["out"] / "graph.ttl"
    g = Graph().parse(ttl, format="turtle")                 # rdflib's own parser
    literals = {str(o) for o in g.objects()}
    assert TITLE in literals                                # dcterms:title, unchanged
    assert any(SPARQL in lit and QUOTE in lit for lit in literals)   # the sentence, unchanged
    assert any(TURTLE in lit for lit in literals)
    # Oxigraph parses it too and finds as many triples
    assert len(list(ox.parse(path=str(ttl), format=ox.RdfFormat.TURTLE))) == len(g)
    # no injected triple
    from rdflib import Literal

    assert not [t for triple in g for t in triple if not isinstance(t, Literal) and "evil" in str(t)]


@pytest.mark.skipif(shutil.which("rapper") is None, reason="rapper (raptor2-utils) not installed")
def test_rapper_accepts_the_turtle(built):
    proc = subprocess.run(["rapper", "-q", "-i", "turtle", "-c", str(built["out"] / "graph.ttl")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr


def _script_blocks(page: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(1)) for m in re.finditer(r"<script\b([^>]*)>.*?</script>", page, re.S)]


def _check_page(page: str) -> None:
    """No probe appears unescaped in the page; the data block is valid escaped JSON."""
    for probe in PROBES:
        assert probe not in page, probe
    # "onerror=" may only appear inside the non-executed JSON data block (where < and > are \\u003c, \\u003e)
    data_blocks = [(s, e) for s, e, attrs in _script_blocks(page) if 'type="application/json"' in attrs]
    assert data_blocks
    for m in re.finditer("onerror=alert", page):   # (the inlined vis-network code has its own onerror=function)
        assert any(s < m.start() < e for s, e in data_blocks), page[max(0, m.start() - 80):m.end() + 20]
    for s, e in data_blocks:
        block = page[s:e]
        inner = block[block.index(">") + 1: block.rindex("</script>")]
        assert "<" not in inner and ">" not in inner
        json.loads(inner)
    # every executable script is the page's own code: no probe text in it
    for s, e, attrs in _script_blocks(page):
        if 'type="application/json"' not in attrs:
            assert not re.search(r"alert\([1-7]\)", page[s:e])   # our probes; the library has its own alert(


def test_html_escapes_hostile_text(built):
    page = (built["out"] / "graph.html").read_text(encoding="utf-8")
    _check_page(page)
    # the hostile title is in the page, as data (escaped), so the reader sees it as text
    # (tooltips are HTML escaped in Python, then the JSON escapes the "&": \u0026lt;script\u0026gt;)
    assert any(form in page for form in ("\\u0026lt;script\\u0026gt;alert(1)", "\\u003cscript\\u003ealert(1)",
                                         "&lt;script&gt;alert(1)"))


def test_visualise_escapes_hostile_labels(tmp_path):
    """Labels, aliases, roles, quotes and evidence straight into render_html."""
    from rdflib import Literal, URIRef

    from graph.namespaces import DCTERMS, NG, NIF, RDF, RDFS, SKOS
    from graph.store import new_graph
    from graph.visualise import render_html

    ID = "https://w3id.org/newsgraph/id/"
    g = new_graph()
    p, s, a = URIRef(ID + "person/x"), URIRef(ID + "state/FRA"), URIRef(ID + "assertion/1")
    st, doc, sent, ms = URIRef(ID + "statement/1"), URIRef(ID + "doc/d"), URIRef(ID + "sentence/d-0"), URIRef(ID + "membership/1")
    for node, cls, label in ((p, NG.Person, TITLE), (s, NG.State, SCRIPT + '"\'&')):
        g.add((node, RDF.type, cls))
        g.add((node, RDFS.label, Literal(label, lang="fr")))
        g.add((node, SKOS.altLabel, Literal(IMG, lang="fr")))
        g.add((node, NG.mentionCount, Literal(1)))
    g.add((p, NG.affiliatedWith, s))
    g.add((ms, RDF.type, NG.Membership))
    g.add((ms, NG.member, p))
    g.add((ms, NG.organization, s))
    g.add((ms, NG.roleLabel, Literal(SCRIPT + " ministre", lang="fr")))
    g.add((p, NG.post, ms))
    g.add((a, RDF.type, NG.Assertion))
    g.add((a, RDF.subject, p))
    g.add((a, RDF.predicate, NG.affiliatedWith))
    g.add((a, RDF.object, s))
    g.add((a, NG.inDocument, doc))
    g.add((a, NG.inSentence, sent))
    g.add((sent, NIF.isString, Literal(f"{SPARQL} {IMG} {QUOTE}", lang="fr")))
    g.add((doc, DCTERMS.title, Literal(TITLE, lang="fr")))
    g.add((doc, DCTERMS.source, Literal('javascript:alert(4)" onmouseover="alert(7)')))
    g.add((st, RDF.type, NG.Statement))
    g.add((st, NG.quote, Literal(SCRIPT + IMG, lang="fr")))
    g.add((st, NG.speaker, p))
    out = tmp_path / "graph.html"
    render_html(g, out, classes="Person,State,Statement")
    page = out.read_text(encoding="utf-8")
    _check_page(page)
    assert 'onmouseover="alert' not in page


# --------------------------------------------------------------------------- queries with hostile parameters

HOSTILE_PARAMS = [
    ("speaker", SPARQL),
    ("speaker", '"> } DROP ALL { <x'),
    ("speaker", "id:person/x> } ; DELETE WHERE { ?s ?p ?o } ; SELECT * { <y"),
    ("speaker", "<http://evil/> } UNION { ?s ?p ?o"),
    ("speaker", TITLE),
]


@pytest.mark.parametrize("name,value", HOSTILE_PARAMS)
def test_query_with_hostile_param_returns_no_rows(built, name, value):
    ttl = built["out"] / "graph.ttl"
    before = ttl.read_bytes()
    code, stdout, stderr = run_main(["query", "statements", "--graph", str(ttl), "--format", "json",
                                     "--param", f"{name}={value}"])
    if code == 2:                                           # refused as a bad parameter: one clean line
        assert stderr.startswith("error: ") and len(stderr.strip().splitlines()) == 1, stderr
    else:
        assert code == 0, stderr
        assert json.loads(stdout)["results"]["bindings"] == []
    assert "Traceback" not in stderr
    assert ttl.read_bytes() == before                       # read-only


@pytest.mark.parametrize("query", ["entity_aliases", "documents_per_entity", "evidence"])
def test_entity_queries_with_hostile_param_return_no_rows(built, query):
    code, stdout, stderr = run_main(["query", query, "--graph", str(built["out"] / "graph.ttl"),
                                     "--format", "json", "--param", f"entity={SPARQL}"])
    assert code in (0, 2), stderr
    if code == 0:
        assert json.loads(stdout)["results"]["bindings"] == []
    else:
        assert stderr.startswith("error: ") and "Traceback" not in stderr
