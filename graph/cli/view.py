"""``newsgraph view``: write the interactive network page of a graph.

    newsgraph view --graph out/graph.ttl --out out/ministre.html --focus "Jean Dupont" --depth 1

Exit codes: 0 page written; 2 usage error (missing or invalid graph file, unknown focus,
unknown class).
"""
from __future__ import annotations

import argparse


def add_parser(subparsers) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "view",
        help="write the interactive network page (one self-contained HTML file)",
        description=(
            "Write the knowledge graph as an interactive network: one self-contained HTML "
            "file (no request leaves the page) with search, class filters, a legend, and "
            "tooltips giving role titles, dates, quotes and the evidence sentence with its "
            "source document. Positions are computed in Python, deterministic for a seed."),
    )
    p.add_argument("--graph", required=True, metavar="G",
                   help="graph file (Turtle, N-Triples, ...), e.g. out/graph.ttl")
    p.add_argument("--out", required=True, metavar="F.html", help="HTML file to write")
    p.add_argument("--focus", metavar="ENTITY",
                   help="only the neighbourhood of this entity: an IRI, id:... CURIE, label or "
                        "alias (case- and accent-insensitive)")
    p.add_argument("--depth", type=int, default=2, metavar="N",
                   help="hops around --focus, in either direction (default: 2)")
    p.add_argument("--max-nodes", type=int, metavar="N",
                   help="keep the N nodes with the highest degree, then mention count")
    p.add_argument("--classes", metavar="LIST",
                   help="comma-separated classes to show among Person, State, Agency, "
                        "Agreement, Statement (default: all but Statement)")
    p.add_argument("--seed", type=int, default=42, help="layout seed (default: 42)")
    p.add_argument("--physics-threshold", type=int, default=300, metavar="N",
                   help="physics is on at first only for networks of at most N nodes "
                        "(default: 300)")
    p.add_argument("--title", default="newsgraph", help="page title (default: newsgraph)")
    return p


def run(args: argparse.Namespace) -> int:
    from graph.store import load_graph
    from graph.visualise import render_html

    g = load_graph(args.graph)  # GraphFileError -> exit 2 in the dispatcher
    stats = render_html(g, args.out, focus=args.focus, depth=args.depth,
                        max_nodes=args.max_nodes, classes=args.classes, seed=args.seed,
                        physics_threshold=args.physics_threshold, title=args.title)
    print(f"wrote {args.out}: {stats.nodes} nodes, {stats.edges} edges, "
          f"physics {'on' if stats.physics else 'off'}, {stats.seconds:.2f}s")
    return 0
