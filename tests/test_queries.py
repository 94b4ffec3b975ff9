"""Tests of the SPARQL query library (queries/*.rq), graph.query and `newsgraph query`."""
from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.sparql import prepareQuery

from graph.cli import main
from graph.errors import QueryError, UsageError
from graph.namespaces import ID, NG, PREFIXES
from graph.query import (QueryResult, available_queries, format_result, load_query, parse_params,
                         query_info, run_query)
from graph.resources import queries_dir
from graph.store import new_graph

DATA = Path(__file__).parent / "data" / "sample_graph.ttl"
NS = {k: str(v) for k, v in PREFIXES.items()}
ALL = available_queries()

P = lambda s: ID[f"person/{s}"]  # noqa: E731
S = lambda c: ID[f"state/{c}"]  # noqa: E731
A = lambda s: ID[f"agency/{s}"]  # noqa: E731
MEMO = ID["agreement/memorandum-d-entente-sur-l-observation-de-la-terre"]
PROG = ID["agreement/programme-de-cooperation-scientifique"]


@pytest.fixture(scope="module")
def g() -> Graph:
    graph = new_graph()
    graph.parse(DATA, format="turtle")
    return graph


@pytest.fixture(scope="module")
def mem(g) -> Graph:
    """The same data in rdflib's own store: queries must behave the same in both engines."""
    m = Graph()
    m += g
    return m


def run(graph, name, **params):
    _, text = load_query(name)
    return run_query(graph, text, params, name=name)


def col(result: QueryResult, *names):
    idx = [result.columns.index(n) for n in names]
    return sorted(tuple(None if row[i] is None else row[i] for i in idx) for row in result.rows)


# --------------------------------------------------------------------------- the files

def test_library_has_the_queries():
    for name in ["posts_by_state", "agencies_by_state", "agreements", "statements", "state_ties", "evidence",
                 "most_mentioned", "documents_per_entity", "entity_aliases", "timeline"]:
        assert name in ALL
    assert not any("violation" in n for n in ALL)  # data checks live in ontology/checks (newsgraph check)


@pytest.mark.parametrize("name", sorted(ALL))
def test_every_query_parses_and_has_a_header(name):
    path = ALL[name]
    prepareQuery(path.read_text(encoding="utf-8"), initNs=NS)
    info = query_info(path)
    assert set(info.required) <= set(info.parameters)
    assert info.name == name
    assert path.read_text(encoding="utf-8").startswith(f"# {path.name} — ")
    assert info.description and info.columns
    assert "Parameters:" in path.read_text(encoding="utf-8")
    # the declared columns are exactly the projected variables, in order
    res = run_query(new_graph(), path.read_text(encoding="utf-8"), name=name)
    assert tuple(res.columns) == info.columns
    # every declared parameter is a column (engines only bind projected variables)
    assert set(info.parameters) <= set(info.columns)


# --------------------------------------------------------------------------- expected rows

def test_posts_by_state(g):
    res = run(g, "posts_by_state")
    assert col(res, "state", "person", "role", "organization") == sorted([
        (S("FRA"), P("helene-marchetti"), Literal("ministre de l'Europe et des Affaires étrangères", lang="fr"),
         A("ministere-de-l-europe-et-des-affaires-etrangeres")),
        (S("FRA"), P("mathieu-roussel"), Literal("président du Centre national d'études spatiales", lang="fr"),
         A("centre-national-d-etudes-spatiales")),
        (S("BRA"), P("paulo-ferreira-lima"), Literal("président de l'Agence spatiale brésilienne", lang="fr"),
         A("agence-spatiale-bresilienne")),
        (S("JPN"), P("aiko-tanabe"), Literal("ambassadrice du Japon en France", lang="fr"), S("JPN")),
        (S("DEU"), P("jonas-albrecht"), Literal("ministre fédéral des Affaires étrangères", lang="fr"),
         A("ministere-federal-des-affaires-etrangeres")),
        (S("DEU"), P("klara-weiss"), Literal("députée", lang="fr"), A("bundestag")),
    ])


