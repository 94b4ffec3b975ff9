"""newsgraph export: RDF round trips, GraphML/GEXF/CSV actor network, CLI errors."""
from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx
import pytest
import rdflib
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from graph.cli import main
from graph.errors import UsageError
from graph.export import FORMATS, RDF_FORMATS, actor_network, export_graph, load_for_export
from graph.store import load_graph

DATA = Path(__file__).parent / "data" / "small_graph.ttl"
ID = "https://w3id.org/newsgraph/id/"
NG = "https://w3id.org/newsgraph/ontology#"

# rdflib's own TriG/N-Quads parsers use its deprecated ConjunctiveGraph API
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")

# our format name -> rdflib parser name
PARSERS = {"turtle": "turtle", "trig": "trig", "nquads": "nquads", "ntriples": "nt",
           "jsonld": "json-ld", "rdfxml": "xml"}


@pytest.fixture(scope="module")
def source() -> rdflib.Graph:
    return rdflib.Graph().parse(DATA, format="turtle")  # plain rdflib, the reference


@pytest.fixture(scope="module")
def graph():
    return load_graph(DATA)  # what the CLI exports: Oxigraph-backed


@pytest.fixture(scope="module")
def network(graph) -> nx.MultiDiGraph:
    return actor_network(graph)


def _reload(path: Path, fmt: str) -> rdflib.Graph:
    name = PARSERS[fmt]
    if fmt in ("trig", "nquads"):
        ds = rdflib.Dataset()
        ds.parse(path, format=name)
        g = rdflib.Graph()
        for s, p, o, _ in ds.quads((None, None, None, None)):
            g.add((s, p, o))
        return g
    return rdflib.Graph().parse(path, format=name)


def _assert_iso(a: rdflib.Graph, b: rdflib.Graph) -> None:
    if not isomorphic(a, b):
        _, only_a, only_b = graph_diff(to_isomorphic(a), to_isomorphic(b))
        pytest.fail(f"not isomorphic\nonly in source:\n{only_a.serialize(format='nt')}\n"
                    f"only in export:\n{only_b.serialize(format='nt')}")


def test_formats_listed():
    assert set(FORMATS) == set(PARSERS) | {"graphml", "gexf", "csv"}
    assert set(RDF_FORMATS) == set(PARSERS)


@pytest.mark.parametrize("fmt", sorted(PARSERS))
def test_rdf_round_trip(fmt, graph, source, tmp_path):
    out = export_graph(graph, fmt, tmp_path / f"out.{fmt}")
    assert out == tmp_path / f"out.{fmt}"
    reloaded = _reload(out, fmt)
    assert len(reloaded) == len(source)
    _assert_iso(source, reloaded)
    assert not list(tmp_path.glob(".*.tmp")), "no temporary file left behind"


@pytest.mark.parametrize("fmt", ["trig", "nquads"])
def test_named_graphs_are_kept(fmt, source, tmp_path):
    ds = rdflib.Dataset()
    docs = [rdflib.URIRef(ID + "doc/article-1"), rdflib.URIRef(ID + "doc/article-2")]
    for i, (s, p, o) in enumerate(sorted(source)):
        ds.graph(docs[i % 2]).add((s, p, o))
    suffix = {"trig": ".trig", "nquads": ".nq"}[fmt]
    out = export_graph(ds, fmt, tmp_path / f"named{suffix}")
    back = rdflib.Dataset()
    back.parse(out, format=PARSERS[fmt])
    names = {g.identifier for g in back.graphs() if len(g)}
    assert set(docs) <= names
    for doc in docs:
        _assert_iso(ds.graph(doc), back.graph(doc))
    # the same dataset through the CLI loader keeps the graphs too
    again = export_graph(load_for_export(out), fmt, tmp_path / f"again{suffix}")
    back2 = rdflib.Dataset()
    back2.parse(again, format=PARSERS[fmt])
    assert set(docs) <= {g.identifier for g in back2.graphs() if len(g)}


