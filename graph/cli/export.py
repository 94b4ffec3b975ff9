"""``newsgraph export``: write the graph in another RDF syntax or as a network file."""
from __future__ import annotations

import argparse
import sys

from graph.errors import UsageError

FORMAT_HELP = (
    "turtle, trig, nquads, ntriples, jsonld, rdfxml: the whole graph (trig/nquads keep named graphs); "
    "graphml, gexf: the actor network (persons, states, agencies, agreements); "
    "csv: the actor network as OUT/nodes.csv and OUT/edges.csv"
)


def add_parser(subparsers) -> argparse.ArgumentParser:
    from graph.export import FORMATS

    p = subparsers.add_parser(
        "export",
        help="export the graph to RDF syntaxes, GraphML, GEXF or CSV",
        description="Export a graph file. " + FORMAT_HELP + ". Files are written atomically.",
    )
    p.add_argument("--graph", required=True, metavar="G", help="graph file (Turtle, TriG, N-Quads, ...)")
    p.add_argument("--format", required=True, dest="fmt", metavar="FORMAT",
                   help="one of: " + ", ".join(FORMATS))
    p.add_argument("--out", required=True, metavar="PATH", help="output file (a directory for csv)")
    return p


def run(args) -> int:
    from graph.export import FORMATS, export_graph, load_for_export

    fmt = args.fmt.lower()
    if fmt not in FORMATS:  # checked before loading a possibly large graph
        raise UsageError(f"unknown export format {args.fmt!r} (choose from {', '.join(FORMATS)})")
    g = load_for_export(args.graph)
    out = export_graph(g, fmt, args.out)
    print(f"wrote {out} ({fmt})", file=sys.stderr)
    return 0