def test_agencies_by_state(g):
    res = run(g, "agencies_by_state")
    K = lambda k: URIRef(NS["kind"] + k)  # noqa: E731
    assert col(res, "state", "agency", "kind") == sorted([
        (S("FRA"), A("ministere-de-l-europe-et-des-affaires-etrangeres"), K("ministry")),
        (S("FRA"), A("centre-national-d-etudes-spatiales"), K("spaceAgency")),
        (S("FRA"), A("radio-horizon"), K("stateMedia")),
        (S("DEU"), A("ministere-federal-des-affaires-etrangeres"), K("ministry")),
        (S("DEU"), A("bundestag"), K("legislature")),
        (S("BRA"), A("agence-spatiale-bresilienne"), K("spaceAgency")),
    ])


def test_agreements(g):
    res = run(g, "agreements")
    rows = [(a, p, *(None if v is None else str(v) for v in rest))
            for a, p, *rest in col(res, "agreement", "party", "date", "startDate", "endDate")]
    assert rows == sorted([
        (MEMO, A("centre-national-d-etudes-spatiales"), "2023-03", None, None),
        (MEMO, A("agence-spatiale-bresilienne"), "2023-03", None, None),
        (PROG, S("FRA"), None, "2018", "2025-12-31"),
        (PROG, S("DEU"), None, "2018", "2025-12-31"),
        (PROG, S("JPN"), None, "2018", "2025-12-31"),
    ])
    dates = {str(r[res.columns.index("date")]): r[res.columns.index("date")].datatype for r in res.rows
             if r[res.columns.index("date")] is not None}
    assert dates == {"2023-03": URIRef("http://www.w3.org/2001/XMLSchema#gYearMonth")}


def test_statements(g):
    res = run(g, "statements")
    assert [(str(d), sp, str(q), rb, doc) for d, sp, q, rb, doc in
            col(res, "date", "speaker", "quote", "reportedBy", "document")] == [
        ("2023-03-14", P("helene-marchetti"), "Ce mémorandum ouvre une nouvelle étape pour nos deux pays",
         A("radio-horizon"), ID["doc/aurora-2023-03-14"]),
        ("2023-03-14", P("paulo-ferreira-lima"), "Nous partagerons nos données satellitaires dès cette année",
         A("radio-horizon"), ID["doc/aurora-2023-03-14"]),
        ("2023-06-02", P("jonas-albrecht"), "Notre programme de coopération scientifique est un modèle",
         A("radio-horizon"), ID["doc/sommet-2023-06-02"]),
    ]


def test_state_ties(g):
    res = run(g, "state_ties")
    rows = [(s, p, int(n), sorted(str(a).split(" | "))) for s, p, n, a in
            col(res, "state", "partner", "agreementCount", "agreements")]
    memo, prog = ["mémorandum d'entente sur l'observation de la Terre"], ["programme de coopération scientifique"]
    pairs = [("FRA", "BRA", memo), ("FRA", "DEU", prog), ("FRA", "JPN", prog), ("DEU", "JPN", prog)]
    expected = []
    for a, b, ags in pairs:
        expected += [(S(a), S(b), 1, ags), (S(b), S(a), 1, ags)]
    assert rows == sorted(expected)


def test_evidence_points_at_the_text(g):
    res = run(g, "evidence", entity=P("klara-weiss"))
    rows = col(res, "role", "predicate", "object", "document", "sentence", "begin", "end", "text", "extractor")
    assert [(str(r[0]), r[1], r[2], r[3], r[4], int(r[5]), int(r[6]), str(r[7]), r[8]) for r in rows] == [
        ("subject", NG.affiliatedWith, A("bundestag"), ID["doc/sommet-2023-06-02"],
         ID["sentence/sommet-2023-06-02-362"], 362, 405, "La députée Klara Weiss, membre du Bundestag",
         ID["rule/role-apposition"]),
        ("subject", NG.affiliatedWith, S("DEU"), ID["doc/sommet-2023-06-02"],
         ID["sentence/sommet-2023-06-02-362"], 362, 405, "La députée Klara Weiss, membre du Bundestag",
         ID["rule/role-apposition"]),
    ]
    roles = {str(r) for (r,) in col(res, "role")}
    assert roles == {"subject"}