def test_actor_network_content(network):
    assert network.number_of_nodes() == 13
    assert network.number_of_edges() == 18
    anna = network.nodes[ID + "person/anna-kovac"]
    assert anna == {"iri": ID + "person/anna-kovac", "label": "Anna Kovac", "class": "Person",
                    "mentions": 5, "aliases": "Kovac|Mme Kovac"}
    edge = network.edges[ID + "person/anna-kovac", ID + "agency/ministere-des-affaires-etrangeres-de-syldavie",
                         "affiliatedWith"]
    assert edge == {"predicate": NG + "affiliatedWith", "label": "affiliatedWith",
                    "role": "ministre des Affaires étrangères"}
    assert network.edges[ID + "person/anna-kovac", ID + "state/SYL", "affiliatedWith"]["role"] == ""
    # statements, documents and provenance nodes are not actors
    assert not [n for n in network if "/statement/" in n or "/doc/" in n or "/mention/" in n]
    for _, data in network.nodes(data=True):
        assert all(isinstance(v, (str, int, float)) for v in data.values())
    for _, _, data in network.edges(data=True):
        assert all(isinstance(v, (str, int, float)) for v in data.values())


def _edge_set(g) -> dict:
    return {(u, v, d["predicate"]): d for u, v, d in g.edges(data=True)}


def test_graphml(network, graph, tmp_path):
    out = export_graph(graph, "graphml", tmp_path / "actors.graphml")
    back = nx.read_graphml(out, force_multigraph=True)
    assert back.is_directed()
    assert dict(back.nodes(data=True)) == dict(network.nodes(data=True))
    assert _edge_set(back) == _edge_set(network)


def test_gexf(network, graph, tmp_path):
    out = export_graph(graph, "gexf", tmp_path / "actors.gexf")
    back = nx.read_gexf(out)
    assert back.is_directed()
    assert set(back.nodes) == set(network.nodes)
    for node, data in network.nodes(data=True):
        assert {k: back.nodes[node][k] for k in data} == data
    edges = {(u, v, d["predicate"]): {k: d[k] for k in ("predicate", "label", "role")}
             for u, v, d in back.edges(data=True)}
    assert edges == _edge_set(network)


def test_csv(network, graph, tmp_path):
    out = export_graph(graph, "csv", tmp_path / "actors")
    assert out.is_dir()
    with open(out / "nodes.csv", newline="", encoding="utf-8") as fh:
        nodes = list(csv.DictReader(fh))
    with open(out / "edges.csv", newline="", encoding="utf-8") as fh:
        edges = list(csv.DictReader(fh))
    assert len(nodes) == network.number_of_nodes()
    assert len(edges) == network.number_of_edges()
    assert list(nodes[0]) == ["id", "label", "class", "mentions", "aliases"]
    assert list(edges[0]) == ["source", "target", "predicate", "label", "role"]
    syl = next(r for r in nodes if r["id"] == ID + "state/SYL")
    assert syl == {"id": ID + "state/SYL", "label": "Syldavie", "class": "State", "mentions": "9",
                   "aliases": "Klow|la Syldavie"}
    assert {e["source"] for e in edges} | {e["target"] for e in edges} <= {n["id"] for n in nodes}


def test_csv_refuses_a_file(graph, tmp_path):
    (tmp_path / "f").write_text("x")
    with pytest.raises(UsageError, match="directory"):
        export_graph(graph, "csv", tmp_path / "f")


def test_unknown_format_library(graph, tmp_path):
    with pytest.raises(UsageError, match="unknown export format 'xls'"):
        export_graph(graph, "xls", tmp_path / "out.xls")


def test_cli_unknown_format_exit_2(tmp_path, capsys):
    code = main(["export", "--graph", str(DATA), "--format", "xls", "--out", str(tmp_path / "x")])
    assert code == 2
    assert "unknown export format" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()


def test_cli_missing_graph_exit_2(tmp_path, capsys):
    code = main(["export", "--graph", str(tmp_path / "none.ttl"), "--format", "turtle",
                 "--out", str(tmp_path / "x.ttl")])
    assert code == 2
    assert "not found" in capsys.readouterr().err


def test_cli_export_turtle(source, tmp_path):
    out = tmp_path / "sub" / "graph.ttl"
    assert main(["export", "--graph", str(DATA), "--format", "turtle", "--out", str(out)]) == 0
    _assert_iso(source, rdflib.Graph().parse(out, format="turtle"))
