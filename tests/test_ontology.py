"""The ontology, its concept schemes and its SHACL shapes, tested like code.

- every Turtle file under ontology/ parses (rdflib and pyoxigraph);
- every ng: term has exactly one rdfs:label and one rdfs:comment in en and fr;
- graph.namespaces.NG lists exactly the terms declared in newsgraph.ttl;
- every kind: concept has en and fr prefLabels, a definition and a scheme;
- every shape ships a valid and an invalid example; the valid one conforms and
  the invalid one fails through that shape (asserted on sh:sourceShape).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SH, SKOS

from graph import resources
from graph.namespaces import KIND, NG
from graph.store import load_graph
from graph.validate import undeclared_terms, validate_graph

ONTOLOGY_DIR = resources.resource_dir("ontology")
EXAMPLES_DIR = ONTOLOGY_DIR / "examples"
TTL_FILES = sorted(ONTOLOGY_DIR.rglob("*.ttl"))
NGNS = str(NG._NS)
SHAPES_NS = "https://w3id.org/newsgraph/shapes#"
ONTOLOGY_IRI = URIRef("https://w3id.org/newsgraph/ontology")
TERM_TYPES = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}
GOLD_DIR = Path(__file__).resolve().parents[2] / "shared" / "gold"


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(resources.ontology_path(), format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(resources.shapes_path(), format="turtle")


def ng_terms(g: Graph) -> set[URIRef]:
    return {s for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(NGNS)}


def node_shapes(shapes: Graph) -> dict[str, URIRef]:
    """Stable node shapes by ID ("S01"...)."""
    out = {}
    for s in shapes.subjects(RDF.type, SH.NodeShape):
        m = re.fullmatch(re.escape(SHAPES_NS) + r"(S\d\d)-[A-Za-z0-9-]+", str(s))
        assert m, f"node shape {s} has no stable ID like {SHAPES_NS}S01-Topic-detail"
        assert m.group(1) not in out, f"two node shapes numbered {m.group(1)}"
        out[m.group(1)] = s
    return out


def failing_node_shapes(results: Graph, shapes: Graph) -> set[URIRef]:
    """Node shapes behind the sh:sourceShape of each result in a report graph."""
    parent = {p: n for n, p in shapes.subject_objects(SH.property)}
    return {parent.get(src, src) for src in results.objects(None, SH.sourceShape)}


# -- files -------------------------------------------------------------------


def test_there_are_ontology_files():
    names = {p.name for p in TTL_FILES}
    assert {"newsgraph.ttl", "shapes.ttl"} <= names
    assert (ONTOLOGY_DIR / "CHANGELOG.md").is_file()


@pytest.mark.parametrize("path", TTL_FILES, ids=lambda p: str(p.relative_to(ONTOLOGY_DIR)))
def test_turtle_parses_with_rdflib_and_oxigraph(path: Path):
    g = Graph().parse(path, format="turtle")
    assert len(g) > 0
    quads = list(pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(quads) == len(g)


# -- header ------------------------------------------------------------------


def test_ontology_header(onto: Graph):
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in onto
    assert onto.value(ONTOLOGY_IRI, OWL.versionIRI) == URIRef("https://w3id.org/newsgraph/ontology/0.1.0")
    assert str(onto.value(ONTOLOGY_IRI, OWL.versionInfo)) == "0.1.0"
    assert onto.value(ONTOLOGY_IRI, DCTERMS.modified) is not None
    titles = {t.language for t in onto.objects(ONTOLOGY_IRI, DCTERMS.title)}
    assert titles == {"en", "fr"}
    assert {c.language for c in onto.objects(ONTOLOGY_IRI, RDFS.comment)} == {"en", "fr"}


def test_version_iri_ends_with_version_info(onto: Graph):
    version = str(onto.value(ONTOLOGY_IRI, OWL.versionInfo))
    assert str(onto.value(ONTOLOGY_IRI, OWL.versionIRI)).endswith("/" + version)
    changelog = (ONTOLOGY_DIR / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## {version}" in changelog


# -- terms -------------------------------------------------------------------


def test_namespace_matches_ontology(onto: Graph):
    in_python = {URIRef(NGNS + name) for name in NG.__annotations__}
    declared = ng_terms(onto)
    assert in_python - declared == set(), "in graph/namespaces.py but not declared in newsgraph.ttl"
    assert declared - in_python == set(), "declared in newsgraph.ttl but missing from graph/namespaces.py"


@pytest.mark.parametrize("name", sorted(NG.__annotations__))
def test_term_is_documented_in_en_and_fr(onto: Graph, name: str):
    term = URIRef(NGNS + name)
    types = set(onto.objects(term, RDF.type)) & TERM_TYPES
    assert len(types) == 1, f"{name}: exactly one of owl:Class / ObjectProperty / DatatypeProperty, got {types}"
    for prop in (RDFS.label, RDFS.comment):
        values = list(onto.objects(term, prop))
        langs = sorted(v.language or "" for v in values if isinstance(v, Literal))
        assert langs == ["en", "fr"], f"{name}: {prop} should be exactly one @en and one @fr, got {langs}"
    assert onto.value(term, RDFS.isDefinedBy) == ONTOLOGY_IRI
    is_class = OWL.Class in types
    assert name[0].isupper() == is_class, f"{name}: classes UpperCamel, properties lowerCamel"


def test_core_classes_are_actors(onto: Graph):
    for cls in (NG.Person, NG.State, NG.Agency):
        assert (cls, RDFS.subClassOf, NG.Actor) in onto


def test_datatype_and_object_properties(onto: Graph):
    literal_valued = {NG.date, NG.startDate, NG.endDate, NG.quote, NG.confidence, NG.mentionCount,
                      NG.isoCode, NG.topic, NG.roleLabel, NG.amount, NG.unit, NG.contentHash}
    for term in literal_valued:
        assert (term, RDF.type, OWL.DatatypeProperty) in onto, term
    assert onto.value(NG.confidence, RDFS.range) == URIRef("http://www.w3.org/2001/XMLSchema#decimal")
    assert onto.value(NG.mentionCount, RDFS.range) == URIRef("http://www.w3.org/2001/XMLSchema#integer")
    for term in (NG.affiliatedWith, NG.partOf, NG.party, NG.speaker, NG.member, NG.organization):
        assert (term, RDF.type, OWL.ObjectProperty) in onto, term


def test_alignments_never_use_equivalence_to_foreign_vocabularies(onto: Graph):
    for s, o in onto.subject_objects(OWL.equivalentClass):
        assert str(o).startswith(NGNS), f"{s} owl:equivalentClass {o}: use rdfs:subClassOf or skos:closeMatch"
    for s, o in onto.subject_objects(OWL.equivalentProperty):
        assert str(o).startswith(NGNS), f"{s} owl:equivalentProperty {o}"
    assert (NG.State, SKOS.closeMatch, URIRef("http://www.wikidata.org/entity/Q6256")) in onto
    org = "http://www.w3.org/ns/org#"
    assert (NG.Membership, RDFS.subClassOf, URIRef(org + "Membership")) in onto
    assert (NG.partOf, RDFS.subPropertyOf, URIRef(org + "subOrganizationOf")) in onto
    assert (NG.speaker, RDFS.subPropertyOf, URIRef("http://www.w3.org/ns/prov#wasAttributedTo")) in onto


def test_alignment_targets_are_not_misspelt(onto: Graph):
    """Catch W3C ORG's own "org:subOrganzationOf" kind of typo in our alignments."""
    known = {
        "http://www.w3.org/ns/org#": {"Organization", "FormalOrganization", "Membership", "memberOf", "member",
                                      "organization", "hasMembership", "subOrganizationOf", "role"},
        "http://www.w3.org/ns/prov#": {"Agent", "Person", "SoftwareAgent", "Entity", "wasAttributedTo",
                                       "wasAssociatedWith"},
        "http://xmlns.com/foaf/0.1/": {"Person"},
        "https://schema.org/": {"Person", "Country", "Organization", "CreativeWork", "Quotation", "NewsArticle",
                                "Event", "QuantitativeValue", "creator", "text", "startDate", "endDate", "value",
                                "unitText"},
    }
    for s, p, o in onto.triples((None, None, None)):
        if p not in (RDFS.subClassOf, RDFS.subPropertyOf, RDFS.seeAlso, SKOS.closeMatch) or not isinstance(o, URIRef):
            continue
        for ns, names in known.items():
            if str(o).startswith(ns):
                assert str(o)[len(ns):] in names, f"{s} {p} {o}: unknown term in {ns}"


