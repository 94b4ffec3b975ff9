"""One IRI per person across documents (graph.crossdoc): surname-only persons join the one full name."""
from __future__ import annotations

from rdflib import Graph, Literal

from graph.crossdoc import merge_persons, person_merges
from rdflib.namespace import RDF, RDFS, SKOS

from graph.namespaces import ID, NG


def test_surname_joins_the_only_full_name():
    assert person_merges({"a": {"Poutine"}, "b": {"Vladimir Poutine"}, "c": {"Xi Jinping"}}) == {"a": "b"}


def test_ambiguous_surname_stays_alone():
    assert person_merges({"a": {"Macron"}, "b": {"Emmanuel Macron"}, "c": {"Brigitte Macron"}}) == {}


def test_short_or_particle_names_are_never_merged():
    assert person_merges({"a": {"Li"}, "b": {"Keqiang Li"}, "c": {"de"}, "d": {"Charles de"}}) == {}


def test_full_names_are_left_alone():
    assert person_merges({"a": {"Vladimir Poutine"}, "b": {"Vladimir Vladimirovitch Poutine"}}) == {}


def _person(g, key, label, mentions, docs):
    p = ID[f"person/{key}"]
    g.add((p, RDF.type, NG.Person))
    g.add((p, RDFS.label, Literal(label, lang="fr")))
    g.add((p, NG.mentionCount, Literal(mentions)))
    g.add((p, NG.documentCount, Literal(docs)))
    return p


def test_merge_moves_every_triple_and_sums_counts():
    g = Graph()
    full = _person(g, "vladimir-poutine", "Vladimir Poutine", 4, 1)
    short = _person(g, "poutine", "Poutine", 2, 1)
    m = ID["mention/doc2-10-17"]
    g.add((m, NG.mentionOf, short))
    g.add((short, NG.affiliatedWith, ID["state/RUS"]))
    assert merge_persons(g) == {str(short): str(full)}
    assert not list(g.triples((short, None, None))) and not list(g.triples((None, None, short)))
    assert (m, NG.mentionOf, full) in g and (full, NG.affiliatedWith, ID["state/RUS"]) in g
    assert int(g.value(full, NG.mentionCount)) == 6 and int(g.value(full, NG.documentCount)) == 2
    assert list(g.objects(full, RDFS.label)) == [Literal("Vladimir Poutine", lang="fr")]
    assert Literal("Poutine", lang="fr") in set(g.objects(full, SKOS.altLabel))
    assert merge_persons(g) == {}  # idempotent


def test_first_names_and_run_together_names_are_not_surnames():
    labels = {"a": {"Philippe"}, "b": {"Louis Philippe"}, "c": {"Philippe Martin"},
              "d": {"Wagner"}, "e": {"Victor Hugo Richard Wagner"}, "f": {"Monsieur"}, "g": {"Bière Monsieur"}}
    assert person_merges(labels) == {}