def test_evidence_covers_every_assertion(g):
    res = run(g, "evidence")
    assertions = set(g.subjects(URIRef(NS["rdf"] + "type"), NG.Assertion))
    assert {r[res.columns.index("assertion")] for r in res.rows} == assertions
    # every evidence text is exactly the span [begin, end)
    for row in res.rows:
        begin, end, text = (row[res.columns.index(c)] for c in ("begin", "end", "text"))
        assert len(str(text)) == int(end) - int(begin)


def test_most_mentioned(g):
    res = run(g, "most_mentioned")
    got = [(e, c, int(m), int(d)) for e, c, m, d in col(res, "entity", "class", "mentions", "documents")]
    assert len(got) == 16
    top = [(r[0], int(r[3])) for r in res.rows[:4]]
    assert {e for e, _ in top} == {S("FRA"), S("JPN"), P("helene-marchetti"), A("radio-horizon")}
    assert all(n == 3 for _, n in top)
    assert (P("klara-weiss"), NG.Person, 1, 1) in got
    assert (S("BRA"), NG.State, 1, 1) in got
    counts = [int(r[3]) for r in res.rows]
    assert counts == sorted(counts, reverse=True)


def test_documents_per_entity(g):
    res = run(g, "documents_per_entity", entity=S("FRA"))
    assert [(d, int(n)) for d, n in col(res, "document", "mentions")] == [
        (ID["doc/aurora-2023-03-14"], 1), (ID["doc/sommet-2023-06-02"], 2)]
    assert len(run(g, "documents_per_entity").rows) == 23


def test_entity_aliases(g):
    res = run(g, "entity_aliases")
    got = {e: (str(lab), sorted(filter(None, str(alt or "").split(" | ")))) for e, lab, alt in
           col(res, "entity", "label", "altLabels")}
    assert len(got) == 18
    assert got[P("helene-marchetti")] == ("Hélène Marchetti", ["Marchetti", "Mme Marchetti"])
    assert got[S("BRA")] == ("Brésil", ["Brasilia"])
    assert got[A("centre-national-d-etudes-spatiales")] == ("Centre national d'études spatiales", ["CNES"])
    assert got[P("klara-weiss")] == ("Klara Weiss", [])


def test_timeline_in_date_order(g):
    res = run(g, "timeline")
    ev = ID["event/programme-de-cooperation-scientifique-extension-2023-06-01"]
    assert [(str(r[0]), r[1], r[2]) for r in res.rows] == [
        ("2018", NG.startDate, PROG),
        ("2023-03", NG.date, MEMO),
        ("2023-06-01", NG.date, ev),
        ("2025-12-31", NG.endDate, PROG),
        ("2030", NG.endDate, ev),
    ]


# --------------------------------------------------------------------------- parameters filter

@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
@pytest.mark.parametrize("name,param,value,column", [
    ("posts_by_state", "state", S("DEU"), "state"),
    ("agencies_by_state", "state", S("FRA"), "state"),
    ("state_ties", "state", S("JPN"), "state"),
    ("agreements", "party", S("DEU"), "party"),
    ("agreements", "agreement", MEMO, "agreement"),
    ("statements", "speaker", P("jonas-albrecht"), "speaker"),
    ("evidence", "entity", S("FRA"), "entity"),
    ("document_evidence", "document", ID["doc/sommet-2023-06-02"], "document"),
    ("most_mentioned", "class", NG.Agency, "class"),
    ("documents_per_entity", "entity", P("aiko-tanabe"), "entity"),
    ("entity_aliases", "entity", S("BRA"), "entity"),
    ("timeline", "agreement", PROG, "agreement"),
])
def test_parameters_filter(g, mem, engine, name, param, value, column):
    graph = g if engine == "oxigraph" else mem
    everything = run(graph, name)
    filtered = run(graph, name, **{param: value})
    i = filtered.columns.index(column)
    assert filtered.rows, f"{name} ?{param}={value} returned nothing"
    assert {r[i] for r in filtered.rows} == {value}
    assert len(filtered.rows) < len(everything.rows)
    # exactly the rows of the unfiltered result that have this value (as a set of strings)
    j = everything.columns.index(column)
    expected = sorted(tuple(map(str, r)) for r in everything.rows if r[j] == value)
    if name not in ("state_ties", "entity_aliases"):  # GROUP_CONCAT order is engine-defined
        assert sorted(tuple(map(str, r)) for r in filtered.rows) == expected
    else:
        assert len(filtered.rows) == len(expected)
    assert filtered.columns == everything.columns


