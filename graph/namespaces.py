"""RDF namespaces used by newsgraph.

``NG`` is closed: a misspelt term raises ``AttributeError`` instead of minting a
new IRI.  ``tests/test_ontology.py`` checks that it lists exactly the terms
declared in ``ontology/newsgraph.ttl``.
"""
from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

__all__ = [
    "NG", "ID", "KIND", "NIF", "SCHEMA", "DCTERMS", "FOAF", "ORG", "OWL", "PROV", "RDF",
    "RDFS", "SKOS", "XSD", "PREFIXES", "bind_prefixes",
]

ID = Namespace("https://w3id.org/newsgraph/id/")
KIND = Namespace("https://w3id.org/newsgraph/kind/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
SCHEMA = Namespace("https://schema.org/")


class NG(DefinedNamespace):
    """The newsgraph ontology (``ontology/newsgraph.ttl``)."""

    _fail = True
    _NS = Namespace("https://w3id.org/newsgraph/ontology#")

    # classes
    Actor: URIRef
    Person: URIRef
    State: URIRef
    Agency: URIRef
    Agreement: URIRef
    Statement: URIRef
    Document: URIRef
    Membership: URIRef
    Mention: URIRef
    Sentence: URIRef
    Assertion: URIRef
    Extractor: URIRef
    AgreementEvent: URIRef
    Event: URIRef
    Quantity: URIRef
    # core relations
    affiliatedWith: URIRef
    partOf: URIRef
    party: URIRef
    date: URIRef
    startDate: URIRef
    endDate: URIRef
    speaker: URIRef
    quote: URIRef
    # entities
    mentionCount: URIRef
    documentCount: URIRef
    isoCode: URIRef
    agencyKind: URIRef
    agreementKind: URIRef
    topic: URIRef
    agreementEvent: URIRef
    eventKind: URIRef
    reportedBy: URIRef
    # posts
    post: URIRef
    member: URIRef
    organization: URIRef
    roleLabel: URIRef
    postState: URIRef
    # events and quantities
    participant: URIRef
    amount: URIRef
    unit: URIRef
    quantityOf: URIRef
    # provenance
    contentHash: URIRef
    mentionOf: URIRef
    inSentence: URIRef
    inDocument: URIRef
    confidence: URIRef
    extractedBy: URIRef
    modality: URIRef
    attributedTo: URIRef


PREFIXES: dict[str, Namespace | str] = {
    "ng": str(NG._NS),
    "id": ID,
    "kind": KIND,
    "nif": NIF,
    "schema": SCHEMA,
    "dcterms": DCTERMS,
    "foaf": FOAF,
    "org": ORG,
    "owl": OWL,
    "prov": PROV,
    "rdf": RDF,
    "rdfs": RDFS,
    "skos": SKOS,
    "xsd": XSD,
}


def bind_prefixes(g) -> None:
    """Bind the project's prefixes on an rdflib graph (no I/O)."""
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, Namespace(str(ns)), override=True, replace=True)
