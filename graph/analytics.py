"""Network statistics of the actor network (networkx).

:func:`actor_stats` works on the *undirected* actor network built by
:func:`graph.export.actor_network` (persons, states, agencies, agreements and
the ``ng:affiliatedWith`` / ``ng:partOf`` / ``ng:party`` links between them;
parallel links between two actors count once). Each metric is computed on its
own: if one fails, the others are still reported and the failure is listed
under ``"errors"``. Everything random takes ``seed``, so a run is repeatable.
"""
from __future__ import annotations

import logging
from collections import Counter

import networkx as nx
from rdflib import Graph

from graph.export import ACTOR_CLASSES, actor_network

__all__ = ["EXACT_BETWEENNESS_MAX_NODES", "BETWEENNESS_SAMPLE", "undirected_actor_network", "actor_stats",
           "format_table"]

logger = logging.getLogger(__name__)

#: betweenness is exact up to this many nodes, sampled (``k`` pivots, seeded) above
EXACT_BETWEENNESS_MAX_NODES = 2000
#: number of pivots for sampled betweenness
BETWEENNESS_SAMPLE = 500


def undirected_actor_network(g: Graph) -> nx.Graph:
    """The actor network as a simple undirected graph (node attributes kept)."""
    return _undirected(actor_network(g))


def _undirected(directed: nx.MultiDiGraph) -> nx.Graph:
    und = nx.Graph()
    und.add_nodes_from(directed.nodes(data=True))
    und.add_edges_from((u, v) for u, v in directed.edges() if u != v)
    return und


def _error(errors: dict, metric: str, exc: BaseException) -> None:
    errors[metric] = f"{type(exc).__name__}: {exc}"
    logger.warning("stats: %s failed (%s)", metric, errors[metric])


def _communities(net: nx.Graph, seed: int) -> tuple[str, list[set]]:
    try:
        return "louvain", list(nx.community.louvain_communities(net, seed=seed))
    except Exception as exc:  # older networkx, or a failure inside louvain
        logger.info("louvain_communities failed (%s); using greedy_modularity_communities", exc)
        return "greedy_modularity", list(nx.community.greedy_modularity_communities(net))


def actor_stats(g: Graph, *, top: int = 10, seed: int = 42) -> dict:
    """Statistics of the actor network of ``g``.

    Parameters
    ----------
    g
        A newsgraph graph.
    top
        How many actors the ``"top"`` table lists.
    seed
        Seed for community detection and sampled betweenness.

    Returns
    -------
    dict
        JSON-ready: ``nodes``, ``edges`` (distinct undirected links),
        ``relations`` (typed relation triples, by predicate under
        ``relations_by_predicate``), ``classes`` (count per class), ``density``,
        ``components`` (``count``, ``largest``, ``isolates``), ``betweenness``
        (``method`` ``exact`` or ``sampled`` and ``k``), ``communities``
        (``method``, ``count``, ``sizes``, ``modularity``), ``top`` (a list of
        ``{iri, label, class, degree, degree_centrality, betweenness,
        community}``, by degree then betweenness then label), ``seed`` and
        ``errors`` (metric -> message, empty when all went well).

    Examples
    --------
    >>> from rdflib import Graph
    >>> g = Graph().parse(data='''
    ...   @prefix ng: <https://w3id.org/newsgraph/ontology#> .
    ...   @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    ...   <urn:p> a ng:Person ; rdfs:label "P" ; ng:affiliatedWith <urn:s> .
    ...   <urn:s> a ng:State ; rdfs:label "S" .''', format="turtle")
    >>> s = actor_stats(g)
    >>> s["nodes"], s["edges"], s["density"], s["top"][0]["degree"]
    (2, 1, 1.0, 1)
    """
    errors: dict[str, str] = {}
    directed = actor_network(g)
    net = _undirected(directed)
    n = net.number_of_nodes()

    class_counts = Counter(d["class"] for _, d in net.nodes(data=True))
    stats: dict = {
        "nodes": n,
        "edges": net.number_of_edges(),
        "relations": directed.number_of_edges(),
        "relations_by_predicate": dict(sorted(Counter(k for _, _, k in directed.edges(keys=True)).items())),
        "classes": {name: class_counts.get(name, 0) for name in ACTOR_CLASSES.values()},
        "seed": seed,
    }

    try:
        stats["density"] = nx.density(net)
    except Exception as exc:
        _error(errors, "density", exc)

    try:
        comps = sorted((len(c) for c in nx.connected_components(net)), reverse=True)
        stats["components"] = {"count": len(comps), "largest": comps[0] if comps else 0,
                               "isolates": nx.number_of_isolates(net)}
    except Exception as exc:
        _error(errors, "components", exc)

    degree_c: dict = {}
    try:
        degree_c = nx.degree_centrality(net)
    except Exception as exc:
        _error(errors, "degree_centrality", exc)

    betweenness: dict = {}
    try:
        if n <= EXACT_BETWEENNESS_MAX_NODES:
            betweenness = nx.betweenness_centrality(net)
            stats["betweenness"] = {"method": "exact", "k": None}
        else:
            k = min(BETWEENNESS_SAMPLE, n)
            betweenness = nx.betweenness_centrality(net, k=k, seed=seed)
            stats["betweenness"] = {"method": "sampled", "k": k}
    except Exception as exc:
        _error(errors, "betweenness", exc)

    community_of: dict = {}
    try:
        method, comms = _communities(net, seed)
        comms = sorted(comms, key=lambda c: (-len(c), min(c)))  # numbered by size, then by IRI
        for i, members in enumerate(comms):
            for node in members:
                community_of[node] = i
        info = {"method": method, "count": len(comms), "sizes": [len(c) for c in comms], "modularity": None}
        if net.number_of_edges():
            info["modularity"] = nx.community.modularity(net, comms)
        stats["communities"] = info
    except Exception as exc:
        _error(errors, "communities", exc)

    rows = []
    for node, data in net.nodes(data=True):
        rows.append({
            "iri": node,
            "label": data["label"],
            "class": data["class"],
            "degree": net.degree(node),
            "degree_centrality": degree_c.get(node),
            "betweenness": betweenness.get(node),
            "community": community_of.get(node),
        })
    rows.sort(key=lambda r: (-r["degree"], -(r["betweenness"] or 0.0), r["label"].casefold(), r["iri"]))
    stats["top"] = rows[: max(top, 0)]
    stats["errors"] = errors
    return stats


