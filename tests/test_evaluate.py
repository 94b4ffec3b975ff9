"""Tests of graph/evaluate.py and ``newsgraph evaluate`` (fictional names only)."""
from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib import namespace as rns
from rdflib.namespace import DCTERMS, SKOS

from graph.cli import main
from graph.errors import UsageError
from graph.evaluate import (
    EvalResult, Score, evaluate, evaluate_files, format_table, load_gold, micro_totals, norm, to_json,
)

NG = Namespace("https://w3id.org/newsgraph/ontology#")
ID = Namespace("https://w3id.org/newsgraph/id/")
GOLD_DIR = Path(__file__).parent / "data" / "gold"
AURORA = GOLD_DIR / "aurora.json"
SOMMET = GOLD_DIR / "sommet.json"
SCORE_PY = Path("/work/shared/eval/score.py")
XSD_DATE, XSD_YEAR, XSD_YEAR_MONTH = rns.XSD.date, rns.XSD.gYear, rns.XSD.gYearMonth


# --------------------------------------------------------------------------- graph helpers


class G:
    """A tiny builder of graphs in the newsgraph vocabulary."""

    def __init__(self):
        self.g = Graph()
        self._n = 0

    def entity(self, key, cls, label, *alts, doc=None):
        node = ID[key]
        self.g.add((node, RDF.type, NG[cls]))
        self.g.add((node, RDFS.label, Literal(label, lang="fr")))
        for a in alts:
            self.g.add((node, SKOS.altLabel, Literal(a, lang="fr")))
        if doc:
            self.mention(node, doc)
        return node

    def document(self, slug, source=None):
        d = ID[f"doc/{slug}"]
        self.g.add((d, RDF.type, NG.Document))
        if source:
            self.g.add((d, DCTERMS.source, Literal(source)))
        return d

    def mention(self, node, doc):
        self._n += 1
        m = ID[f"mention/{doc}-{self._n}-{self._n + 1}"]
        self.g.add((m, RDF.type, NG.Mention))
        self.g.add((m, NG.mentionOf, node))
        self.g.add((m, NG.inDocument, ID[f"doc/{doc}"]))

    def rel(self, s, p, o, doc=None):
        self.g.add((s, NG[p], o))
        if doc:
            self._n += 1
            a = ID[f"assertion/{self._n}"]
            for t in ((a, RDF.type, NG.Assertion), (a, RDF.subject, s), (a, RDF.predicate, NG[p]),
                      (a, RDF.object, o), (a, NG.inDocument, ID[f"doc/{doc}"])):
                self.g.add(t)

    def statement(self, speaker, quote, doc=None):
        self._n += 1
        st = ID[f"statement/{doc or 'x'}-{self._n}"]
        self.g.add((st, RDF.type, NG.Statement))
        self.g.add((st, NG.quote, Literal(quote, lang="fr")))
        if speaker is not None:
            self.g.add((st, NG.speaker, speaker))
        if doc:
            self.g.add((st, NG.inDocument, ID[f"doc/{doc}"]))
        return st

    def date(self, node, prop, value, dtype=XSD_DATE):
        self.g.add((node, NG[prop], Literal(value, datatype=dtype)))


def aurora_graph(doc=None, implicit=True, west=True) -> G:
    """A graph that is perfect for tests/data/gold/aurora.json."""
    b = G()
    if doc:
        b.document(doc, source=f"seeds/{doc}.txt")
    marchetti = b.entity("person/helene-marchetti", "Person", "Hélène Marchetti", "Mme Marchetti", doc=doc)
    valdoria = b.entity("state/VAL", "State", "Valdoria", "la Valdoria", doc=doc)
    norvalie = b.entity("state/NRV", "State", "Norvalie", doc=doc)
    mfa = b.entity("agency/mfa-va", "Agency", "ministère valdorien des Affaires étrangères", doc=doc)
    pact = b.entity("agreement/pacte-d-aurora", "Agreement", "pacte d’Aurora", doc=doc)
    if west:
        b.entity("agency/occident", "Agency", "Occident", doc=doc)
    b.rel(marchetti, "affiliatedWith", mfa, doc)
    if implicit:
        b.rel(marchetti, "affiliatedWith", valdoria, doc)
    b.rel(mfa, "partOf", valdoria, doc)
    b.rel(pact, "party", valdoria, doc)
    b.rel(pact, "party", norvalie, doc)
    b.date(pact, "date", "2023-03-14")
    b.date(pact, "startDate", "2023", XSD_YEAR)
    b.date(pact, "endDate", "2027-12", XSD_YEAR_MONTH)
    b.statement(marchetti, "« Nous signerons ce pacte avec l'espoir d'une paix durable »", doc)
    return b