def test_no_undeclared_ng_terms_in_any_file():
    for path in TTL_FILES:
        g = Graph().parse(path, format="turtle")
        assert undeclared_terms(g) == set(), path


# -- concept schemes -----------------------------------------------------------


def test_concept_schemes(onto: Graph):
    schemes = set(onto.subjects(RDF.type, SKOS.ConceptScheme))
    assert {KIND.AgencyKinds, KIND.AgreementKinds, KIND.Modalities, KIND.EventKinds} <= schemes
    for scheme in schemes:
        assert sorted(v.language for v in onto.objects(scheme, SKOS.prefLabel)) == ["en", "fr"]


def test_every_concept_has_labels_definition_and_scheme(onto: Graph):
    concepts = set(onto.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) >= 43
    for c in concepts:
        assert str(c).startswith(str(KIND)), c
        langs = sorted(v.language for v in onto.objects(c, SKOS.prefLabel))
        assert langs == ["en", "fr"], f"{c}: prefLabel {langs}"
        assert [v.language for v in onto.objects(c, SKOS.definition)] == ["en"], c
        scheme_list = list(onto.objects(c, SKOS.inScheme))
        assert len(scheme_list) == 1 and (scheme_list[0], RDF.type, SKOS.ConceptScheme) in onto, c


@pytest.mark.parametrize("scheme, property_shape", [
    ("AgencyKinds", "S14-kind-agency"), ("AgreementKinds", "S14-kind-agreement"),
    ("EventKinds", "S14-kind-event"), ("Modalities", "S14-kind-modality"),
])
def test_shape_value_lists_match_concept_schemes(onto: Graph, shapes: Graph, scheme: str, property_shape: str):
    listed = set(Collection(shapes, shapes.value(URIRef(SHAPES_NS + property_shape), SH["in"])))
    in_scheme = set(onto.subjects(SKOS.inScheme, KIND[scheme]))
    assert listed == in_scheme


