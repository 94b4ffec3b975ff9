"""``newsgraph check``: run the data checks (``ontology/checks/*-violation.rq``) on a graph.

Exit codes: 0 no error found (warnings allowed, unless ``--strict``), 1 an error
(or, with ``--strict``, a warning) was found, 2 the checks could not run (missing or
unreadable graph, unknown check name).
"""
from __future__ import annotations

import argparse
import json


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Declare ``newsgraph check`` and its options on ``subparsers``."""
    p = subparsers.add_parser(
        "check",
        help="run the data checks (SPARQL, one problem per check) on a graph",
        description=(
            "Run the data checks of ontology/checks on a graph in Oxigraph: facts without provenance, "
            "mentions without an entity, entities without a label, relations without evidence... Each check "
            "lists the nodes breaking one rule; 'error' findings mean a broken graph, 'warning' findings are "
            "worth a review. Exit codes: 0 no error, 1 errors found (or warnings with --strict), 2 the checks "
            "could not run. For SHACL conformance, see 'newsgraph validate'."
        ),
    )
    p.add_argument("names", nargs="*", metavar="CHECK",
                   help="checks to run (default: all); the '-violation' suffix may be left out")
    p.add_argument("--graph", "-g", metavar="FILE",
                   help="graph to check (Turtle, N-Triples, TriG, JSON-LD... by file suffix)")
    p.add_argument("--format", "-f", dest="fmt", choices=("text", "json"), default="text",
                   help="text: one line per check and the first findings (default); json: every finding")
    p.add_argument("--show", type=int, default=5, metavar="N",
                   help="findings shown per check in the text report (default 5, 0 for none)")
    p.add_argument("--strict", action="store_true", help="warnings fail too (exit 1)")
    p.add_argument("--list", action="store_true", help="list the checks and exit")
    return p


def _text(path: str, n_triples: int, results, show: int) -> str:
    from graph.query import _cell

    errors = sum(len(r.findings) for r in results if r.severity == "error")
    warnings = sum(len(r.findings) for r in results if r.severity == "warning")
    lines = [f"{path}: {len(results)} check{'s' if len(results) != 1 else ''}, "
             f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''} "
             f"({n_triples} triples)"]
    width = max((len(r.check.name) for r in results), default=0)
    for r in results:
        n = len(r.findings)
        status = "ok" if not n else r.severity.upper()
        count = "" if not n else f"{n} finding{'s' if n != 1 else ''}"
        lines.append(f"  {status:<7}  {r.check.name:<{width}}  {count}".rstrip())
        for row in r.findings[:max(show, 0)]:
            lines.append("           " + "  ".join(_cell(t) for t in row if t is not None))
        if n > show > 0:
            lines.append(f"           ... {n - show} more (--show {n} or --format json)")
    return "\n".join(lines)


def _json(path: str, n_triples: int, results) -> str:
    def term(t):
        return None if t is None else str(t)

    return json.dumps({
        "graph": path,
        "triples": n_triples,
        "errors": sum(len(r.findings) for r in results if r.severity == "error"),
        "warnings": sum(len(r.findings) for r in results if r.severity == "warning"),
        "checks": [{
            "name": r.check.name,
            "severity": r.severity,
            "description": r.check.description,
            "seconds": round(r.seconds, 4),
            "columns": r.result.columns,
            "findings": [dict(zip(r.result.columns, map(term, row))) for row in r.findings],
        } for r in results],
    }, ensure_ascii=False, indent=2)


def run(args: argparse.Namespace) -> int:
    """Run the checks on ``args.graph``; print the report; return 0 or 1 (or raise for 2)."""
    from graph.check import available_checks, run_checks
    from graph.errors import UsageError
    from graph.store import load_graph

    if args.list:
        checks = available_checks()
        width = max(len(n) for n in checks)
        for name, info in checks.items():
            print(f"{name:<{width}}  {info.severity or 'error':<7}  {info.summary}")
        return 0
    if not args.graph:
        raise UsageError("check: --graph FILE is required (or --list)")
    if args.show < 0:
        raise UsageError(f"--show {args.show}: must be 0 or more")
    g = load_graph(args.graph)  # GraphFileError -> exit 2
    results = run_checks(g, args.names or None)
    n = len(g)
    print(_json(args.graph, n, results) if args.fmt == "json" else _text(args.graph, n, results, args.show))
    failing = {"error", "warning"} if args.strict else {"error"}
    return 1 if any(r.findings and r.severity in failing for r in results) else 0
