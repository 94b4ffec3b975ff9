"""``newsgraph serve``: a SPARQL 1.1 Protocol endpoint over a graph file (Oxigraph server)."""
from __future__ import annotations

import argparse

from graph.errors import UsageError


def add_parser(subparsers) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "serve",
        help="serve a graph as a SPARQL endpoint (Oxigraph server)",
        description=(
            "Load the graph into a temporary Oxigraph store and serve it over the SPARQL 1.1 Protocol "
            "(query endpoint http://HOST:PORT/query) until Ctrl-C; the store is deleted on exit. "
            "Read-only and bound to 127.0.0.1 unless told otherwise."
        ),
    )
    p.add_argument("--graph", required=True, metavar="G", help="graph file (Turtle, N-Triples, N-Quads, TriG, RDF/XML, JSON-LD)")
    p.add_argument("--port", type=int, default=7878, help="TCP port (default 7878; 0 picks a free one)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1: this machine only; 0.0.0.0 exposes it)")
    p.add_argument("--allow-update", action="store_true",
                   help="accept SPARQL Update at /update (changes are lost on exit)")
    p.add_argument("--timeout", type=float, default=None, metavar="S",
                   help="per-query time limit in seconds (Oxigraph --timeout-s; default none)")
    return p


def run(args) -> int:
    from graph.serve import serve_forever

    if not 0 <= args.port <= 65535:
        raise UsageError(f"--port {args.port}: not a TCP port (0-65535)")
    if args.timeout is not None and args.timeout <= 0:
        raise UsageError(f"--timeout {args.timeout:g}: must be a positive number of seconds")
    return serve_forever(args.graph, host=args.host, port=args.port,
                         read_only=not args.allow_update, timeout=args.timeout)