# -- shapes and their examples -----------------------------------------------------


def test_shapes_have_messages_and_stable_ids(shapes: Graph):
    ids = node_shapes(shapes)
    assert sorted(ids) == [f"S{i:02d}" for i in range(1, len(ids) + 1)], "shape numbers are contiguous"
    for sid, shape in ids.items():
        assert [m.language for m in shapes.objects(shape, SH.message)] == ["en"], shape
        for prop in shapes.objects(shape, SH.property):
            assert isinstance(prop, URIRef) and str(prop).startswith(f"{SHAPES_NS}{sid}-"), \
                f"{prop}: property shapes of {sid} are named {sid}-..."
            assert [m.language for m in shapes.objects(prop, SH.message)] == ["en"], prop


def test_every_example_belongs_to_a_shape(shapes: Graph):
    ids = node_shapes(shapes)
    for path in EXAMPLES_DIR.glob("*"):
        m = re.fullmatch(r"(S\d\d)-(valid|invalid)-\d\d\.ttl", path.name)
        assert m, f"unexpected file in examples/: {path.name}"
        assert m.group(1) in ids, f"{path.name}: no shape {m.group(1)}"


def _shape_ids() -> list[str]:
    g = Graph().parse(resources.shapes_path(), format="turtle")
    return sorted(node_shapes(g))


@pytest.mark.parametrize("sid", _shape_ids())
def test_shape_has_valid_and_invalid_examples(sid: str):
    assert sorted(EXAMPLES_DIR.glob(f"{sid}-valid-*.ttl")), f"{sid}: no valid example"
    assert sorted(EXAMPLES_DIR.glob(f"{sid}-invalid-*.ttl")), f"{sid}: no invalid example"


VALID = sorted(EXAMPLES_DIR.glob("S??-valid-*.ttl"))
INVALID = sorted(EXAMPLES_DIR.glob("S??-invalid-*.ttl"))


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_example_conforms(path: Path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# Valid: "), f"{path.name}: first line must say what it shows"
    for g in (Graph().parse(path, format="turtle"), load_graph(path)):  # in-memory and Oxigraph
        report = validate_graph(g)
        assert report.conforms, report.text


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_invalid_example_fails_through_its_shape(path: Path, shapes: Graph):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# Invalid: "), f"{path.name}: first line must say what is invalid"
    shape = node_shapes(shapes)[path.name[:3]]
    for g in (Graph().parse(path, format="turtle"), load_graph(path)):
        report = validate_graph(g)
        assert not report.conforms
        # asserted on the report graph (sh:sourceShape), not on its text; and only through that shape
        assert failing_node_shapes(report.results, shapes) == {shape}


# -- hygiene -------------------------------------------------------------------------


def test_ontology_names_nothing_from_the_seed_articles():
    """Reference data must not leak the seed article (tests may name it, the ontology must not)."""
    gold = sorted(GOLD_DIR.glob("*.json")) if GOLD_DIR.is_dir() else []
    if not gold:
        pytest.skip("no gold files beside the checkout")
    names = set()
    for path in gold:
        for entity in json.loads(path.read_text(encoding="utf-8")).get("entities", []):
            names.update(a for a in entity.get("aliases", []) if len(a) >= 4 and a[0].isupper())  # proper names
    text = "\n".join(p.read_text(encoding="utf-8") for p in TTL_FILES)
    found = sorted(n for n in names if re.search(r"(?<!\w)" + re.escape(n) + r"(?!\w)", text))
    assert found == []
