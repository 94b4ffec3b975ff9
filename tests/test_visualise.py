"""graph.visualise and ``newsgraph view`` on tests/data/vis_graph.ttl (fast, no browser)."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph

from graph.cli import main
from graph.errors import UsageError
from graph.store import load_graph, new_graph
from graph.visualise import (
    CLASS_STYLE, ViewStats, graph_to_network, layout_positions, network_to_html, render_html,
    resolve_classes,
)

DATA = Path(__file__).parent / "data" / "vis_graph.ttl"
ID = "https://w3id.org/newsgraph/id/"
PROBE = "<img src=x onerror=alert(1)><script>alert(2)</script>"

LAVROV = ID + "person/serguei-lavrov"
BARROT = ID + "person/jean-noel-barrot"
XSS = ID + "person/xss-probe"
RUS, FRA = ID + "state/RUS", ID + "state/FRA"
MID = ID + "agency/ministere-des-affaires-etrangeres-russe"
QUAI = ID + "agency/quai-d-orsay"
TASS = ID + "agency/tass"
ONU = ID + "agency/organisation-des-nations-unies"
ACCORD = ID + "agreement/accord-de-cooperation-culturelle"
STATEMENT = ID + "statement/lavrov-barrot-243"

CORE_NODES = {LAVROV, BARROT, XSS, RUS, FRA, MID, QUAI, TASS, ONU, ACCORD}
CORE_EDGES = {
    (LAVROV, "affiliatedWith", MID), (LAVROV, "affiliatedWith", RUS),
    (BARROT, "affiliatedWith", QUAI), (BARROT, "affiliatedWith", FRA),
    (XSS, "affiliatedWith", TASS),
    (MID, "partOf", RUS), (QUAI, "partOf", FRA), (TASS, "partOf", RUS),
    (ACCORD, "party", RUS), (ACCORD, "party", FRA),
}


@pytest.fixture(scope="module")
def g():
    return load_graph(DATA)


@pytest.fixture(scope="module")
def net(g):
    return graph_to_network(g)


@pytest.fixture(scope="module")
def page(g, tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("view") / "graph.html"
    render_html(g, out, classes=list(CLASS_STYLE))
    return out.read_text(encoding="utf-8")


def edge_set(net):
    return {(u, k, v) for u, v, k in net.edges(keys=True)}


def page_data(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="ng-data">(.*?)</script>', page, re.S)
    assert m, "data block missing"
    return json.loads(m.group(1))


# --------------------------------------------------------------------------- network

def test_nodes_and_edges(net):
    assert set(net.nodes) == CORE_NODES
    assert edge_set(net) == CORE_EDGES
    assert net.graph["focus"] is None


def test_node_attributes(net):
    rus = net.nodes[RUS]
    assert (rus["label"], rus["cls"], rus["mentions"]) == ("Russie", "State", 7)
    assert set(rus["aliases"]) == {"Moscou", "Fédération de Russie", "Russia"}
    assert ("ISO code", "RUS") in rus["details"]
    lavrov = net.nodes[LAVROV]
    assert lavrov["label"] == "Sergueï Lavrov" and lavrov["iri"] == LAVROV
    assert set(lavrov["aliases"]) == {"Lavrov", "M. Lavrov"}
    details = dict(lavrov["details"])
    assert details["post"].startswith("ministre des Affaires étrangères (")
    assert "Nous sommes prêts au dialogue" in details["quote"]
    assert lavrov["sources"] == ("Lavrov et Barrot signent un accord culturel",)
    accord = dict(net.nodes[ACCORD]["details"])
    assert (accord["date"], accord["start"], accord["end"]) == ("2024-03-12", "2024-04", "2027")
    assert net.nodes[XSS]["label"] == PROBE


def test_edge_role_titles_and_evidence(net):
    e = net.edges[LAVROV, MID, "affiliatedWith"]
    assert e["label"] == e["role"] == "ministre des Affaires étrangères"
    assert e["predicate"] == "https://w3id.org/newsgraph/ontology#affiliatedWith"
    (ev,) = e["evidence"]
    assert ev["sentence"].startswith("Le ministre russe des Affaires étrangères, Sergueï Lavrov")
    assert ev["document"] == "Lavrov et Barrot signent un accord culturel"
    assert ev["confidence"] == "0.9" and ev["modality"] == "asserted"
    # the post on the state carries the same title (ng:postState)
    assert net.edges[LAVROV, RUS, "affiliatedWith"]["label"] == "ministre des Affaires étrangères"
    # a membership without roleLabel: the relation name
    assert net.edges[XSS, TASS, "affiliatedWith"]["label"] == "affiliated with"
    assert net.edges[XSS, TASS, "affiliatedWith"]["role"] is None
    party = net.edges[ACCORD, FRA, "party"]
    assert party["label"] == "party"
    assert "accord de coopération culturelle" in party["evidence"][0]["sentence"]
    # a triple without an ng:Assertion has no evidence
    assert net.edges[QUAI, FRA, "partOf"]["evidence"] == ()


def test_statements_on_request(g):
    net = graph_to_network(g, classes="Person,State,Agency,Agreement,Statement")
    assert set(net.nodes) == CORE_NODES | {STATEMENT}
    assert edge_set(net) == CORE_EDGES | {(STATEMENT, "speaker", LAVROV),
                                          (STATEMENT, "reportedBy", TASS)}
    st = net.nodes[STATEMENT]
    assert st["cls"] == "Statement" and "Nous sommes prêts au dialogue" in st["label"]
    speaker = net.edges[STATEMENT, LAVROV, "speaker"]
    assert speaker["evidence"][0]["sentence"].startswith("« Nous sommes prêts au dialogue »")


def test_same_network_on_rdflib_memory_store(net):
    mem = Graph()
    mem.parse(DATA, format="turtle")
    other = graph_to_network(mem)
    assert dict(other.nodes(data=True)) == dict(net.nodes(data=True))
    assert sorted(other.edges(keys=True, data=True)) == sorted(net.edges(keys=True, data=True))


def test_empty_graph():
    assert graph_to_network(new_graph()).number_of_nodes() == 0


# --------------------------------------------------------------------------- focus, filters

@pytest.mark.parametrize("focus", [
    LAVROV, "id:person/serguei-lavrov", "Sergueï Lavrov", "SERGUEÏ LAVROV", "serguei lavrov",
    "Lavrov", "m. lavrov",
])
def test_focus_forms(g, focus):
    net = graph_to_network(g, focus=focus, depth=1)
    assert net.graph["focus"] == LAVROV
    assert set(net.nodes) == {LAVROV, MID, RUS}


@pytest.mark.parametrize("depth, expected", [
    (0, {LAVROV}),
    (1, {LAVROV, MID, RUS}),
    (2, {LAVROV, MID, RUS, TASS, ACCORD}),
    (3, {LAVROV, MID, RUS, TASS, ACCORD, XSS, FRA}),
])
def test_focus_depth(g, depth, expected):
    assert set(graph_to_network(g, focus="Lavrov", depth=depth).nodes) == expected


def test_focus_by_alias_of_a_state(g):
    net = graph_to_network(g, focus="moscou", depth=1)
    assert net.graph["focus"] == RUS
    assert set(net.nodes) == {RUS, MID, TASS, LAVROV, ACCORD}


def test_focus_errors(g):
    with pytest.raises(UsageError, match="did you mean 'Lavrov'"):
        graph_to_network(g, focus="Lavrof")
    with pytest.raises(UsageError, match="no entity"):
        graph_to_network(g, focus="Nobody Atall")
    with pytest.raises(UsageError, match="leave out"):
        graph_to_network(g, focus="France", classes="Person")


def test_focus_ambiguous():
    g = new_graph()
    g.parse(data="""
        @prefix ng: <https://w3id.org/newsgraph/ontology#> .
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        <https://w3id.org/newsgraph/id/person/a> a ng:Person ; rdfs:label "Anne Petit" ; skos:altLabel "Petit" .
        <https://w3id.org/newsgraph/id/person/b> a ng:Person ; rdfs:label "Bruno Petit" ; skos:altLabel "Petit" .
        """, format="turtle")
    with pytest.raises(UsageError, match="ambiguous"):
        graph_to_network(g, focus="petit")
    # a full label wins over an alias
    assert graph_to_network(g, focus="anne petit").graph["focus"].endswith("/a")


def test_max_nodes_keeps_top_degree_then_mentions(g, net):
    small = graph_to_network(g, max_nodes=3)
    # RUS degree 4, FRA 3, then six nodes of degree 2: Lavrov has the most mentions (5)
    assert set(small.nodes) == {RUS, FRA, LAVROV}
    assert edge_set(small) == {(LAVROV, "affiliatedWith", RUS)}
    assert graph_to_network(g, max_nodes=100).number_of_nodes() == net.number_of_nodes()


def test_max_nodes_keeps_focus(g):
    small = graph_to_network(g, focus="Barrot", depth=3, max_nodes=2)
    assert BARROT in small and small.number_of_nodes() == 2


def test_classes_filter(g):
    net = graph_to_network(g, classes=["State", "ng:Agreement"])
    assert set(net.nodes) == {RUS, FRA, ACCORD}
    assert edge_set(net) == {(ACCORD, "party", RUS), (ACCORD, "party", FRA)}
    persons = graph_to_network(g, classes="person")
    assert set(persons.nodes) == {LAVROV, BARROT, XSS} and persons.number_of_edges() == 0


def test_resolve_classes():
    assert resolve_classes(None) == ("Person", "State", "Agency", "Agreement")
    assert resolve_classes(" state , Person,person") == ("Person", "State")
    assert resolve_classes("https://w3id.org/newsgraph/ontology#Statement") == ("Statement",)
    with pytest.raises(UsageError, match="unknown class 'Country'"):
        resolve_classes("Country")


@pytest.mark.parametrize("kwargs", [{"depth": -1}, {"max_nodes": 0}, {"classes": ""}])
def test_bad_arguments(g, kwargs):
    with pytest.raises(UsageError):
        graph_to_network(g, **kwargs)


# --------------------------------------------------------------------------- layout

def test_layout_deterministic(net):
    a = layout_positions(net, seed=42)
    b = layout_positions(net, seed=42)
    assert a == b and set(a) == set(net.nodes)
    assert layout_positions(net, seed=7) != a
    # distinct places
    assert len(set(a.values())) == len(a)


def test_scalable_layout_for_large_components():
    big = nx.MultiDiGraph()
    for hub in range(30):
        big.add_edge(f"hub{hub}", "centre")
        for leaf in range(40):
            big.add_edge(f"leaf{hub}-{leaf}", f"hub{hub}")
    big.add_node("alone")
    a = layout_positions(big, seed=1)
    assert a == layout_positions(big, seed=1)
    assert set(a) == set(big.nodes)
    assert len(set(a.values())) == len(a)
    assert all(abs(x) < 1e6 and abs(y) < 1e6 for x, y in a.values())


_LAYOUT_SCRIPT = """
import hashlib, json, sys
import networkx as nx
from graph.store import load_graph
from graph.visualise import graph_to_network, layout_positions, network_to_html
net = graph_to_network(load_graph(sys.argv[1]))
big = nx.MultiDiGraph()
for hub in range(25):
    for leaf in range(25):
        big.add_edge(f"leaf{hub}-{leaf}", f"hub{hub}")
        big.add_edge(f"hub{hub}", f"hub{(hub * 7 + leaf) % 25}")
