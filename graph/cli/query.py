"""``newsgraph query``: run a ready query, a .rq file or inline SPARQL on a graph."""
from __future__ import annotations

import argparse
import sys

from graph.errors import UsageError


def add_parser(sub) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "query",
        help="run a SPARQL query (a ready query name, a .rq file or inline SPARQL) on a graph",
        description=(
            "Run a SPARQL query on a graph file. QUERY is the name of a ready query "
            "(see --list), a path to a .rq file, or inline SPARQL. Parameters are bound "
            "through the engine, never pasted into the query text. Ready queries whose unbound form "
            "would list the whole graph require a parameter (see --list). Exit codes: 0 success "
            "(also with 0 rows), 2 bad query, parameter or graph file."
        ),
    )
    p.add_argument("query", nargs="?", metavar="QUERY", help="ready query name, .rq file or inline SPARQL")
    p.add_argument("--graph", "-g", default="out/graph.ttl", metavar="G",
                   help="graph file (Turtle, N-Triples, ...; default: out/graph.ttl)")
    p.add_argument("--format", "-f", default="table", choices=["table", "csv", "json"],
                   help="output format: aligned table, SPARQL CSV, SPARQL JSON (default: table)")
    p.add_argument("--param", "-p", action="append", default=[], metavar="NAME=VALUE",
                   help="bind ?NAME: an IRI (<...> or https://...), a prefixed name (id:state/RUS), "
                        "an ISO3 code for 'state', or a literal; repeatable")
    p.add_argument("--list", action="store_true", help="list the ready queries with their descriptions")
    return p


def run(args) -> int:
    from graph.query import (available_queries, check_required, format_result, load_query, parse_params,
                             query_info, ready_query_info, run_query)
    from graph.store import load_graph

    if args.list:
        infos = [query_info(path) for path in available_queries().values()]
        width = max((len(i.name) for i in infos), default=0)
        for info in infos:
            line = f"{info.name.ljust(width)}  {info.summary}"
            if info.parameters:
                line += f"  [params: {', '.join(info.parameters)}"
                if info.required:
                    line += f"; requires {' or '.join(info.required)}"
                line += "]"
            print(line)
        return 0
    if not args.query:
        raise UsageError("give a QUERY (a ready query name, a .rq file or inline SPARQL), or --list")
    name, text = load_query(args.query)
    params = parse_params(args.param)
    info = ready_query_info(args.query)
    if info is not None:
        check_required(info, params)
    g = load_graph(args.graph)
    result = run_query(g, text, params, name=name)
    out = format_result(result, args.format)
    sys.stdout.write(out if out.endswith("\n") else out + "\n")
    return 0