def sommet_graph(b: G, doc=None) -> G:
    brennik = b.entity("person/tomas-brennik", "Person", "Tomas Brennik", "M. Brennik", doc=doc)
    norvalie = b.entity("state/NRV", "State", "Norvalie", doc=doc)
    agence = b.entity("agency/ane", "Agency", "Agence norvalienne de l'espace", "ANE", doc=doc)
    b.rel(brennik, "affiliatedWith", agence, doc)
    b.rel(agence, "partOf", norvalie, doc)
    b.statement(brennik, "Le sommet a été utile pour tous", doc)
    return b


@pytest.fixture(scope="module")
def aurora():
    return load_gold(AURORA)


def all_scores(r: EvalResult):
    return [r.entities, r.relations_strict, r.relations_lenient, r.statements, r.dates]


# --------------------------------------------------------------------------- scoring


def test_norm():
    assert norm("  M. Hélène Marchetti. ") == "helene marchetti"
    assert norm("l’Occident") == norm("Occident") == "occident"
    assert norm("« pacte d’Aurora »") == "pacte d'aurora"


def test_perfect_graph_scores_one_everywhere(aurora):
    r = evaluate(aurora_graph().g, aurora)
    for s in all_scores(r):
        assert (s.precision, s.recall, s.f1) == (1.0, 1.0, 1.0), s
    assert (r.dates_correct, r.dates_total) == (2, 2)
    assert not (r.missed_entities or r.spurious_entities or r.missed_relations or r.spurious_relations
                or r.missed_statements or r.spurious_statements or r.missed_dates)
    assert r.scope is None  # no provenance: whole graph


def test_duplicate_entity_is_a_false_positive(aurora):
    b = aurora_graph()
    b.entity("person/marchetti", "Person", "Marchetti")
    r = evaluate(b.g, aurora)
    assert (r.entities.tp, r.entities.fp, r.entities.fn) == (5, 1, 0)
    assert r.entities.precision == pytest.approx(5 / 6)
    assert len(r.spurious_entities) == 1 and "duplicate of marchetti" in r.spurious_entities[0]


def test_wrong_type_and_unknown_entity(aurora):
    b = aurora_graph()
    b.g.remove((ID["state/NRV"], RDF.type, NG.State))
    b.g.add((ID["state/NRV"], RDF.type, NG.Agency))
    b.entity("person/inconnu", "Person", "Jean Inconnu")
    r = evaluate(b.g, aurora)
    assert (r.entities.tp, r.entities.fp, r.entities.fn) == (4, 2, 1)
    assert any("wrong type" in x and "norvalie is State" in x for x in r.spurious_entities)
    assert any("Jean Inconnu" in x and "not in gold" in x for x in r.spurious_entities)
    assert r.missed_entities == ["norvalie (State 'Norvalie')"]


def test_optional_entities_neither_rewarded_nor_penalised(aurora):
    with_west = evaluate(aurora_graph(west=True).g, aurora)
    without = evaluate(aurora_graph(west=False).g, aurora)
    assert with_west.entities == without.entities == Score(5, 0, 0)
    # a relation touching an optional entity is not penalised either
    b = aurora_graph()
    b.rel(ID["person/helene-marchetti"], "affiliatedWith", ID["agency/occident"])
    assert evaluate(b.g, aurora).relations_strict == Score(4, 0, 0)


def test_implicit_relations_count_only_in_lenient_recall(aurora):
    without = evaluate(aurora_graph(implicit=False).g, aurora)
    assert without.relations_strict == Score(4, 0, 0)
    assert without.relations_lenient == Score(4, 0, 1)
    assert without.missed_relations == []
    assert without.missed_implicit_relations == ["marchetti affiliatedWith valdoria"]
    with_it = evaluate(aurora_graph(implicit=True).g, aurora)
    assert with_it.relations_strict == Score(4, 0, 0)  # present implicit relation: not a false positive
    assert with_it.relations_lenient == Score(5, 0, 0)
    # the lenient table lists the missed implicit relation, the strict one does not
    assert "marchetti affiliatedWith valdoria" in format_table([without], mode="lenient")
    assert "marchetti affiliatedWith valdoria" not in format_table([without], mode="strict")