page = network_to_html(net, layout_positions(net))
blob = json.dumps([sorted(layout_positions(big).items()), page])
print(hashlib.sha256(blob.encode()).hexdigest())
"""


def test_layout_and_page_identical_across_processes():
    # networkx subgraph views iterate sets: the layout must not depend on PYTHONHASHSEED
    digests = set()
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        out = subprocess.run([sys.executable, "-c", _LAYOUT_SCRIPT, str(DATA)], env=env,
                             capture_output=True, text=True, check=True)
        digests.add(out.stdout.strip())
    assert len(digests) == 1


def test_page_bytes_deterministic(g, tmp_path):
    one, two = tmp_path / "a" / "one.html", tmp_path / "two.html"
    s1 = render_html(g, one)
    s2 = render_html(g, two)
    assert isinstance(s1, ViewStats) and (s1.nodes, s1.edges) == (10, 10) and s1.physics
    assert one.read_bytes() == two.read_bytes()
    assert render_html(g, two, physics_threshold=5).physics is False


# --------------------------------------------------------------------------- HTML

class _Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)


def test_page_is_self_contained(page):
    parser = _Tags()
    parser.feed(page)
    names = [t for t, _ in parser.tags]
    assert "link" not in names and "iframe" not in names and "img" not in names
    for tag, attrs in parser.tags:
        for attr in ("src", "href", "action", "data", "poster", "srcset", "xlink:href"):
            value = (attrs.get(attr) or "").strip()
            assert not value or value.startswith("data:"), f"<{tag} {attr}={value!r}>"
    css = "\n".join(parser.styles)
    assert "@import" not in css
    for target in re.findall(r"url\(\s*['\"]?([^'\")]+)", css):
        assert target.startswith("data:"), target
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)\s*=\s*['\"]?(https?:)?//", page, re.I)
    csp = next(a["content"] for t, a in parser.tags
               if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp and "connect-src 'none'" in csp
    assert "unsafe-eval" not in csp and "script-src 'sha256-" in csp
    assert "cdn.jsdelivr" not in page and "cdnjs" not in page and "bootstrap" not in page.lower()


def test_xss_probe_only_escaped(page):
    for raw in (PROBE, "<img src=x", "<script>alert", "<svg onload", "alert(3)</script>"):
        assert raw not in page
    data = page_data(page)
    (probe,) = [n for n in data["nodes"] if n["label"] == PROBE]  # drawn as canvas text
    assert "&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(2)&lt;/script&gt;" in probe["title"]
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in probe["title"]  # the document title


def test_tooltips_contain_only_our_markup(page):
    data = page_data(page)
    for item in data["nodes"] + data["edges"]:
        parser = _Tags()
        parser.feed(item["title"])
        for tag, attrs in parser.tags:
            assert tag in {"div", "b", "i", "span"}, (tag, item["title"])
            assert set(attrs) <= {"class"}, (attrs, item["title"])


def test_page_content(page):
    data = page_data(page)
    assert len(data["nodes"]) == 11 and len(data["edges"]) == 12
    assert {c["name"] for c in data["classes"]} == set(CLASS_STYLE)
    by_label = {n["label"]: n for n in data["nodes"]}
    lavrov = by_label["Sergueï Lavrov"]
    assert lavrov["group"] == "Person" and lavrov["aliases"] == ["Lavrov", "M. Lavrov"]
    assert isinstance(lavrov["x"], float) and isinstance(lavrov["y"], float)
    assert "ministre des Affaires étrangères" in lavrov["title"]
    roles = {e["label"] for e in data["edges"]}
    assert {"ministre des Affaires étrangères", "part of", "party", "said by", "reported by"} <= roles
    edge = next(e for e in data["edges"] if e["label"] == "ministre de l'Europe et des Affaires étrangères"
                and e["to"] == by_label["ministère de l'Europe et des Affaires étrangères"]["id"])
    assert "Jean-Noël Barrot" in edge["title"] and "Lavrov et Barrot signent" in edge["title"]
    assert 'id="ng-search"' in page and 'id="ng-classes"' in page


def test_network_to_html_on_empty_network():
    html = network_to_html(nx.MultiDiGraph(), {}, title="empty & <b>")
    assert "<title>empty &amp; &lt;b&gt;</title>" in html
    assert page_data(html)["nodes"] == []


def test_import_does_not_load_pyvis():
    code = "import sys, graph.visualise; print('pyvis' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --------------------------------------------------------------------------- CLI

def test_cli_view(tmp_path, capsys):
    out = tmp_path / "lavrov.html"
    code = main(["view", "--graph", str(DATA), "--out", str(out), "--focus", "Lavrov", "--depth", "1"])
    assert code == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith(f"wrote {out}: 3 nodes, 3 edges, physics on")
    assert out.is_file()


def test_cli_view_classes_and_max_nodes(tmp_path, capsys):
    out = tmp_path / "g.html"
    assert main(["view", "--graph", str(DATA), "--out", str(out), "--classes", "State,Agreement",
                 "--max-nodes", "2"]) == 0
    assert ": 2 nodes, 1 edges" in capsys.readouterr().out


@pytest.mark.parametrize("args, message", [
    (["--graph", "missing.ttl"], "graph file not found"),
    (["--graph", str(DATA), "--focus", "Lavrof"], "did you mean"),
    (["--graph", str(DATA), "--classes", "Country"], "unknown class"),
])
def test_cli_view_errors(tmp_path, capsys, args, message):
    out = tmp_path / "x.html"
    assert main(["view", *args, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and message in err
    assert not out.exists()