def test_state_param_by_iso_code(g):
    res = run_query(g, load_query("posts_by_state")[1], parse_params(["state=bra"]))
    assert col(res, "person") == [(P("paulo-ferreira-lima"),)]


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
@pytest.mark.parametrize("value", ['x" } ; DROP ALL ; {', "x' } UNION { ?s ?p ?o }", "France", '"France"@fr'])
def test_injection_is_a_literal(g, mem, engine, value):
    graph = g if engine == "oxigraph" else mem
    size = len(graph)
    params = parse_params([f"state={value}"])
    assert isinstance(params["state"], Literal) and str(params["state"]) == value
    res = run_query(graph, load_query("posts_by_state")[1], params)
    assert res.rows == []
    assert len(graph) == size


def test_unknown_parameter_is_an_error(g):
    with pytest.raises(QueryError, match=r"\?nope is not one of its columns"):
        run(g, "posts_by_state", nope=S("FRA"))


# --------------------------------------------------------------------------- API details

def test_load_query_forms(tmp_path):
    name, text = load_query("agreements")
    assert name == "agreements" and "ng:party" in text
    assert load_query("agreements.rq")[0] == "agreements"
    f = tmp_path / "mine.rq"
    f.write_text("SELECT * WHERE { ?s ?p ?o }", encoding="utf-8")
    assert load_query(str(f)) == ("mine", "SELECT * WHERE { ?s ?p ?o }")
    assert load_query("select ?s where { ?s a ng:Person }")[0] == "<inline>"
    with pytest.raises(QueryError, match="unknown query 'nosuch'.*posts_by_state"):
        load_query("nosuch")
    with pytest.raises(QueryError, match="not found"):
        load_query(str(tmp_path / "missing.rq"))


def test_parse_params_forms():
    p = parse_params(["a=<https://example.org/x>", "b=https://example.org/y", "c=id:state/RUS", "d=ng:Person",
                      "state=rus", "e=42", "f=unknown:thing", "postState=DEU", "g=a=b"])
    assert p["a"] == URIRef("https://example.org/x")
    assert p["b"] == URIRef("https://example.org/y")
    assert p["c"] == S("RUS")
    assert p["d"] == NG.Person
    assert p["state"] == S("RUS")
    assert p["e"] == Literal("42")
    assert p["f"] == Literal("unknown:thing")
    assert p["postState"] == S("DEU")
    assert p["g"] == Literal("a=b")
    for bad in ["noequals", "=x", "bad name=1"]:
        with pytest.raises(UsageError):
            parse_params([bad])
    with pytest.raises(UsageError):
        parse_params(["a=<https://exa mple.org/>"])


def test_parse_error_names_query_and_line():
    with pytest.raises(QueryError) as exc:
        run_query(new_graph(), "SELECT ?s\nWHERE { ?s ?p }\n", name="broken")
    msg = str(exc.value)
    assert "broken" in msg and "line 2" in msg and "\n" not in msg


def test_ask_and_construct(g):
    assert run_query(g, "ASK { ?s a ng:Person }").boolean is True
    assert format_result(run_query(g, "ASK { ?s a ng:Nothing }"), "json") == '{"head": {}, "boolean": false}'
    res = run_query(g, "CONSTRUCT { ?p ng:affiliatedWith ?o } WHERE { ?p a ng:Person ; ng:affiliatedWith ?o }")
    assert res.kind == "CONSTRUCT" and len(res.graph) == 11
    assert "affiliatedWith" in format_result(res, "table")


def test_formats(g):
    res = run(g, "agencies_by_state", state=S("BRA"))
    table = format_result(res, "table").splitlines()
    assert table[0].split() == res.columns
    assert "id:agency/agence-spatiale-bresilienne" in table[2]
    assert table[-1] == "(1 row)"
    rows = list(csv.reader(io.StringIO(format_result(res, "csv"))))
    assert rows[0] == res.columns
    assert rows[1][:3] == [str(S("BRA")), "Brésil", str(A("agence-spatiale-bresilienne"))]
    doc = json.loads(format_result(res, "json"))
    assert doc["head"]["vars"] == res.columns
    b = doc["results"]["bindings"][0]
    assert b["state"] == {"type": "uri", "value": str(S("BRA"))}
    assert b["stateLabel"] == {"type": "literal", "value": "Brésil", "xml:lang": "fr"}


