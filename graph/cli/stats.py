"""``newsgraph stats``: network statistics of the actor network."""
from __future__ import annotations

import argparse
import json

from graph.errors import UsageError


def add_parser(subparsers) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "stats",
        help="actor network statistics: centralities, components, communities",
        description=(
            "Statistics of the undirected actor network (persons, states, agencies, agreements linked by "
            "affiliatedWith, partOf, party): counts per class, density, connected components, degree and "
            "betweenness centrality (exact up to 2,000 actors, sampled above), Louvain communities. "
            "A metric that fails is reported and the others are still given."
        ),
    )
    p.add_argument("--graph", required=True, metavar="G", help="graph file (Turtle, ...)")
    p.add_argument("--top", type=int, default=10, metavar="N", help="how many top actors to list (default 10)")
    p.add_argument("--format", dest="fmt", choices=["table", "json"], default="table",
                   help="output format (default table)")
    p.add_argument("--seed", type=int, default=42, help="random seed for communities and sampling (default 42)")
    return p


def run(args) -> int:
    from graph.analytics import actor_stats, format_table
    from graph.store import load_graph

    if args.top < 0:
        raise UsageError(f"--top {args.top}: must be 0 or more")
    stats = actor_stats(load_graph(args.graph), top=args.top, seed=args.seed)
    if args.fmt == "json":
        print(json.dumps({"graph": str(args.graph), **stats}, ensure_ascii=False, indent=2))
    else:
        print(format_table(stats))
    return 0
