"""newsgraph build PATH... --out DIR"""
from __future__ import annotations

import sys
from pathlib import Path

from graph.errors import UsageError


def _shown(path: str) -> str:
    """A path printable on one line: control characters (a newline in a file name) escaped."""
    return path if path.isprintable() else path.encode("unicode_escape").decode("ascii")


def add_parser(sub):
    p = sub.add_parser(
        "build",
        help="extract articles (.txt/.html files or folders) into DIR/graph.ttl and DIR/graph.html",
        description="Read news articles, extract persons, states, agencies, agreements and statements, "
        "and write the knowledge graph as Turtle (graph.ttl) and as an interactive page (graph.html). "
        "Exit codes: 0 all inputs built, 1 some inputs failed (the others were built), 2 usage error.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders of articles")
    p.add_argument("--out", default="out", metavar="DIR", help="output folder (default: out)")
    p.add_argument("--model", default="fr_core_news_sm", help="spaCy model package (default: fr_core_news_sm)")
    p.add_argument("--lang", default="fr", help="language of the articles (default: fr)")
    p.add_argument("--no-html", action="store_true", help="do not write graph.html")
    p.add_argument("--max-bytes", type=int, default=20_000_000, help="refuse files larger than this (default 20 MB)")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors (and no progress bar)")
    p.add_argument("-j", "--jobs", type=int, default=1, metavar="N",
                   help="extraction processes, each loading the model once (default 1: in this process; "
                   "0: one per CPU); with --executor dask, the workers of the local cluster")
    p.add_argument("--executor", choices=("local", "dask"), default="local",
                   help="local: this machine's processes (default); dask: a Dask distributed cluster "
                   "writing N-Quads shards to DIR/shards (needs 'pip install dask[distributed]')")
    p.add_argument("--scheduler", metavar="ADDRESS", default=None,
                   help="with --executor dask: address of a running dask scheduler (tcp://host:8786); "
                   "default: a LocalCluster of --jobs workers")
    p.add_argument("--store", metavar="STOREDIR", default=None,
                   help="incremental build: keep one named graph per document in an on-disk Oxigraph store "
                   "in STOREDIR; unchanged articles (same content hash) are skipped, changed ones replace "
                   "their own graph; DIR/graph.ttl is then the whole stored graph and DIR/graph.trig the "
                   "named graphs")
    p.add_argument("--prune", action="store_true",
                   help="with --store: remove stored documents whose source file no longer exists")
    return p


def run(args) -> int:
    from graph.pipeline import run_build

    missing = [p for p in args.paths if not Path(p).exists()]
    if len(missing) == len(args.paths):
        raise UsageError(f"{missing[0]}: no such file or folder")
    import os

    if args.jobs < 0:
        raise UsageError(f"--jobs must be 0 (one per CPU) or more, not {args.jobs}")
    if args.scheduler and args.executor != "dask":
        raise UsageError("--scheduler needs --executor dask")
    if args.store and args.executor == "dask":
        raise UsageError("--store does not work with --executor dask yet (use --jobs N)")
    jobs = args.jobs or os.cpu_count() or 1
    if args.executor == "dask" and args.jobs == 1 and not args.scheduler:
        jobs = os.cpu_count() or 1   # a one-worker local cluster is pointless
    if args.prune and not args.store:
        raise UsageError("--prune needs --store STOREDIR")
    report = run_build(args.paths, args.out, model=args.model, html=not args.no_html,
                       max_bytes=args.max_bytes, lang=args.lang, jobs=jobs, executor=args.executor,
                       scheduler=args.scheduler, progress=not args.quiet,
                       store=args.store, prune=args.prune)
    for f in report.failures:
        print(f"error: {_shown(f.path)}: {f.problem}", file=sys.stderr)
    if not args.quiet:
        ents = ", ".join(f"{k} {report.entities.get(k, 0)}" for k in ("Person", "State", "Agency", "Agreement"))
        rels = ", ".join(f"{k} {v}" for k, v in sorted(report.relations.items())) or "none"
        print(f"documents   {report.documents} ({report.words} words)" + (f", {len(report.failures)} failed" if report.failures else ""))
        print(f"entities    {ents}")
        print(f"relations   {rels}")
        print(f"statements  {report.statements}")
        if args.store:
            print(f"store       {args.store}: {len(report.stored)} document(s) written, {report.skipped} unchanged "
                  f"skipped" + (f", {len(report.pruned)} pruned" if args.prune else ""))
        print(f"triples     {report.triples}")
        print("seconds     " + f"{report.seconds:.2f} (" + ", ".join(f"{k} {v:.2f}" for k, v in report.timings.items()) + ")")
        for o in report.outputs:
            print(f"wrote       {o}")
    if report.failures:
        print(f"{len(report.failures)} input(s) failed; the others were built.", file=sys.stderr)
    return report.exit_code
