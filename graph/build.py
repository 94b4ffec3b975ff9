"""Extractions to RDF: the only module that creates triples.

Entities from several documents are merged by key first (one ``rdfs:label``
per language, every other form as ``skos:altLabel``, mention counts summed),
then each fact is written twice: the core triple of the contract and an
``ng:Assertion`` node with its evidence (document, sentence, offsets, rule,
confidence, modality).
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef

from graph.extract import lexicon as lx
from graph.namespaces import DCTERMS, ID, KIND, NG, NIF, OWL, PROV, RDF, RDFS, SKOS, XSD
from graph.store import new_graph
from graph.types import Evidence, Extraction

_CLASS = {"Person": NG.Person, "State": NG.State, "Agency": NG.Agency, "Agreement": NG.Agreement}
_EN_LABELS: dict[str, str] = {}


def iri(key: str) -> URIRef:
    """The resource IRI of an entity key ("state/RUS" -> id:state/RUS)."""
    return URIRef(str(ID) + key)


def _h(*parts) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


def _date(value: str) -> Literal:
    dt = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}[len(value)]
    return Literal(value, datatype=dt)


@dataclass
class _Merged:
    key: str
    type: str
    labels: dict[str, str] = field(default_factory=dict)   # lang -> label
    aliases: set[tuple[str, str]] = field(default_factory=set)
    mentions: int = 0
    documents: int = 0                                      # extractions that mention it
    kind: str | None = None
    iso3: str | None = None


def _merge(extractions: list[Extraction]) -> dict[str, _Merged]:
    merged: dict[str, _Merged] = {}
    for ex in extractions:
        lang = ex.article.lang
        for key, e in ex.entities.items():
            m = merged.get(key)
            if m is None:
                m = merged[key] = _Merged(key, e.type)
            if lang not in m.labels:
                m.labels[lang] = e.label
            elif m.labels[lang] != e.label:
                # keep the fuller name; the other becomes an alias
                a, b = m.labels[lang], e.label
                keep = max((a, b), key=lambda s: (len(s.split()), len(s), s))
                m.labels[lang] = keep
                m.aliases.add(((b if keep == a else a), lang))
            m.aliases |= {(a, lang) for a in e.aliases}
            m.mentions += len(e.mentions)
            m.documents += 1 if e.mentions else 0
            m.kind = m.kind or e.kind
            m.iso3 = m.iso3 or e.iso3
    for m in merged.values():
        m.aliases = {(a, lang) for a, lang in m.aliases if lx.fold(a) != lx.fold(m.labels.get(lang, ""))}
    return merged


class GraphBuilder:
    def __init__(self, g: Graph | None = None):
        self.g = g if g is not None else new_graph()
        self._rules: set[str] = set()
        self._sentences: set[URIRef] = set()

    def add(self, t) -> None:
        self.g.add(t)

    # -- provenance -------------------------------------------------------------
    def rule(self, name: str) -> URIRef:
        node = iri(f"rule/{lx.slug(name.replace('.', '-'))}")
        if name not in self._rules:
            self._rules.add(name)
            self.add((node, RDF.type, NG.Extractor))
            self.add((node, RDFS.label, Literal(name)))
        return node

    def sentence(self, ex: Extraction, start: int, end: int) -> URIRef:
        doc = ex.article.doc_id
        node = iri(f"sentence/{doc}-{start}")
        if node not in self._sentences:
            self._sentences.add(node)
            self.add((node, RDF.type, NG.Sentence))
            self.add((node, NG.inDocument, iri(f"doc/{doc}")))
            self.add((node, NIF.beginIndex, Literal(start, datatype=XSD.nonNegativeInteger)))
            self.add((node, NIF.endIndex, Literal(end, datatype=XSD.nonNegativeInteger)))
            self.add((node, NIF.isString, Literal(ex.article.text[start:end].strip(), lang=ex.article.lang)))
        return node

    def evidence(self, node: URIRef, ex: Extraction, ev: Evidence) -> None:
        self.add((node, NG.inDocument, iri(f"doc/{ex.article.doc_id}")))
        self.add((node, NG.inSentence, self.sentence(ex, ev.sent_start, ev.sent_end)))
        self.add((node, NIF.beginIndex, Literal(ev.start, datatype=XSD.nonNegativeInteger)))
        self.add((node, NIF.endIndex, Literal(ev.end, datatype=XSD.nonNegativeInteger)))
        self.add((node, NG.confidence, Literal(f"{ev.confidence:.2f}", datatype=XSD.decimal)))
        self.add((node, NG.extractedBy, self.rule(ev.rule)))
        self.add((node, NG.modality, KIND[ev.modality]))
        if ev.attributed_to:
            self.add((node, NG.attributedTo, iri(ev.attributed_to)))

    def fact(self, ex: Extraction, s: URIRef, p: URIRef, o, ev: Evidence) -> None:
        """The core triple and its assertion node."""
        self.add((s, p, o))
        node = iri(f"assertion/{_h(ex.article.doc_id, s, p, o, ev.start, ev.end)}")
        self.add((node, RDF.type, NG.Assertion))
        self.add((node, RDF.type, RDF.Statement))
        self.add((node, RDF.subject, s))
        self.add((node, RDF.predicate, p))
        self.add((node, RDF.object, o))
        self.evidence(node, ex, ev)

    def add_document(self, ex: Extraction, merged: dict) -> None:
        """Every per-document triple of one extraction (entities themselves come from
        :meth:`entities` over the merged table)."""
        self.document(ex)
        self.mentions(ex)
        self.relations(ex, merged)
        self.agreements(ex)
        self.statements(ex)
        _events(self, ex)

    # -- content ------------------------------------------------------------------
    def document(self, ex: Extraction) -> None:
        a = ex.article
        d = iri(f"doc/{a.doc_id}")
        self.add((d, RDF.type, NG.Document))
        if a.title:
            self.add((d, DCTERMS.title, Literal(a.title, lang=a.lang)))
        if a.author:
            self.add((d, DCTERMS.creator, Literal(a.author)))
        if a.publisher:
            self.add((d, DCTERMS.publisher, Literal(a.publisher)))
        if a.date:
            self.add((d, DCTERMS.date, _date(a.date)))
        self.add((d, DCTERMS.language, Literal(a.lang)))
        self.add((d, DCTERMS.source, Literal(a.source or a.path)))
        if a.sha256:
            self.add((d, NG.contentHash, Literal(a.sha256)))

    def entities(self, merged: dict[str, _Merged]) -> None:
        from graph.extract.gazetteer import StateGazetteer

        states = StateGazetteer.default()
        for key, m in merged.items():
            node = iri(key)
            self.add((node, RDF.type, _CLASS[m.type]))
            for lang, label in m.labels.items():
                self.add((node, RDFS.label, Literal(label, lang=lang)))
            for alias, lang in m.aliases:
                self.add((node, SKOS.altLabel, Literal(alias, lang=lang)))
            self.add((node, NG.mentionCount, Literal(m.mentions, datatype=XSD.integer)))
            self.add((node, NG.documentCount, Literal(m.documents, datatype=XSD.integer)))
            if m.type == "State" and m.iso3:
                self.add((node, NG.isoCode, Literal(m.iso3)))
                if "en" not in m.labels:
                    self.add((node, RDFS.label, Literal(states.label(m.iso3, "en"), lang="en")))
            if m.type == "Agency" and m.kind:
                self.add((node, NG.agencyKind, KIND[m.kind]))
            if m.type == "Agreement" and m.kind:
                self.add((node, NG.agreementKind, KIND[m.kind]))

    def mentions(self, ex: Extraction) -> None:
        doc = ex.article.doc_id
        for key, e in ex.entities.items():
            for mn in e.mentions:
                node = iri(f"mention/{doc}-{mn.start}-{mn.end}")
                self.add((node, RDF.type, NG.Mention))
                self.add((node, NG.mentionOf, iri(key)))
                self.add((node, NIF.anchorOf, Literal(mn.text)))
                self.add((node, NIF.beginIndex, Literal(mn.start, datatype=XSD.nonNegativeInteger)))
                self.add((node, NIF.endIndex, Literal(mn.end, datatype=XSD.nonNegativeInteger)))
                self.add((node, NG.inDocument, iri(f"doc/{doc}")))
                self.add((node, NG.inSentence, self.sentence(ex, mn.sent_start, mn.sent_end)))
                self.add((node, NG.confidence, Literal(f"{mn.confidence:.2f}", datatype=XSD.decimal)))
                self.add((node, NG.extractedBy, self.rule(mn.rule)))

    def relations(self, ex: Extraction, merged: dict[str, _Merged]) -> None:
        for r in ex.relations:
            s, o = iri(r.subject), iri(r.object)
            p = {"affiliatedWith": NG.affiliatedWith, "partOf": NG.partOf, "party": NG.party}[r.predicate]
            self.fact(ex, s, p, o, r.evidence)
            if r.predicate == "affiliatedWith" and r.role:
                ms = iri(f"membership/{_h(r.subject, r.object, lx.fold(r.role))}")
                self.add((ms, RDF.type, NG.Membership))
                self.add((ms, NG.member, s))
                self.add((ms, NG.organization, o))
                self.add((ms, NG.roleLabel, Literal(r.role, lang=ex.article.lang)))
                self.add((s, NG.post, ms))
                target = merged.get(r.object)
                if target is not None and target.type == "Agency" and target.iso3:
                    self.add((ms, NG.postState, iri(f"state/{target.iso3}")))
                elif target is not None and target.type == "State":
                    self.add((ms, NG.postState, o))
                self.fact(ex, ms, NG.member, s, r.evidence)

    def agreements(self, ex: Extraction) -> None:
        for key, info in ex.agreements.items():
            node = iri(key)
            for prop, value in ((NG.date, info.date), (NG.startDate, info.start), (NG.endDate, info.end)):
                if value:
                    self.fact(ex, node, prop, _date(value), _first_ev(info, ex))
            if info.topic:
                self.add((node, NG.topic, Literal(info.topic, lang=ex.article.lang)))
            for kind, date, new_end, ev in info.events:
                evn = iri(f"agreement-event/{_h(key, kind, date, new_end)}")
                self.add((evn, RDF.type, NG.AgreementEvent))
                self.add((evn, NG.eventKind, KIND[kind]))
                if date:
                    self.add((evn, NG.date, _date(date)))
                if new_end:
                    self.add((evn, NG.endDate, _date(new_end)))
                self.fact(ex, node, NG.agreementEvent, evn, ev)

    def statements(self, ex: Extraction) -> None:
        doc = ex.article.doc_id
        for st in ex.statements:
            node = iri(f"statement/{doc}-{st.start}")
            self.add((node, RDF.type, NG.Statement))
            self.add((node, NG.quote, Literal(st.quote, lang=ex.article.lang)))
            if st.speaker:
                self.add((node, NG.speaker, iri(st.speaker)))
            if st.reported_by:
                self.add((node, NG.reportedBy, iri(st.reported_by)))
            if st.date:
                self.add((node, DCTERMS.date, _date(st.date)))
            self.evidence(node, ex, Evidence(st.evidence.sent_start, st.evidence.sent_end, st.start, st.end,
                                             st.evidence.rule, st.evidence.confidence, st.evidence.modality,
                                             st.evidence.attributed_to))


def _events(b: "GraphBuilder", ex: Extraction) -> None:
    doc = ex.article.doc_id
    for ev in ex.events:
        node = iri(f"event/{doc}-{ev.start}")
        b.add((node, RDF.type, NG.Event))
        b.add((node, NG.eventKind, KIND[ev.kind]))
        b.add((node, RDFS.label, Literal(ev.trigger, lang=ex.article.lang)))
        if ev.date:
            b.add((node, NG.date, _date(ev.date)))
        for p in ev.participants:
            b.fact(ex, node, NG.participant, iri(p), ev.evidence)
    for q in ex.quantities:
        node = iri(f"quantity/{doc}-{q.start}")
        b.add((node, RDF.type, NG.Quantity))
        b.add((node, NG.amount, Literal(q.amount, datatype=XSD.decimal)))
        b.add((node, NG.unit, Literal(q.unit)))
        b.add((node, RDFS.label, Literal(q.text, lang=ex.article.lang)))
        if q.of:
            b.add((node, NG.quantityOf, Literal(q.of, lang=ex.article.lang)))
        if q.date:
            b.add((node, NG.date, _date(q.date)))
        b.evidence(node, ex, q.evidence)


def _first_ev(info, ex: Extraction) -> Evidence:
    for _k, _d, _e, ev in info.events:
        return ev
    e = ex.entities.get(info.key)
    if e and e.mentions:
        mn = e.mentions[0]
        return Evidence(mn.sent_start, mn.sent_end, mn.start, mn.end, "agreement.date", 0.7)
    return Evidence(0, 0, 0, 0, "agreement.date", 0.5)


def build_graph(extractions: Iterable[Extraction], g: Graph | None = None) -> Graph:
    """All extractions as one graph (Oxigraph-backed unless ``g`` is given)."""
    exs = list(extractions)
    b = GraphBuilder(g)
    merged = _merge(exs)
    b.entities(merged)
    for ex in exs:
        b.add_document(ex, merged)
    from graph.crossdoc import merge_persons

    merge_persons(b.g)  # "Scholz" of one article is "Olaf Scholz" of another
    return b.g