def test_spurious_and_missed_relations(aurora):
    b = aurora_graph()
    b.g.remove((ID["agency/mfa-va"], NG.partOf, ID["state/VAL"]))
    b.rel(ID["agency/mfa-va"], "partOf", ID["state/NRV"])
    b.rel(ID["agency/mfa-va"], "partOf", URIRef("https://example.org/elsewhere"))
    r = evaluate(b.g, aurora)
    assert r.relations_strict == Score(3, 2, 1)
    assert r.missed_relations == ["mfa_va partOf valdoria"]
    assert any("not in gold (as mfa_va partOf norvalie)" in x for x in r.spurious_relations)
    assert any("not a gold entity" in x for x in r.spurious_relations)


def test_statement_matching(aurora):
    b = aurora_graph()
    marchetti = ID["person/helene-marchetti"]
    b.statement(marchetti, "L’Occident nous regarde, a-t-elle ajouté")  # optional gold: neither TP nor FP
    r = evaluate(b.g, aurora)
    assert r.statements == Score(1, 0, 0)
    # a second statement with the same quote: the gold statement is used once, so it is a false positive
    b.statement(marchetti, "Nous signerons ce pacte avec l'espoir")
    r = evaluate(b.g, aurora)
    assert r.statements == Score(1, 1, 0)
    # wrong speaker: false positive and the gold statement is missed
    b2 = aurora_graph()
    for st in list(b2.g.subjects(RDF.type, NG.Statement)):
        b2.g.remove((st, NG.speaker, None))
        b2.g.add((st, NG.speaker, ID["state/VAL"]))
    r = evaluate(b2.g, aurora)
    assert r.statements == Score(0, 1, 1)
    assert r.missed_statements == ["marchetti: 'Nous signerons ce pacte avec l’espoir'"]
    assert "no gold quote of this speaker matches" in r.spurious_statements[0]


def test_statement_quote_uses_first_25_normalised_chars(aurora):
    gold = copy.deepcopy(aurora)
    gold["statements"] = [{"speaker": "marchetti", "quote_starts": "Nous signerons ce pacte a XXXXXXXX"}]
    r = evaluate(aurora_graph().g, gold)  # the first 25 chars match; the rest is ignored
    assert r.statements == Score(1, 0, 0)
    gold["statements"] = [{"speaker": "marchetti", "quote_starts": "Nous signerons ce traité"}]
    assert evaluate(aurora_graph().g, gold).statements == Score(0, 1, 1)


def test_agreement_dates_by_prefix(aurora):
    b = aurora_graph()
    pact = ID["agreement/pacte-d-aurora"]
    b.g.remove((pact, NG.endDate, None))
    b.date(pact, "endDate", "2028", XSD_YEAR)
    r = evaluate(b.g, aurora)
    assert (r.dates_correct, r.dates_total) == (1, 2)
    assert r.dates == Score(1, 1, 1)  # a wrong value given: FP and FN
    assert r.missed_dates == ["pact: end 2027: graph has 2028"]
    b.g.remove((pact, None, None))
    r = evaluate(b.g, aurora)
    assert r.dates == Score(0, 0, 2)
    assert all("agreement not found" in x for x in r.missed_dates)


def test_restricted_to_the_gold_document_when_provenance_exists(aurora):
    b = aurora_graph(doc="aurora-2023-03-14")
    b.document("sommet-2023-06-02")
    sommet_graph(b, doc="sommet-2023-06-02")
    r = evaluate(b.g, aurora)
    assert r.scope == str(ID["doc/aurora-2023-03-14"])
    for s in all_scores(r):
        assert s.f1 == 1.0, s
    rs = evaluate(b.g, load_gold(SOMMET))
    assert rs.scope == str(ID["doc/sommet-2023-06-02"])
    assert rs.entities == Score(3, 0, 0) and rs.relations_strict == Score(2, 0, 0)
    assert rs.statements == Score(1, 0, 0)
    # the same graph without provenance: the other document's entities become false positives
    flat = Graph()
    for t in b.g:
        if t[1] != NG.inDocument and t[2] not in (NG.Mention, NG.Document, NG.Assertion):
            flat.add(t)
    r = evaluate(flat, aurora)
    assert r.scope is None
    assert (r.entities.tp, r.entities.fp) == (5, 2)  # Brennik, ANE
    assert r.statements.fp == 1


