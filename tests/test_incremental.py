"""Incremental builds with ``--store``: one named graph per document, unchanged articles skipped.

Fast: the blank French pipeline (gazetteer states, sentences, mentions) is enough
to exercise the store; one test with the trained model is marked ``model``.
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, SKOS

from graph.incremental import DocumentStore, doc_iri
from graph.namespaces import ID, NG
from graph.pipeline import run_build

A = "La Russie et la Chine ont signé un accord à Moscou. La Russie a salué l'accord.\n"
B = "Des diplomates de la Chine sont arrivés à Paris. La France observe.\n"
B2 = "Des diplomates de la Chine sont arrivés à Berlin. L'Allemagne et la Chine discutent.\n"
C = "L'Inde et la Chine ont parlé de la Russie.\n"


@pytest.fixture
def corpus(tmp_path):
    src = tmp_path / "articles"
    src.mkdir()
    (src / "a.txt").write_text(A, encoding="utf-8")
    (src / "b.txt").write_text(B, encoding="utf-8")
    return tmp_path


@pytest.fixture
def calls(monkeypatch):
    """Counts the articles that reach the extraction rules (after spaCy)."""
    import graph.extract

    seen: list[str] = []
    real = graph.extract.extract_doc

    def counting(article, doc):
        seen.append(article.doc_id)
        return real(article, doc)

    monkeypatch.setattr(graph.extract, "extract_doc", counting)
    return seen


def build(root: Path, *paths, out="out", **kw):
    paths = paths or (root / "articles",)
    return run_build([str(p) for p in paths], root / out, model="blank", html=False, store=root / "store", **kw)


def stored(root: Path) -> dict[str, set]:
    with DocumentStore(root / "store") as st:
        return {g: set(st.store.quads_for_pattern(None, None, None, ox.NamedNode(g))) for g in st.documents()}


def counts(ttl: Path) -> dict[str, int]:
    g = Graph().parse(ttl, format="turtle")
    return {str(s): int(o) for s, o in g.subject_objects(NG.mentionCount)}


def test_first_build_one_named_graph_per_document(corpus, calls):
    report = build(corpus)
    assert sorted(calls) == ["a", "b"]
    assert report.skipped == 0 and report.stored == [doc_iri("a"), doc_iri("b")]
    graphs = stored(corpus)
    assert sorted(graphs) == [doc_iri("a"), doc_iri("b")]
    # each graph holds its own document node with its content hash, and nothing of the other document
    a_doc = ox.NamedNode(doc_iri("a"))
    assert any(q.subject == a_doc and q.predicate.value == str(NG.contentHash) for q in graphs[doc_iri("a")])
    assert not any("/doc/b" in str(q.triple) or "sentence/b-" in str(q.triple) for q in graphs[doc_iri("a")])
    assert (corpus / "out" / "graph.trig").is_file()


def test_second_build_changes_nothing_and_extracts_nothing(corpus, calls):
    build(corpus)
    ttl = (corpus / "out" / "graph.ttl").read_bytes()
    trig = (corpus / "out" / "graph.trig").read_bytes()
    before = stored(corpus)
    calls.clear()
    report = build(corpus)
    assert calls == []                       # unchanged articles never reach the model
    assert report.skipped == 2 and report.stored == [] and report.documents == 0
    assert (corpus / "out" / "graph.ttl").read_bytes() == ttl
    assert (corpus / "out" / "graph.trig").read_bytes() == trig
    assert stored(corpus) == before


def test_same_graph_as_an_in_memory_build(corpus):
    build(corpus)
    run_build([str(corpus / "articles")], corpus / "mem", model="blank", html=False)
    assert (corpus / "out" / "graph.ttl").read_bytes() == (corpus / "mem" / "graph.ttl").read_bytes()


def test_changed_article_replaces_only_its_graph(corpus, calls):
    build(corpus)
    before = stored(corpus)
    (corpus / "articles" / "b.txt").write_text(B2, encoding="utf-8")
    calls.clear()
    report = build(corpus)
    assert calls == ["b"] and report.skipped == 1 and report.stored == [doc_iri("b")]
    after = stored(corpus)
    assert after[doc_iri("a")] == before[doc_iri("a")]
    assert after[doc_iri("b")] != before[doc_iri("b")]
    text = (corpus / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert "Paris" not in text and "state/DEU" in text and "state/FRA" not in text
    # the result equals a fresh in-memory build of the current files
    run_build([str(corpus / "articles")], corpus / "mem", model="blank", html=False)
    assert (corpus / "out" / "graph.ttl").read_bytes() == (corpus / "mem" / "graph.ttl").read_bytes()


def test_new_files_are_added_and_files_not_given_are_kept(corpus, calls):
    build(corpus)
    extra = corpus / "c.txt"
    extra.write_text(C, encoding="utf-8")
    calls.clear()
    report = build(corpus, extra)            # only c.txt is given: a and b stay in the store
    assert calls == ["c"] and report.stored == [doc_iri("c")]
    assert sorted(stored(corpus)) == [doc_iri(d) for d in "abc"]
    text = (corpus / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert "doc/a>" in text and "doc/b>" in text and "doc/c>" in text


def test_mention_counts_are_summed_over_documents(corpus):
    build(corpus)
    c = counts(corpus / "out" / "graph.ttl")
    assert c[str(ID["state/CHN"])] == 2      # once in a, once in b
    assert c[str(ID["state/RUS"])] == 2      # twice in a
    assert c[str(ID["state/FRA"])] == 1


def test_prune_removes_documents_whose_file_is_gone(corpus, calls):
    build(corpus)
    (corpus / "articles" / "b.txt").unlink()
    report = build(corpus)                   # without --prune the document is kept
    assert report.pruned == [] and doc_iri("b") in stored(corpus)
    report = build(corpus, prune=True)
    assert report.pruned == [doc_iri("b")]
    assert sorted(stored(corpus)) == [doc_iri("a")]
    assert "doc/b>" not in (corpus / "out" / "graph.ttl").read_text(encoding="utf-8")


def test_a_new_model_rebuilds(corpus, calls, monkeypatch):
    build(corpus)
    import graph

    monkeypatch.setattr(graph, "__version__", "999")   # the build key holds version and model
    calls.clear()
    build(corpus)
    assert sorted(calls) == ["a", "b"]


@pytest.mark.skipif(shutil.which("rapper") is None, reason="rapper (raptor2-utils) not installed")
def test_outputs_pass_raptor(corpus):
    build(corpus)
    for name, syntax in (("graph.ttl", "turtle"), ("graph.trig", "trig")):
        res = subprocess.run(["rapper", "-q", "-i", syntax, "-c", str(corpus / "out" / name)],
                             capture_output=True, text=True)
        assert res.returncode == 0, res.stderr


def test_cli_store_option(corpus, capsys):
    from graph.cli import main

    args = ["build", str(corpus / "articles"), "--out", str(corpus / "out"), "--store", str(corpus / "store"),
            "--model", "blank", "--no-html"]
    assert main(args) == 0
    assert "2 document(s) written, 0 unchanged skipped" in capsys.readouterr().out
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "0 document(s) written, 2 unchanged skipped" in out and "graph.trig" in out


def test_cli_prune_needs_store(corpus, capsys):
    from graph.cli import main

    assert main(["build", str(corpus / "articles"), "--out", str(corpus / "out"), "--prune"]) == 2


@pytest.mark.model
def test_labels_merge_across_documents_with_the_model(tmp_path):
    """Two articles naming Lavrov differently: one fr label (the fuller), the other an altLabel."""
    src = tmp_path / "articles"
    src.mkdir()
    (src / "un.txt").write_text("Le ministre russe des Affaires étrangères, Sergueï Lavrov, est arrivé à Pékin.\n",
                                encoding="utf-8")
    (src / "deux.txt").write_text("Lavrov a rencontré son homologue chinois Wang Yi à Pékin. Lavrov a souri.\n",
                                  encoding="utf-8")
    run_build([str(src)], tmp_path / "out", html=False, store=tmp_path / "store")
    run_build([str(src)], tmp_path / "mem", html=False)
    g = Graph().parse(tmp_path / "out" / "graph.ttl", format="turtle")
    for s in set(g.subjects(RDFS.label)):
        langs = [o.language for o in g.objects(s, RDFS.label)]
        assert len(langs) == len(set(langs)), s
    mem = Graph().parse(tmp_path / "mem" / "graph.ttl", format="turtle")
    assert set(g) == set(mem)
    # "Lavrov" alone in the second article is the Sergueï Lavrov of the first: one IRI for both
    lavrov = ID["person/serguei-lavrov"]
    assert ID["person/lavrov"] not in set(g.subjects()) | set(g.objects())
    assert int(g.value(lavrov, NG.documentCount)) == 2 and int(g.value(lavrov, NG.mentionCount)) == 3
    docs = {d for m in g.subjects(NG.mentionOf, lavrov) for d in g.objects(m, NG.inDocument)}
    assert len(docs) == 2


def doc_counts(ttl: Path) -> dict[str, int]:
    g = Graph().parse(ttl, format="turtle")
    return {str(s): int(o) for s, o in g.subject_objects(NG.documentCount)}


def test_document_count_is_summed_over_the_document_graphs(corpus):
    (corpus / "articles" / "c.txt").write_text(C, encoding="utf-8")
    build(corpus)
    run_build([str(corpus / "articles")], corpus / "mem", model="blank", html=False)
    g = Graph().parse(corpus / "mem" / "graph.ttl", format="turtle")
    expected = {}  # documents each entity has a mention in, from the mentions themselves
    for m, e in g.subject_objects(NG.mentionOf):
        expected.setdefault(str(e), set()).update(g.objects(m, NG.inDocument))
    got = doc_counts(corpus / "out" / "graph.ttl")
    assert got == doc_counts(corpus / "mem" / "graph.ttl")   # store == in-memory
    assert {e: n for e, n in got.items() if n} == {e: len(d) for e, d in expected.items()}
    china = "https://w3id.org/newsgraph/id/state/CHN"
    assert got[china] == 3                                   # named in a, b and c
    assert counts(corpus / "out" / "graph.ttl")[china] >= 3