# --------------------------------------------------------------------------- CLI

@pytest.fixture()
def graph_file(tmp_path):
    p = tmp_path / "graph.ttl"
    shutil.copy(DATA, p)
    return str(p)


def test_cli_table(graph_file, capsys):
    assert main(["query", "posts_by_state", "--graph", graph_file, "--param", "state=FRA"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split()[:3] == ["state", "stateLabel", "person"]
    assert out[-1] == "(2 rows)"
    assert any("id:person/helene-marchetti" in line for line in out)


def test_cli_csv(graph_file, capsys):
    assert main(["query", "statements", "-g", graph_file, "-f", "csv", "-p", "speaker=id:person/jonas-albrecht"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    rows = [r for r in rows if r]
    assert rows[0][:4] == ["date", "speaker", "speakerLabel", "quote"]
    assert rows[1][:4] == ["2023-06-02", str(P("jonas-albrecht")), "Jonas Albrecht",
                           "Notre programme de coopération scientifique est un modèle"]
    assert len(rows) == 2


def test_cli_json(graph_file, capsys):
    assert main(["query", "state_ties", "--graph", graph_file, "--format", "json", "--param", "state=BRA"]) == 0
    doc = json.loads(capsys.readouterr().out)
    [b] = doc["results"]["bindings"]
    assert b["partner"]["value"] == str(S("FRA"))
    assert b["agreementCount"]["value"] == "1"


def test_cli_list(capsys):
    assert main(["query", "--list"]) == 0
    out = capsys.readouterr().out
    for name in ALL:
        assert name in out
    assert "[params: state]" in out


def test_cli_inline_query_and_zero_rows(graph_file, capsys):
    assert main(["query", "SELECT ?p WHERE { ?p a ng:Person ; rdfs:label \"Klara Weiss\"@fr }", "-g", graph_file]) == 0
    out = capsys.readouterr().out
    assert "id:person/klara-weiss" in out and out.rstrip().endswith("(1 row)")
    assert main(["query", "agencies_by_state", "-g", graph_file, "-p", "state=RUS"]) == 0
    assert capsys.readouterr().out.strip().endswith("(0 rows)")


@pytest.mark.parametrize("argv,fragment", [
    (["query", "SELECT ?s WHERE { ?s ?p }"], "SPARQL syntax error"),
    (["query", "nosuchquery"], "unknown query 'nosuchquery'"),
    (["query", "agreements", "--param", "novalue"], "is not name=value"),
    (["query", "agreements", "--param", "nope=1"], "?nope is not one of its columns"),
])
def test_cli_bad_query_exit_2(graph_file, capsys, argv, fragment):
    assert main(argv + ["--graph", graph_file]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and fragment in err
    assert len(err.strip().splitlines()) == 1


def test_cli_missing_graph(tmp_path, capsys):
    assert main(["query", "agreements", "--graph", str(tmp_path / "nope.ttl")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "nope.ttl" in err and len(err.strip().splitlines()) == 1


def test_queries_dir_is_the_library():
    assert all(p.is_relative_to(queries_dir()) for p in ALL.values())


# --------------------------------------------------------------------------- rewrites keep the rows

# The pre-issue-4 texts of the rewritten queries (prefixes come from graph.namespaces): the faster
# versions must return the same rows, in the same order, on both engines, also on a damaged graph.
ORIGINAL = {
    "statements": """
SELECT ?date ?speaker ?speakerLabel ?quote ?reportedBy ?reportedByLabel ?document ?documentTitle ?begin ?end ?statement
WHERE {
  ?statement a ng:Statement ;
             ng:speaker ?speaker .
  OPTIONAL { ?statement ng:quote ?quote }
  OPTIONAL { ?statement dcterms:date ?date }
  OPTIONAL { ?statement ng:reportedBy ?reportedBy }
  OPTIONAL { ?statement ng:reportedBy/rdfs:label ?reportedByLabel FILTER(LANG(?reportedByLabel) IN ("fr", "")) }
  OPTIONAL { ?statement ng:inDocument ?document }
  OPTIONAL { ?statement ng:inDocument/dcterms:title ?documentTitle }
  OPTIONAL { ?statement nif:beginIndex ?begin ; nif:endIndex ?end }
  OPTIONAL { ?speaker rdfs:label ?speakerLabel FILTER(LANG(?speakerLabel) IN ("fr", "")) }
}
ORDER BY ?date ?document ?begin
""",
    "evidence": """
SELECT ?entity ?role ?subject ?predicate ?object ?document ?sentence ?begin ?end ?text ?confidence ?extractor ?modality ?assertion
WHERE {
  VALUES (?role ?side) { ("subject" rdf:subject) ("object" rdf:object) }
  ?assertion ?side ?entity .
  FILTER(isIRI(?entity))
  ?assertion a ng:Assertion ;
             rdf:subject ?subject ;
             rdf:predicate ?predicate ;
             rdf:object ?object ;
             ng:inDocument ?document .
  OPTIONAL { ?assertion nif:beginIndex ?begin ; nif:endIndex ?end }
  OPTIONAL { ?assertion ng:inSentence ?sentence }
  OPTIONAL { ?assertion ng:inSentence ?sentence . ?sentence nif:isString ?sentenceText ; nif:beginIndex ?sentenceBegin }
  OPTIONAL { ?assertion ng:confidence ?confidence }
  OPTIONAL { ?assertion ng:extractedBy ?extractor }
  OPTIONAL { ?assertion ng:modality ?modality }
  BIND(SUBSTR(STR(?sentenceText), ?begin - ?sentenceBegin + 1, ?end - ?begin) AS ?text)
}
ORDER BY ?entity ?document ?begin ?predicate ?object
""",
    "most_mentioned": """
SELECT ?entity ?label ?class ?mentions ?documents
WHERE {
  {
    SELECT ?entity (COUNT(?mention) AS ?mentions) (COUNT(DISTINCT ?document) AS ?documents)
    WHERE { ?mention ng:mentionOf ?entity ; ng:inDocument ?document . }
    GROUP BY ?entity
  }
  VALUES ?class { ng:Person ng:State ng:Agency }
  ?entity a ?class .
  OPTIONAL { ?entity rdfs:label ?label FILTER(LANG(?label) IN ("fr", "")) }
}
ORDER BY DESC(?mentions) ?label
""",
}


def _damaged(g) -> Graph:
    """The sample plus the edge cases the rewrites must keep: an assertion with a begin but no end,
    one with no sentence, a statement with no offsets and no reporter."""
    b = new_graph()
    b += g
    RDF_TYPE = URIRef(NS["rdf"] + "type")
    NIF = lambda s: URIRef(NS["nif"] + s)  # noqa: E731
    a1, a2 = sorted(b.subjects(RDF_TYPE, NG.Assertion))[:2]
    b.remove((a1, NIF("endIndex"), None))
    b.remove((a2, NG.inSentence, None))
    st = sorted(b.subjects(RDF_TYPE, NG.Statement))[0]
    b.remove((st, NIF("beginIndex"), None))
    b.remove((st, NG.reportedBy, None))
    return b


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
@pytest.mark.parametrize("damaged", [False, True])
@pytest.mark.parametrize("name,param,value", [
    ("statements", None, None), ("statements", "speaker", P("helene-marchetti")),
    ("evidence", None, None), ("evidence", "entity", S("FRA")), ("evidence", "entity", P("klara-weiss")),
    ("document_evidence", "document", ID["doc/aurora-2023-03-14"]),
    ("most_mentioned", None, None), ("most_mentioned", "class", NG.State),
])
def test_rewrite_returns_the_original_rows(g, engine, damaged, name, param, value):
    graph = _damaged(g) if damaged else g
    if engine == "rdflib":
        m = Graph()
        m += graph
        graph = m
    params = {param: value} if param else {}
    new = run(graph, name, **params)
    old = run_query(graph, ORIGINAL["evidence" if name == "document_evidence" else name], params, name=f"{name} (original)")
    assert new.columns == old.columns
    assert new.rows, f"{name} returned nothing"
    assert sorted(map(repr, new.rows)) == sorted(map(repr, old.rows))
    if name == "statements":  # ordered by date, then article title (was the document IRI), then offset
        i = [new.columns.index(c) for c in ("date", "documentTitle", "begin")]
        keys = [tuple((0, "") if row[j] is None else (1, row[j].toPython()) for j in i) for row in new.rows]
        assert keys == sorted(keys)
    elif engine == "oxigraph":  # same ORDER BY, same order (ties aside, which both engines break alike here)
        assert new.rows == old.rows


# --------------------------------------------------------------------------- required parameters

def test_query_info_reads_requires(tmp_path):
    assert query_info(ALL["evidence"]).required == ("entity",)
    assert query_info(ALL["document_evidence"]).required == ("document",)
    assert query_info(ALL["documents_per_entity"]).required == ("entity",)
    assert query_info(ALL["statements"]).required == ()
    assert query_info(ALL["evidence"]).parameters == ("entity",)
    assert query_info(ALL["document_evidence"]).parameters == ("document",)
    f = tmp_path / "x.rq"
    f.write_text("# x.rq — a test.\n# Parameters: ?a (IRI), ?b (IRI)\n# Requires: one of ?b ?a (because ?c)\n"
                 "# Columns: ?a ?b\nSELECT ?a ?b WHERE { ?a ?p ?b }\n", encoding="utf-8")
    info = query_info(f)
    assert info.required == ("b", "a") and info.columns == ("a", "b")


@pytest.mark.parametrize("name,argv", [
    ("evidence", []), ("evidence", ["-p", "document=id:doc/x"]), ("documents_per_entity", []),
    ("documents_per_entity", ["-p", "document=id:doc/x"]),
])
def test_cli_missing_required_parameter_exit_2(graph_file, capsys, name, argv):
    assert main(["query", name, "-g", str(graph_file), *argv]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert f"query {name} needs ?entity" in err
    assert f"newsgraph query {name} --param entity=id:person/" in err and "newsgraph export" in err


def test_cli_required_parameter_given(graph_file, capsys):
    assert main(["query", "document_evidence", "-g", str(graph_file), "-p", "document=id:doc/aurora-2023-03-14",
                 "-f", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) > 1 and {r[rows[0].index("document")] for r in rows[1:]} == {str(ID["doc/aurora-2023-03-14"])}
    assert main(["query", "documents_per_entity.rq", "-g", str(graph_file), "-p", "entity=id:state/FRA"]) == 0
    assert "(2 rows)" in capsys.readouterr().out


def test_required_does_not_apply_to_inline_or_other_files(graph_file, capsys, tmp_path):
    f = tmp_path / "evidence.rq"  # a file of the user's that has a ready query's name
    f.write_text(ALL["evidence"].read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["query", str(f), "-g", str(graph_file)]) == 0
    inline = "SELECT ?entity WHERE { ?m ng:mentionOf ?entity }"
    assert main(["query", inline, "-g", str(graph_file)]) == 0
    capsys.readouterr()


def test_cli_list_shows_required(capsys):
    assert main(["query", "--list"]) == 0
    out = capsys.readouterr().out
    assert "requires entity" in next(line for line in out.splitlines() if line.startswith("evidence "))
    assert "requires document" in next(line for line in out.splitlines() if line.startswith("document_evidence "))
    assert "requires entity" in next(line for line in out.splitlines() if line.startswith("documents_per_entity "))
    assert "requires" not in next(line for line in out.splitlines() if line.startswith("statements "))


def test_evidence_by_document(g, mem):
    doc = ID["doc/sommet-2023-06-02"]
    for graph in (g, mem):
        res = run(graph, "document_evidence", document=doc)
        assertions = {a for a in graph.subjects(NG.inDocument, doc)
                      if (a, URIRef(NS["rdf"] + "type"), NG.Assertion) in graph}
        assert assertions and {r[res.columns.index("assertion")] for r in res.rows} == assertions
        assert {r[res.columns.index("document")] for r in res.rows} == {doc}


def test_check_required_api():
    from graph.query import check_required, ready_query_info
    info = ready_query_info("evidence")
    with pytest.raises(UsageError, match="query evidence needs [?]entity"):
        check_required(info, {})
    check_required(info, {"entity": ID["person/x"]})
    assert ready_query_info("SELECT * WHERE { ?s ?p ?o }") is None
    assert ready_query_info("statements.rq").name == "statements"
