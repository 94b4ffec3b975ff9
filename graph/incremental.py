"""Persistent, incremental builds: ``newsgraph build PATH... --out DIR --store STOREDIR``.

The store is an on-disk Oxigraph database holding **one named graph per
document**: the graph named by the document IRI (``id:doc/<doc_id>``) holds the
triples :func:`graph.build.build_graph` makes for that document alone
(entities with their per-document ``ng:mentionCount`` and ``ng:documentCount``, mentions, sentences,
relations with their assertions, statements, the document node and its
``ng:contentHash``).

A private bookkeeping graph (:data:`META`, never exported) records, for each
document graph, the *build key* (SHA-256 of the file(s) plus the model name and
the newsgraph version) and the source file. On a rebuild:

* an article whose key is unchanged is skipped **before** spaCy runs;
* a new or changed article replaces its own named graph only: the graph is
  dropped and re-inserted in one SPARQL Update, which Oxigraph applies as one
  transaction (all or nothing);
* documents whose files are not given are kept; with ``prune=True`` documents
  whose source file no longer exists are removed.

Exports (:meth:`DocumentStore.merged_triples`) are the union of the document
graphs with per-entity merging, exactly what an in-memory build of the same
articles gives: one ``rdfs:label`` per language (the fuller name; the others
become ``skos:altLabel``) and ``ng:mentionCount`` / ``ng:documentCount`` summed over the documents.
"""
from __future__ import annotations

import logging
import os
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from graph.errors import NewsgraphError
from graph.types import Article, Extraction

logger = logging.getLogger(__name__)

__all__ = ["DocumentStore", "StoreError", "META", "doc_iri"]

_ID = "https://w3id.org/newsgraph/id/"
_DOC = _ID + "doc/"
_NG = "https://w3id.org/newsgraph/ontology#"
_STORE = "https://w3id.org/newsgraph/store#"
META = ox.NamedNode(_ID + "store/meta")        #: bookkeeping graph (not exported)
_KEY = ox.NamedNode(_STORE + "buildKey")
_FILE = ox.NamedNode(_STORE + "sourceFile")
_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
_ALT = ox.NamedNode("http://www.w3.org/2004/02/skos/core#altLabel")
_COUNT = ox.NamedNode(_NG + "mentionCount")
_DOCS = ox.NamedNode(_NG + "documentCount")
_SUMMED = (_COUNT, _DOCS)  # per-entity counts that are summed over the document graphs
_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
_BATCH = 200  # documents per transaction when a build adds many


class StoreError(NewsgraphError):
    """The store folder cannot be opened (missing rights, locked by another process ...)."""


def doc_iri(doc_id: str) -> str:
    return _DOC + doc_id


def _fingerprint(model: str) -> str:
    from graph import __version__

    return f"newsgraph {__version__}; model {model}"


def _key(hashes: Iterable[str], model: str) -> str:
    return "+".join(sorted(hashes)) + " | " + _fingerprint(model)


