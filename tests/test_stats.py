"""newsgraph stats: actor network statistics on tests/data/small_graph.ttl.

The small graph has 13 actors and 18 distinct links (see the header of the file).
Syldavie (state/SYL) is linked to 2 persons, 2 agencies and 2 agreements: degree 6
of 12 possible, and it sits on the paths between the three national clusters.
"""
from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

import graph.analytics as analytics
from graph.analytics import actor_stats, format_table
from graph.cli import main
from graph.store import load_graph

DATA = Path(__file__).parent / "data" / "small_graph.ttl"
ID = "https://w3id.org/newsgraph/id/"


@pytest.fixture(scope="module")
def graph():
    return load_graph(DATA)


@pytest.fixture(scope="module")
def stats(graph):
    return actor_stats(graph, top=5, seed=42)


def test_counts(stats):
    assert stats["nodes"] == 13
    assert stats["edges"] == 18
    assert stats["relations"] == 18
    assert stats["relations_by_predicate"] == {"affiliatedWith": 8, "partOf": 4, "party": 6}
    assert stats["classes"] == {"Person": 4, "State": 3, "Agency": 4, "Agreement": 2}
    assert stats["density"] == pytest.approx(18 / 78)
    assert stats["components"] == {"count": 1, "largest": 13, "isolates": 0}
    assert stats["errors"] == {}


def test_top_actor(stats):
    assert len(stats["top"]) == 5
    first = stats["top"][0]
    assert first["iri"] == ID + "state/SYL"
    assert first["label"] == "Syldavie"
    assert first["class"] == "State"
    assert first["degree"] == 6
    assert first["degree_centrality"] == pytest.approx(0.5)
    assert first["betweenness"] == pytest.approx(52 / 66)  # exact, normalised by (n-1)(n-2)/2
    assert first["community"] == 0
    # the two agreements bridge Syldavie to Bordurie and to Elbonie
    assert {r["label"] for r in stats["top"][1:3]} == {"accord énergétique syldavo-bordure",
                                                      "mémorandum gazier Elbonie-Syldavie"}
    assert stats["top"][1]["betweenness"] == pytest.approx(27 / 66)
    degrees = [r["degree"] for r in stats["top"]]
    assert degrees == sorted(degrees, reverse=True)


def test_betweenness_is_exact_on_small_graphs(stats):
    assert stats["betweenness"] == {"method": "exact", "k": None}


def test_communities(stats):
    c = stats["communities"]
    assert c["method"] == "louvain"
    assert c["count"] == 3
    assert c["sizes"] == [5, 4, 4]  # Syldavia's cluster, Bordurie's, Elbonie's
    assert c["modularity"] == pytest.approx(0.5509, abs=1e-4)


def test_communities_follow_the_states(graph):
    full = actor_stats(graph, top=100, seed=42)
    community = {r["iri"]: r["community"] for r in full["top"]}
    assert len(community) == 13
    assert community[ID + "person/boris-lenz"] == community[ID + "state/BOR"]
    assert community[ID + "person/dario-wend"] == community[ID + "state/ELB"]
    assert community[ID + "person/anna-kovac"] == community[ID + "state/SYL"]
    assert len({community[ID + f"state/{iso}"] for iso in ("SYL", "BOR", "ELB")}) == 3


def test_deterministic_with_seed(graph):
    assert actor_stats(graph, top=13, seed=7) == actor_stats(graph, top=13, seed=7)
    assert actor_stats(graph, seed=42) == actor_stats(graph, seed=42)


def test_sampled_betweenness_is_seeded(graph, monkeypatch):
    monkeypatch.setattr(analytics, "EXACT_BETWEENNESS_MAX_NODES", 5)
    monkeypatch.setattr(analytics, "BETWEENNESS_SAMPLE", 6)
    a = actor_stats(graph, top=13, seed=1)
    assert a["betweenness"] == {"method": "sampled", "k": 6}
    assert a == actor_stats(graph, top=13, seed=1)


def test_one_failing_metric_keeps_the_others(graph, monkeypatch):
    def boom(*args, **kwargs):
        raise nx.NetworkXError("boom")

    monkeypatch.setattr(analytics.nx, "betweenness_centrality", boom)
    s = actor_stats(graph, top=3)
    assert s["errors"] == {"betweenness": "NetworkXError: boom"}
    assert "betweenness" not in s
    assert s["top"][0]["label"] == "Syldavie" and s["top"][0]["betweenness"] is None
    assert s["communities"]["count"] == 3 and s["density"] == pytest.approx(18 / 78)
    assert "error in betweenness: NetworkXError: boom" in format_table(s)


def test_louvain_failure_falls_back_to_greedy(graph, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("no louvain")

    monkeypatch.setattr(analytics.nx.community, "louvain_communities", boom)
    s = actor_stats(graph)
    assert s["communities"]["method"] == "greedy_modularity"
    assert sum(s["communities"]["sizes"]) == 13
    assert s["errors"] == {}


def test_empty_graph():
    from rdflib import Graph

    s = actor_stats(Graph())
    assert s["nodes"] == 0 and s["top"] == [] and s["errors"] == {}
    assert s["components"]["count"] == 0 and s["communities"]["count"] == 0
    assert s["communities"]["modularity"] is None


def test_cli_json(capsys):
    assert main(["stats", "--graph", str(DATA), "--format", "json", "--top", "3", "--seed", "42"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["graph"] == str(DATA)
    assert data["nodes"] == 13
    assert [r["label"] for r in data["top"]][0] == "Syldavie"
    assert len(data["top"]) == 3


def test_cli_table(capsys):
    assert main(["stats", "--graph", str(DATA), "--top", "2"]) == 0
    out = capsys.readouterr().out
    assert "13 actors" in out
    assert "communities: 3 (louvain, seed 42" in out
    lines = out.splitlines()
    header = next(i for i, line in enumerate(lines) if line.lstrip().startswith("#"))
    assert "Syldavie" in lines[header + 1] and "State" in lines[header + 1]


def test_cli_bad_format_exit_2(capsys):
    with pytest.raises(SystemExit) as info:
        main(["stats", "--graph", str(DATA), "--format", "xml"])
    assert info.value.code == 2
