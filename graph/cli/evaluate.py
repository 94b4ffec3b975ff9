"""``newsgraph evaluate``: precision, recall and F1 of a graph against gold files."""
from __future__ import annotations

import argparse

from graph.errors import UsageError


def add_parser(subparsers) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "evaluate",
        help="score a graph against gold JSON annotations (P/R/F1)",
        description=(
            "Precision, recall and F1 of the graph's entities, relations (strict and lenient), statements "
            "and agreement dates against one or more gold JSON files, with the missed and spurious items "
            "of each file and micro-averaged totals. When the graph holds the gold document (ng:Document "
            "with dcterms:source or IRI matching the gold 'document' file name), only what that document "
            "mentions is scored."
        ),
    )
    p.add_argument("gold", nargs="+", metavar="GOLD.json", help="gold annotation file(s)")
    p.add_argument("--graph", required=True, metavar="G", help="graph file (Turtle, ...)")
    p.add_argument("--format", dest="fmt", choices=["table", "json"], default="table",
                   help="output format (default table)")
    p.add_argument("--mode", choices=["strict", "lenient"], default="strict",
                   help="relation score shown first; lenient also lists missed implicit relations (default strict)")
    p.add_argument("--max-items", type=int, default=20, metavar="N",
                   help="missed/spurious items listed per kind in the table (default 20; 0: no limit)")
    return p


def run(args) -> int:
    from graph.evaluate import evaluate_files, format_table, to_json

    if args.max_items < 0:
        raise UsageError(f"--max-items {args.max_items}: must be 0 or more")
    results = evaluate_files(args.graph, args.gold)
    if args.fmt == "json":
        print(to_json(results, mode=args.mode))
    else:
        print(format_table(results, mode=args.mode, limit=args.max_items or None))
    return 0