def _num(value, fmt: str = ".4f") -> str:
    if value is None:
        return "-"
    return format(value, fmt) if isinstance(value, float) else str(value)


def format_table(stats: dict) -> str:
    """Human-readable report of :func:`actor_stats` (plain text, fixed-width table)."""
    lines = []
    classes = ", ".join(f"{name} {count}" for name, count in stats.get("classes", {}).items())
    lines.append(f"actor network: {stats['nodes']} actors ({classes}), {stats['edges']} links "
                 f"from {stats['relations']} relations")
    if stats.get("relations_by_predicate"):
        lines.append("relations: " + ", ".join(f"{k} {v}" for k, v in stats["relations_by_predicate"].items()))
    if "density" in stats:
        lines.append(f"density: {stats['density']:.4f}")
    if "components" in stats:
        c = stats["components"]
        lines.append(f"connected components: {c['count']} (largest {c['largest']}, isolated actors {c['isolates']})")
    if "communities" in stats:
        c = stats["communities"]
        lines.append(f"communities: {c['count']} ({c['method']}, seed {stats['seed']}; sizes "
                     f"{' '.join(map(str, c['sizes']))}; modularity {_num(c['modularity'])})")
    if "betweenness" in stats:
        b = stats["betweenness"]
        lines.append("betweenness: " + ("exact" if b["method"] == "exact" else f"sampled, k={b['k']}, seed {stats['seed']}"))
    header = ["#", "label", "class", "degree", "betweenness", "community"]
    body = [[str(i), r["label"], r["class"], str(r["degree"]), _num(r["betweenness"]), _num(r["community"])]
            for i, r in enumerate(stats.get("top", []), 1)]
    if body:
        widths = [max(len(row[j]) for row in [header] + body) for j in range(len(header))]
        right = {0, 3, 4, 5}
        lines.append("")
        lines.append(f"top {len(body)} actors")
        for row in [header] + body:
            cells = [cell.rjust(w) if j in right else cell.ljust(w) for j, (cell, w) in enumerate(zip(row, widths))]
            lines.append("  ".join(cells).rstrip())
    for metric, message in stats.get("errors", {}).items():
        lines.append(f"error in {metric}: {message}")
    return "\n".join(lines)
