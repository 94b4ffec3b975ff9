"""graph.validate (validate_graph, undeclared_terms) and ``newsgraph validate``."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH

from graph import resources
from graph.cli import main
from graph.errors import GraphFileError
from graph.namespaces import ID, NG
from graph.store import new_graph
from graph.validate import ResultDetail, ValidationReport, Violation, undeclared_terms, validate_graph

SHP = "https://w3id.org/newsgraph/shapes#"
XSD_DECIMAL = URIRef("http://www.w3.org/2001/XMLSchema#decimal")
EXAMPLES = resources.resource_dir("ontology") / "examples"

PREFIXES = """
@prefix ng:   <https://w3id.org/newsgraph/ontology#> .
@prefix rdf:  <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:  <http://www.w3.org/2001/XMLSchema#> .
"""

GOOD = PREFIXES + """
<https://w3id.org/newsgraph/id/person/ana-ferreira> a ng:Person ; rdfs:label "Ana Ferreira"@fr ;
    ng:affiliatedWith <https://w3id.org/newsgraph/id/state/PRT> .
<https://w3id.org/newsgraph/id/state/PRT> a ng:State ; rdfs:label "Portugal"@fr , "Portugal"@en .
<https://w3id.org/newsgraph/id/statement/d-1> a ng:Statement ;
    ng:speaker <https://w3id.org/newsgraph/id/person/ana-ferreira> ;
    ng:quote "Bonjour."@fr ; ng:confidence 0.8 .