class DocumentStore:
    """An on-disk Oxigraph store with one named graph per document.

    Only one process can open a store folder at a time (Oxigraph locks it).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d, DocumentStore(d) as st:
    ...     st.documents()
    []
    """

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            self.store = ox.Store(str(self.path))
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot open the store ({' '.join(str(exc).split())})") from exc

    def __enter__(self) -> DocumentStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if getattr(self, "store", None) is not None:
            self.store.flush()
            del self.store
            self.store = None

    # ----------------------------------------------------------------- reading
    def _meta(self, prop: ox.NamedNode) -> dict[str, str]:
        return {q.subject.value: q.object.value for q in self.store.quads_for_pattern(None, prop, None, META)}

    def keys(self) -> dict[str, str]:
        """Document IRI -> build key of the stored graph."""
        return self._meta(_KEY)

    def sources(self) -> dict[str, str]:
        """Document IRI -> absolute path of the file it was built from."""
        return self._meta(_FILE)

    def documents(self) -> list[str]:
        """IRIs of the document graphs, sorted."""
        return sorted(g.value for g in self.store.named_graphs()
                      if isinstance(g, ox.NamedNode) and g.value.startswith(_DOC))

    def changed(self, articles: Iterable[Article], model: str) -> tuple[list[Article], int]:
        """The articles that must be extracted (new or changed), and how many are unchanged.

        Articles sharing a ``doc_id`` (same file stem) form one document; they
        are extracted again together when any of them changed.
        """
        groups: dict[str, list[Article]] = defaultdict(list)
        for a in articles:
            groups[a.doc_id].append(a)
        stored = self.keys()
        todo: list[Article] = []
        skipped = 0
        for doc_id, arts in groups.items():
            if stored.get(doc_iri(doc_id)) == _key((a.sha256 for a in arts), model):
                skipped += len(arts)
            else:
                todo.extend(arts)
        return todo, skipped

    # ----------------------------------------------------------------- writing
    def replace(self, extractions: Iterable[Extraction], model: str) -> list[str]:
        """Store each document's graph in place of its previous one; returns the IRIs written.

        Each batch of documents is one SPARQL Update (one transaction): a crash
        leaves every document either fully old or fully new.
        """
        from graph.build import build_graph
        from graph.store import ox_triples

        groups: dict[str, list[Extraction]] = defaultdict(list)
        for ex in extractions:
            groups[ex.article.doc_id].append(ex)
        written: list[str] = []
        ops: list[str] = []
        for doc_id in sorted(groups):
            exs = groups[doc_id]
            g_iri = ox.NamedNode(doc_iri(doc_id))
            triples = " .\n".join(str(t) for t in ox_triples(build_graph(exs)))
            key = ox.Literal(_key((ex.article.sha256 for ex in exs), model))
            src = ox.Literal(str(Path(exs[0].article.path).resolve()))
            ops.append(f"DROP SILENT GRAPH {g_iri} ;\n"
                       f"DELETE WHERE {{ GRAPH {META} {{ {g_iri} ?p ?o }} }} ;\n"
                       f"INSERT DATA {{ GRAPH {g_iri} {{ {triples} }}\n"
                       f"GRAPH {META} {{ {g_iri} {_KEY} {key} . {g_iri} {_FILE} {src} }} }}")
            written.append(g_iri.value)
            if len(ops) >= _BATCH:
                self.store.update(" ;\n".join(ops))
                ops = []
        if ops:
            self.store.update(" ;\n".join(ops))
        return written

    def remove(self, iris: Iterable[str]) -> list[str]:
        """Drop these document graphs (one transaction)."""
        iris = sorted(iris)
        if iris:
            self.store.update(" ;\n".join(
                f"DROP SILENT GRAPH <{i}> ; DELETE WHERE {{ GRAPH {META} {{ <{i}> ?p ?o }} }}" for i in iris))
        return iris

    def prune(self) -> list[str]:
        """Remove the documents whose source file no longer exists; returns their IRIs."""
        gone = [i for i, path in self.sources().items() if not Path(path).exists()]
        return self.remove(gone)

    # ----------------------------------------------------------------- exporting
    def quads(self) -> Iterable[ox.Quad]:
        """Every quad of the document graphs (the bookkeeping graph left out)."""
        for g in self.documents():
            yield from self.store.quads_for_pattern(None, None, None, ox.NamedNode(g))

    def merged_triples(self) -> list[ox.Triple]:
        """The whole graph: the union of the document graphs, entities merged (see the module doc)."""
        return merge_documents(self.quads())


def merge_documents(quads: Iterable[ox.Quad]) -> list[ox.Triple]:
    """Union of per-document graphs with the same entity merging as :func:`graph.build.build_graph`.

    * ``rdfs:label``: one per subject and language, the fuller name
      (most words, then longest, then greatest); the others become ``skos:altLabel``;
    * ``skos:altLabel`` equal to the label once accents and case are folded are dropped;
    * ``ng:mentionCount`` and ``ng:documentCount`` are sums over the documents (a document
      graph holds its own mention count and a document count of 1, or 0 for an entity it
      names without a mention).
    """
    from graph.extract.lexicon import fold

    out: set[ox.Triple] = set()
    labels: dict[tuple, set[ox.Literal]] = defaultdict(set)
    alts: dict = defaultdict(set)
    counts: dict = defaultdict(int)
    for q in quads:
        s, p, o = q.subject, q.predicate, q.object
        if p == _LABEL and isinstance(o, ox.Literal):
            labels[(s, o.language or "")].add(o)
        elif p == _ALT and isinstance(o, ox.Literal):
            alts[s].add(o)
        elif p in _SUMMED and isinstance(o, ox.Literal):
            counts[(s, p)] += int(o.value)
        else:
            out.add(q.triple)
    chosen: dict[tuple, str] = {}
    for (s, lang), forms in labels.items():
        best = max(forms, key=lambda lit: (len(lit.value.split()), len(lit.value), lit.value))
        out.add(ox.Triple(s, _LABEL, best))
        chosen[(s, lang)] = fold(best.value)
        alts[s] |= forms - {best}
    for s, forms in alts.items():
        for lit in forms:
            if fold(lit.value) != chosen.get((s, lit.language or ""), fold("")):
                out.add(ox.Triple(s, _ALT, lit))
    for (s, p), n in counts.items():
        out.add(ox.Triple(s, p, ox.Literal(str(n), datatype=_INTEGER)))
    return list(out)
