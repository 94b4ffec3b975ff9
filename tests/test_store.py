"""graph.store (deterministic Turtle/TriG) and graph.incremental (the document store, export merging)."""
from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from graph.incremental import DocumentStore, StoreError, merge_documents
from graph.store import graph_from_triples, new_graph, ox_triples, save_turtle, trig_bytes, turtle_bytes

N = ox.NamedNode
LABEL = N("http://www.w3.org/2000/01/rdf-schema#label")
ALT = N("http://www.w3.org/2004/02/skos/core#altLabel")
COUNT = N("https://w3id.org/newsgraph/ontology#mentionCount")
TYPE = N("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
INT = N("http://www.w3.org/2001/XMLSchema#integer")
LAVROV = N("https://w3id.org/newsgraph/id/person/serguei-lavrov")
G1, G2 = N("https://w3id.org/newsgraph/id/doc/un"), N("https://w3id.org/newsgraph/id/doc/deux")


def test_turtle_is_deterministic_and_reloads():
    g = new_graph()
    for i in range(50):
        g.add((URIRef(f"https://w3id.org/newsgraph/id/person/p{i}"), RDF.type, URIRef("https://w3id.org/newsgraph/ontology#Person")))
        g.add((URIRef(f"https://w3id.org/newsgraph/id/person/p{i}"), RDFS.label, Literal(f"P {i}", lang="fr")))
    triples = list(ox_triples(g))
    a = turtle_bytes(triples)
    assert a == turtle_bytes(list(reversed(triples))) == turtle_bytes(triples + triples)
    back = Graph().parse(data=a.decode(), format="turtle")
    assert len(back) == 100 and set(back) == set(g)
    # rdf:type comes first for each subject; resources are written as full IRIs
    assert "<https://w3id.org/newsgraph/id/person/p0> a ng:Person ;" in a.decode()


def test_save_turtle_from_rdflib_graph(tmp_path):
    g = Graph()  # not Oxigraph-backed: converted
    g.add((URIRef("http://e/a"), RDFS.label, Literal("x", lang="fr")))
    assert save_turtle(g, tmp_path / "g.ttl") == 1
    assert set(Graph().parse(tmp_path / "g.ttl")) == set(g)


def test_graph_from_triples_is_queryable():
    g = graph_from_triples([ox.Triple(N("http://e/a"), LABEL, ox.Literal("x"))])
    assert len(g) == 1 and [str(o) for o in g.objects(URIRef("http://e/a"), RDFS.label)] == ["x"]


def test_trig_groups_by_graph():
    quads = [ox.Quad(LAVROV, LABEL, ox.Literal("Lavrov", language="fr"), G2),
             ox.Quad(LAVROV, LABEL, ox.Literal("Sergueï Lavrov", language="fr"), G1)]
    data = trig_bytes(quads)
    assert data == trig_bytes(list(reversed(quads)))
    assert len(list(ox.parse(data, format=ox.RdfFormat.TRIG))) == 2


def test_merge_one_label_per_language_and_summed_counts():
    quads = [
        ox.Quad(LAVROV, TYPE, N("https://w3id.org/newsgraph/ontology#Person"), G1),
        ox.Quad(LAVROV, TYPE, N("https://w3id.org/newsgraph/ontology#Person"), G2),
        ox.Quad(LAVROV, LABEL, ox.Literal("Sergueï Lavrov", language="fr"), G1),
        ox.Quad(LAVROV, LABEL, ox.Literal("Lavrov", language="fr"), G2),
        ox.Quad(LAVROV, LABEL, ox.Literal("Sergey Lavrov", language="en"), G2),
        ox.Quad(LAVROV, ALT, ox.Literal("M. Lavrov", language="fr"), G2),
        ox.Quad(LAVROV, ALT, ox.Literal("SERGUEI LAVROV", language="fr"), G2),   # folds to the label: dropped
        ox.Quad(LAVROV, COUNT, ox.Literal("3", datatype=INT), G1),
        ox.Quad(LAVROV, COUNT, ox.Literal("2", datatype=INT), G2),
    ]
    out = set(merge_documents(quads))
    labels = {t.object for t in out if t.predicate == LABEL}
    assert labels == {ox.Literal("Sergueï Lavrov", language="fr"), ox.Literal("Sergey Lavrov", language="en")}
    alts = {t.object.value for t in out if t.predicate == ALT}
    assert alts == {"Lavrov", "M. Lavrov"}
    assert [t.object for t in out if t.predicate == COUNT] == [ox.Literal("5", datatype=INT)]
    assert sum(t.predicate == TYPE for t in out) == 1


def test_store_replace_is_one_transaction(tmp_path):
    """A failing update leaves the previous document graph in place (Oxigraph update = one transaction)."""
    with DocumentStore(tmp_path / "st") as st:
        st.store.update(f"INSERT DATA {{ GRAPH {G1} {{ {LAVROV} {LABEL} \"old\" }} }}")
        with pytest.raises(OSError):
            st.store.update(f"DROP SILENT GRAPH {G1} ; INSERT DATA {{ GRAPH {G1} {{ {LAVROV} {LABEL} \"new\" }} }} ; "
                            "LOAD <http://invalid.invalid/x> INTO GRAPH <http://e/g>")
        assert [q.object.value for q in st.store.quads_for_pattern(None, None, None, G1)] == ["old"]


def test_store_is_persistent_and_locked(tmp_path):
    with DocumentStore(tmp_path / "st") as st:
        st.store.update(f"INSERT DATA {{ GRAPH {G1} {{ {LAVROV} {LABEL} \"x\" }} }}")
        with pytest.raises(StoreError, match="cannot open the store"):
            DocumentStore(tmp_path / "st")       # a second writer is refused with a one-line message
    with DocumentStore(tmp_path / "st") as st:
        assert st.documents() == [G1.value]
        assert st.remove([G1.value]) == [G1.value] and st.documents() == []