"""

NO_SPEAKER = PREFIXES + """
<https://w3id.org/newsgraph/id/statement/d-1> a ng:Statement ; ng:quote "Bonjour."@fr .
"""


def turtle(data: str) -> Graph:
    return Graph().parse(data=data, format="turtle")


# -- validate_graph ----------------------------------------------------------------


def test_conforming_graph():
    report = validate_graph(turtle(GOOD))
    assert isinstance(report, ValidationReport)
    assert report.conforms is True
    assert report.violations == [] and report.details == []
    assert "Conforms: True" in report.text
    assert list(report.results.objects(None, SH.conforms)) == [Literal(True)]


def test_missing_speaker_is_reported_against_the_stable_shape():
    report = validate_graph(turtle(NO_SPEAKER))
    assert report.conforms is False
    assert report.violations == [
        Violation(ID["statement/d-1"], URIRef(SHP + "S01-Statement-speaker"),
                  "A statement has exactly one ng:speaker, a Person, State or Agency."),
    ]
    focus, shape, message = report.violations[0]  # a plain (focus, shape, message) tuple
    assert shape == URIRef(SHP + "S01-Statement-speaker")
    # the report graph names the property shape that failed
    assert set(report.results.objects(None, SH.sourceShape)) == {URIRef(SHP + "S01-Statement-speaker-value")}
    [detail] = report.details
    assert isinstance(detail, ResultDetail)
    assert detail.path == NG.speaker and detail.component == SH.MinCountConstraintComponent


def test_report_is_frozen():
    report = validate_graph(turtle(GOOD))
    with pytest.raises(AttributeError):
        report.conforms = False  # type: ignore[misc]


def test_oxigraph_backed_graph_is_validated_and_left_unchanged():
    g = new_graph()
    g.parse(data=NO_SPEAKER, format="turtle")
    before = len(g)
    report = validate_graph(g)
    assert not report.conforms
    assert [str(v.shape) for v in report.violations] == [SHP + "S01-Statement-speaker"]
    assert len(g) == before


def test_dataset_is_validated_as_the_union_of_its_graphs():
    """A speaker typed in one document's graph satisfies a statement in another's."""
    full = turtle(GOOD)
    ds = Dataset()
    people = ds.graph(URIRef("https://w3id.org/newsgraph/id/doc/a"))
    statements = ds.graph(URIRef("https://w3id.org/newsgraph/id/doc/b"))
    for s, p, o in full:
        (statements if (s, RDF.type, NG.Statement) in full else people).add((s, p, o))
    assert validate_graph(ds).conforms


def test_wrong_types_and_datatypes():
    data = PREFIXES + """
    <https://w3id.org/newsgraph/id/agency/x> a ng:Agency ; rdfs:label "X"@fr ;
        ng:partOf <https://w3id.org/newsgraph/id/person/y> .
    <https://w3id.org/newsgraph/id/person/y> a ng:Person ; rdfs:label "Y"@fr , "Y bis"@fr .
    <https://w3id.org/newsgraph/id/agreement/z> a ng:Agreement ; rdfs:label "Z"@fr ;
        ng:party <https://w3id.org/newsgraph/id/agency/x> ; ng:endDate "2027-13"^^xsd:gYearMonth .
    """
    report = validate_graph(turtle(data))
    shapes = {str(v.shape).removeprefix(SHP) for v in report.violations}
    assert shapes == {"S04-partOf-Agency", "S06-dates-datatype", "S07-Entity-label"}


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.decimals(min_value=-5, max_value=5, allow_nan=False, allow_infinity=False, places=3))
def test_confidence_must_be_between_0_and_1(value: Decimal):
    g = turtle(GOOD)
    statement = ID["statement/d-1"]
    g.set((statement, NG.confidence, Literal(value, datatype=XSD_DECIMAL)))
    report = validate_graph(g)
    assert report.conforms == (0 <= value <= 1)
    if not report.conforms:
        assert {str(v.shape) for v in report.violations} == {SHP + "S09-confidence-range"}


def test_double_confidence_is_rejected():
    g = turtle(GOOD)
    g.set((ID["statement/d-1"], NG.confidence, Literal(0.8)))  # Python float -> xsd:double
    assert not validate_graph(g).conforms


def test_custom_shapes_graph_and_file(tmp_path: Path):
    only_labels = PREFIXES + """
    @prefix sh: <http://www.w3.org/ns/shacl#> .
    <urn:x:labels> a sh:NodeShape ; sh:targetClass ng:Statement ;
        sh:property [ sh:path rdfs:label ; sh:minCount 1 ] .
    """
    report = validate_graph(turtle(NO_SPEAKER), shapes=turtle(only_labels))
    assert [str(v.shape) for v in report.violations] == ["urn:x:labels"]
    path = tmp_path / "shapes.ttl"
    path.write_text(only_labels, encoding="utf-8")
    assert validate_graph(turtle(NO_SPEAKER), shapes=path).violations == report.violations


def test_missing_or_broken_shapes_file(tmp_path: Path):
    with pytest.raises(GraphFileError, match="not found"):
        validate_graph(turtle(GOOD), shapes=tmp_path / "nope.ttl")
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(GraphFileError, match="bad.ttl"):
        validate_graph(turtle(GOOD), shapes=bad)


# -- undeclared_terms -----------------------------------------------------------------


def test_undeclared_terms_finds_misspelt_predicates_and_classes():
    g = turtle(GOOD)
    assert undeclared_terms(g) == set()
    typo_p = URIRef(str(NG._NS) + "afiliatedWith")
    typo_c = URIRef(str(NG._NS) + "Country")
    g.add((ID["person/ana-ferreira"], typo_p, ID["state/PRT"]))
    g.add((ID["state/PRT"], RDF.type, typo_c))
    g.add((ID["state/PRT"], RDFS.seeAlso, URIRef("https://example.org/not-ng")))
    assert undeclared_terms(g) == {typo_p, typo_c}


def test_undeclared_terms_on_oxigraph_and_dataset():
    typo = URIRef(str(NG._NS) + "speakr")
    g = new_graph()
    g.add((ID["statement/d-1"], typo, ID["person/x"]))
    assert undeclared_terms(g) == {typo}
    ds = Dataset()
    ds.graph(URIRef("urn:g")).add((ID["statement/d-1"], typo, ID["person/x"]))
    assert undeclared_terms(ds) == {typo}


# -- CLI -------------------------------------------------------------------------------


def test_cli_conforming_graph_exits_0(capsys):
    assert main(["validate", "--graph", str(EXAMPLES / "S13-valid-01.ttl")]) == 0
    out = capsys.readouterr().out
    assert "conforms" in out and "does not" not in out


def test_cli_non_conforming_graph_exits_1(capsys):
    assert main(["validate", "--graph", str(EXAMPLES / "S13-invalid-01.ttl")]) == 1
    out = capsys.readouterr().out
    assert "does not conform" in out
    assert "S13-Membership-member" in out and "ng:organization" in out


def test_cli_turtle_output_is_the_report_graph(capsys):
    assert main(["validate", "--graph", str(EXAMPLES / "S01-invalid-01.ttl"), "--format", "turtle"]) == 1
    results = Graph().parse(data=capsys.readouterr().out, format="turtle")
    assert (None, RDF.type, SH.ValidationReport) in results
    assert URIRef(SHP + "S01-Statement-speaker-value") in set(results.objects(None, SH.sourceShape))


def test_cli_missing_file_exits_2(tmp_path: Path, capsys):
    assert main(["validate", "--graph", str(tmp_path / "missing.ttl")]) == 2
    assert "missing.ttl" in capsys.readouterr().err


def test_cli_invalid_turtle_exits_2(tmp_path: Path, capsys):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    assert main(["validate", "--graph", str(bad)]) == 2
    assert "bad.ttl" in capsys.readouterr().err


def test_cli_missing_graph_option_exits_2(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["validate"])
    assert exc.value.code == 2


def test_cli_undeclared_terms_warn_and_fail_only_when_strict(tmp_path: Path, capsys):
    path = tmp_path / "g.ttl"
    path.write_text(GOOD + "<https://w3id.org/newsgraph/id/state/PRT> ng:isoCod \"PRT\" .\n", encoding="utf-8")
    assert main(["validate", "--graph", str(path)]) == 0
    assert "ng:isoCod" in capsys.readouterr().out
    assert main(["validate", "--graph", str(path), "--strict"]) == 1


def test_cli_custom_shapes(tmp_path: Path):
    assert main(["validate", "--graph", str(EXAMPLES / "S01-invalid-01.ttl"),
                 "--shapes", str(EXAMPLES / "S01-valid-01.ttl")]) == 0  # a file with no shapes: nothing to violate
    assert main(["validate", "--graph", str(EXAMPLES / "S01-valid-01.ttl"),
                 "--shapes", str(tmp_path / "none.ttl")]) == 2


def test_cli_help_mentions_exit_codes(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["validate", "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert "--graph" in out and "--format" in out and "Exit codes" in out