def test_document_matched_by_source_file_name(aurora):
    b = aurora_graph(doc="article-1")  # IRI does not follow the file stem
    b.g.set((ID["doc/article-1"], DCTERMS.source, Literal("/data/in/aurora-2023-03-14.txt")))
    b.document("other")
    b.entity("person/tomas-brennik", "Person", "Tomas Brennik", doc="other")
    r = evaluate(b.g, aurora)
    assert r.scope == str(ID["doc/article-1"])
    assert r.entities == Score(5, 0, 0)


def test_micro_totals_and_outputs(aurora):
    b = aurora_graph(doc="aurora-2023-03-14")
    b.document("sommet-2023-06-02")
    sommet_graph(b, doc="sommet-2023-06-02")
    b.entity("person/marchetti", "Person", "Marchetti", doc="aurora-2023-03-14")  # duplicate
    r1 = evaluate(b.g, aurora, gold_path=str(AURORA))
    r2 = evaluate(b.g, load_gold(SOMMET), gold_path=str(SOMMET))
    t = micro_totals([r1, r2])
    assert t["entities"] == Score(8, 1, 0)
    assert t["entities"].precision == pytest.approx(8 / 9)
    data = json.loads(to_json([r1, r2]))
    assert data["total"]["entities"]["fp"] == 1
    assert data["files"][0]["entities"]["spurious"] and data["files"][1]["entities"]["spurious"] == []
    assert data["total"]["relations"]["lenient"]["tp"] == 7
    text = format_table([r1, r2])
    assert "TOTAL (micro-average over 2 gold files)" in text
    assert "spurious entities (1):" in text and "duplicate of marchetti" in text


# --------------------------------------------------------------------------- gold files


@pytest.mark.parametrize("content, problem", [
    ("{not json", "not valid JSON"),
    ("[]", "must hold a JSON object"),
    ('{"entities": {}}', "'entities' must be a list"),
    ('{"relations": []}', "missing 'entities' list"),
    ('{"entities": [{"id": "a", "type": "Person"}]}', "'aliases' must be a non-empty list"),
    ('{"entities": [{"id": "a", "aliases": ["A"]}]}', "missing 'type'"),
    ('{"entities": [{"id": "a", "type": "Robot", "aliases": ["A"]}]}', "unknown type 'Robot'"),
    ('{"entities": [{"id": "a", "type": "Person", "aliases": ["A"]}, {"id": "a", "type": "Person", "aliases": ["B"]}]}',
     "duplicate id"),
    ('{"entities": [{"id": "a", "type": "Person", "aliases": ["A"]}], "relations": [{"s": "a", "p": "knows", "o": "a"}]}',
     "'p' 'knows' is not one of"),
    ('{"entities": [{"id": "a", "type": "Agreement", "aliases": ["A"]}], "agreement_dates": [{"agreement": "a", "date": "mars 2023"}]}',
     "is not YYYY, YYYY-MM or YYYY-MM-DD"),
    ('{"entities": [{"id": "a", "type": "Person", "aliases": ["A"]}], "statements": [{"speaker": "b", "quote_starts": "x"}]}',
     "'speaker' 'b' is not the id of an entity"),
])
def test_load_gold_rejects_bad_files(tmp_path, content, problem):
    p = tmp_path / "bad.json"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(UsageError) as exc:
        load_gold(p)
    msg = str(exc.value)
    assert msg.startswith(f"{p}: ") and problem in msg and "\n" not in msg


def test_load_gold_missing_and_reference_errors():
    with pytest.raises(UsageError, match="nope.json: gold file not found"):
        load_gold(GOLD_DIR / "nope.json")
    with pytest.raises(UsageError, match=r"bad-reference.json: relations\[0\]: 'o' 'nobody'"):
        load_gold(GOLD_DIR / "bad-reference.json")


def test_load_gold_accepts_the_test_files():
    for p in (AURORA, SOMMET):
        assert load_gold(p)["entities"]


# --------------------------------------------------------------------------- CLI


@pytest.fixture
def graph_file(tmp_path):
    b = aurora_graph(doc="aurora-2023-03-14")
    b.document("sommet-2023-06-02")
    sommet_graph(b, doc="sommet-2023-06-02")
    p = tmp_path / "graph.ttl"
    b.g.serialize(p, format="turtle")
    return p


def test_cli_table(graph_file, capsys):
    assert main(["evaluate", str(AURORA), str(SOMMET), "--graph", str(graph_file)]) == 0
    out = capsys.readouterr().out
    assert "seeds/aurora-2023-03-14.txt" in out and "seeds/sommet-2023-06-02.txt" in out
    assert "TOTAL (micro-average over 2 gold files)" in out
    assert "relations (strict)" in out


