"""Tests of the data checks (ontology/checks/*-violation.rq), graph.check and `newsgraph check`."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.sparql import prepareQuery

from graph.check import SEVERITIES, available_checks, run_checks
from graph.cli import main
from graph.errors import UsageError
from graph.namespaces import ID, NG, PREFIXES
from graph.query import available_queries, run_query
from graph.resources import checks_dir
from graph.store import new_graph

DATA = Path(__file__).parent / "data" / "sample_graph.ttl"
NS = {k: str(v) for k, v in PREFIXES.items()}
CHECKS = available_checks()

P = lambda s: ID[f"person/{s}"]  # noqa: E731
S = lambda c: ID[f"state/{c}"]  # noqa: E731
MEMO = ID["agreement/memorandum-d-entente-sur-l-observation-de-la-terre"]
RDF_TYPE = URIRef(NS["rdf"] + "type")
RDFS_LABEL = URIRef(NS["rdfs"] + "label")
NIF_BEGIN = URIRef(NS["nif"] + "beginIndex")


@pytest.fixture(scope="module")
def g() -> Graph:
    graph = new_graph()
    graph.parse(DATA, format="turtle")
    return graph


def _copy(g, engine="oxigraph") -> Graph:
    b = new_graph() if engine == "oxigraph" else Graph()
    b += g
    return b


def _broken_copy(g, engine="oxigraph") -> Graph:
    """One fault for each check."""
    b = _copy(g, engine)
    st = next(iter(b.subjects(RDF_TYPE, NG.Statement)))
    b.remove((st, NG.speaker, None))
    b.remove((MEMO, NG.party, None))
    b.remove((P("klara-weiss"), RDFS_LABEL, None))
    b.add((P("mathieu-roussel"), RDFS_LABEL, Literal("M. Roussel", lang="fr")))
    b.remove((S("JPN"), NG.isoCode, None))
    b.add((P("klara-weiss"), NG.affiliatedWith, S("FRA")))  # no assertion
    a = next(iter(b.subjects(RDF_TYPE, NG.Assertion)))
    b.remove((a, NIF_BEGIN, None))
    m = next(iter(b.subjects(NG.member, P("jonas-albrecht"))))
    b.remove((P("jonas-albrecht"), NG.post, m))
    men = next(iter(b.subjects(RDF_TYPE, NG.Mention)))
    b.remove((men, NG.mentionOf, None))
    b.remove((S("BRA"), RDF_TYPE, None))  # a mentioned entity with no core type
    return b


def _findings(graph, name):
    (result,) = run_checks(graph, [name])
    return result.result


def col(result, *names):
    idx = [result.columns.index(n) for n in names]
    return sorted(tuple(row[i] for i in idx) for row in result.rows)


# --------------------------------------------------------------------------- the files

def test_the_checks_are_there():
    assert len(CHECKS) >= 9
    assert all(n.endswith("-violation") for n in CHECKS)
    assert all(info.path.parent == checks_dir() for info in CHECKS.values())
    assert {i.severity for i in CHECKS.values()} == set(SEVERITIES)
    assert CHECKS["agreement-without-party-violation"].severity == "warning"
    assert not set(CHECKS) & set(available_queries())  # not analyst queries


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_every_check_parses_and_has_a_header(name):
    info = CHECKS[name]
    text = info.path.read_text(encoding="utf-8")
    prepareQuery(text, initNs=NS)
    assert text.startswith(f"# {info.path.name} — ")
    assert info.description and info.severity in SEVERITIES
    assert "focus" in info.columns and "problem" in info.columns
    assert tuple(run_query(new_graph(), text, name=name).columns) == info.columns


# --------------------------------------------------------------------------- findings

@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_clean_on_sample(g, engine):
    results = run_checks(_copy(g, engine))
    assert [r.check.name for r in results] == sorted(CHECKS)
    assert {r.check.name: r.findings for r in results if r.findings} == {}


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_each_check_catches_its_fault(g, engine):
    results = run_checks(_broken_copy(g, engine))
    silent = [r.check.name for r in results if not r.findings]
    assert silent == []
    assert all(str(row[r.result.columns.index("problem")]) for r in results for row in r.findings)


def test_exact_findings(g):
    b = _broken_copy(g)
    res = _findings(b, "entity-without-label-violation")
    assert col(res, "focus") == sorted([(P("klara-weiss"),), (P("mathieu-roussel"),)])
    res = _findings(b, "agreement-without-party")  # the suffix may be left out
    assert col(res, "focus") == [(MEMO,)]
    res = _findings(b, "relation-without-evidence-violation")
    assert col(res, "focus", "predicate", "object") == [(P("klara-weiss"), NG.affiliatedWith, S("FRA"))]
    a = next(iter(b.subjects(RDF_TYPE, NG.Assertion)))
    res = _findings(b, "assertion-without-provenance-violation")
    assert [(f, str(p)) for f, p in res.rows] == [(a, "no nif:beginIndex/nif:endIndex")]


def test_offsets_not_a_span(g):
    b = _copy(g)
    men = sorted(b.subjects(RDF_TYPE, NG.Mention))[0]
    begin = b.value(men, NIF_BEGIN)
    b.remove((men, URIRef(NS["nif"] + "endIndex"), None))
    b.add((men, URIRef(NS["nif"] + "endIndex"), begin))
    res = _findings(b, "assertion-without-provenance-violation")
    assert [(f, str(p)) for f, p in res.rows] == [(men, "nif:beginIndex >= nif:endIndex")]


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_mention_checks_find_both_problems(g, engine):
    """A mention without an entity, and each mention of an entity without a core type."""
    b = _copy(g)
    b.remove((P("klara-weiss"), RDF_TYPE, None))                 # entity with no core type
    b.add((P("klara-weiss"), RDF_TYPE, NG.Actor))                # (a non-core type does not count)
    men = sorted(b.subjects(NG.mentionOf, S("BRA")))[0]
    b.remove((men, NG.mentionOf, None))                           # mention with no entity
    stray = ID["mention/not-a-mention"]
    b.add((stray, NG.mentionOf, P("klara-weiss")))                # not typed ng:Mention: out of scope
    graph = b if engine == "oxigraph" else _copy(b, "rdflib")
    res = _findings(graph, "mention-without-entity-violation")
    res2 = _findings(graph, "mentioned-entity-without-type-violation")
    klara = sorted(m for m in b.subjects(NG.mentionOf, P("klara-weiss")) if m != stray)
    assert klara
    assert [(f, e, str(p)) for f, e, p in res.rows] == [(men, None, "mention has no ng:mentionOf")]
    assert sorted((f, e, str(p)) for f, e, p in res2.rows) == sorted(
        [(m, P("klara-weiss"), "mentioned entity has no core type") for m in klara])


def test_unknown_check_names_the_checks(g):
    with pytest.raises(UsageError, match="unknown check nosuch .*statement-without-speaker-violation"):
        run_checks(g, ["nosuch"])


def test_bad_severity_is_refused(tmp_path):
    (tmp_path / "x-violation.rq").write_text("# x-violation.rq — x.\n# Severity: fatal\n# Columns: ?focus\n"
                                             "SELECT ?focus WHERE { ?focus a ng:Nothing }\n", encoding="utf-8")
    with pytest.raises(UsageError, match="x-violation.rq: '# Severity: fatal'"):
        available_checks(tmp_path)


def test_own_checks_directory(g, tmp_path):
    (tmp_path / "state-without-agreement-violation.rq").write_text(
        "# state-without-agreement-violation.rq — states party to no agreement.\n# Severity: warning\n"
        "# Columns: ?focus ?problem\n"
        "SELECT ?focus ?problem WHERE { ?focus a ng:State FILTER NOT EXISTS { ?a ng:party ?focus } "
        "BIND(\"no agreement\" AS ?problem) }\n", encoding="utf-8")
    (r,) = run_checks(g, directory=tmp_path)
    assert r.severity == "warning" and r.findings
    assert all(str(p) == "no agreement" for _, p in r.findings)


# --------------------------------------------------------------------------- the command

@pytest.fixture()
def files(g, tmp_path):
    good = tmp_path / "good.ttl"
    g.serialize(good, format="turtle")
    bad = tmp_path / "bad.ttl"
    _broken_copy(g).serialize(bad, format="turtle")
    warn = tmp_path / "warn.ttl"
    w = _copy(g)
    w.remove((MEMO, NG.party, None))
    w.serialize(warn, format="turtle")
    return good, bad, warn


def test_cli_clean_graph_exit_0(files, capsys):
    good, _, _ = files
    assert main(["check", "--graph", str(good)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"{good}: {len(CHECKS)} checks, 0 errors, 0 warnings (")
    assert len(out) == 1 + len(CHECKS) and all(line.split()[0] == "ok" for line in out[1:])


def test_cli_errors_exit_1_and_show_findings(files, capsys):
    _, bad, _ = files
    assert main(["check", "-g", str(bad), "--show", "1"]) == 1
    out = capsys.readouterr().out
    assert re.search(r"^  ERROR +entity-without-label-violation +2 findings$", out, re.M)
    assert "id:person/" in out and "... 1 more (--show 2 or --format json)" in out
    assert re.search(r"^  WARNING +agreement-without-party-violation +1 finding$", out, re.M)


def test_cli_warning_only_exit_0_strict_exit_1(files, capsys):
    _, _, warn = files
    assert main(["check", "-g", str(warn)]) == 0
    assert "0 errors, 1 warning " in capsys.readouterr().out
    assert main(["check", "-g", str(warn), "--strict"]) == 1


def test_cli_json_and_selected_checks(files, capsys):
    _, bad, _ = files
    assert main(["check", "-g", str(bad), "--format", "json", "entity-without-label", "agreement-without-party"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert [c["name"] for c in doc["checks"]] == ["entity-without-label-violation", "agreement-without-party-violation"]
    assert doc["errors"] == 2 and doc["warnings"] == 1
    assert {f["focus"] for f in doc["checks"][0]["findings"]} == {str(P("klara-weiss")), str(P("mathieu-roussel"))}


def test_cli_list_and_usage_errors(files, capsys, tmp_path):
    assert main(["check", "--list"]) == 0
    out = capsys.readouterr().out
    assert all(name in out for name in CHECKS) and "warning" in out
    assert main(["check"]) == 2
    assert "--graph FILE is required" in capsys.readouterr().err
    assert main(["check", "-g", str(tmp_path / "nope.ttl")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "nope.ttl" in err
    assert main(["check", "-g", str(files[0]), "nosuch"]) == 2
    assert "unknown check nosuch" in capsys.readouterr().err