def test_cli_json_lenient(graph_file, capsys):
    assert main(["evaluate", str(AURORA), "--graph", str(graph_file), "--format", "json", "--mode", "lenient"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["mode"] == "lenient"
    assert data["files"][0]["entities"]["f1"] == 1.0
    assert data["total"]["relations"]["lenient"]["f1"] == 1.0
    assert data["total"]["agreement_dates"]["correct"] == 2


@pytest.mark.parametrize("gold", ["missing.json", "bad-reference.json"])
def test_cli_bad_gold_exits_2(graph_file, capsys, gold):
    assert main(["evaluate", str(GOLD_DIR / gold), "--graph", str(graph_file)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and gold in err and "\n" not in err


def test_cli_missing_graph_exits_2(tmp_path, capsys):
    assert main(["evaluate", str(AURORA), "--graph", str(tmp_path / "none.ttl")]) == 2
    assert "graph file not found" in capsys.readouterr().err


def test_cli_requires_graph(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["evaluate", str(AURORA)])
    assert exc.value.code == 2


def test_evaluate_files_validates_gold_before_loading_graph(tmp_path):
    with pytest.raises(UsageError, match="bad-reference.json"):
        evaluate_files(tmp_path / "no-graph.ttl", [AURORA, GOLD_DIR / "bad-reference.json"])


def test_no_runtime_dependency_on_shared():
    src = (Path(__file__).parents[1] / "graph" / "evaluate.py").read_text(encoding="utf-8")
    assert "shared" not in src.split('"""', 2)[2]  # code after the module docstring


# --------------------------------------------------------------------------- same numbers as score.py


def _messy_graph() -> G:
    """Aurora plus sommet content, without provenance, with errors of every kind."""
    b = aurora_graph(implicit=False)
    sommet_graph(b)
    b.entity("person/marchetti", "Person", "M. Marchetti")                         # duplicate
    b.entity("agency/valdoria-bis", "Agency", "la Valdoria")                       # wrong type
    b.entity("person/inconnu", "Person", "Jean Inconnu")                           # not in gold
    b.g.remove((ID["agency/mfa-va"], NG.partOf, ID["state/VAL"]))                  # missed relation
    b.rel(ID["agency/mfa-va"], "partOf", ID["state/NRV"])                          # wrong relation
    b.rel(ID["person/inconnu"], "affiliatedWith", ID["state/VAL"])                 # unknown subject
    b.rel(ID["person/helene-marchetti"], "affiliatedWith", ID["agency/occident"])  # optional object
    b.statement(ID["person/marchetti"], "Nous signerons ce pacte avec l'espoir")   # duplicate statement
    b.statement(ID["person/inconnu"], "Rien à déclarer")                           # unknown speaker
    b.statement(ID["person/helene-marchetti"], "L'Occident nous regarde")          # optional statement
    pact = ID["agreement/pacte-d-aurora"]
    b.g.remove((pact, NG.endDate, None))
    b.date(pact, "endDate", "2029", XSD_YEAR)
    return b


@pytest.mark.skipif(not SCORE_PY.is_file(), reason="reference scorer ../shared/eval/score.py not available")
@pytest.mark.parametrize("build", [lambda: aurora_graph(), _messy_graph])
def test_same_numbers_as_reference_scorer(tmp_path, build):
    g = build().g
    path = tmp_path / "graph.ttl"
    g.serialize(path, format="turtle")
    golds = [AURORA, SOMMET]
    proc = subprocess.run([sys.executable, str(SCORE_PY), str(path), *map(str, golds), "--json"],
                          capture_output=True, text=True, check=True)
    ref = json.loads(proc.stdout)
    ours = evaluate_files(path, golds)
    for r in ours:
        exp = ref[r.document]
        keys = ("tp", "fp", "fn", "precision", "recall", "f1")
        assert {k: exp["entities"][k] for k in keys} == {k: r.entities.to_dict()[k] for k in keys}
        assert sorted(exp["entities"]["missed"]) == sorted(m.split(" ")[0] for m in r.missed_entities)
        for mode in ("strict", "lenient"):
            assert exp["relations"][mode] == r.relations(mode).to_dict(), mode
        assert exp["statements"] == r.statements.to_dict()
        assert exp["agreement_dates"] == {"correct": r.dates_correct, "of": r.dates_total}
