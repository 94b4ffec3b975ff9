"""Throughput of ``newsgraph build`` against bare spaCy, on a French news corpus.

    .venv/bin/python benchmarks/bench_build.py                      # whole corpus (a few minutes)
    .venv/bin/python benchmarks/bench_build.py --limit 50 --profile # 50 articles, rules profiled
    .venv/bin/python benchmarks/bench_build.py --corpus PATH --html --batch-size 8

The corpus (default ``../shared/corpus/fr-bench`` relative to the repository root) is
read in place, never copied: its ``*.txt`` files, sorted by name, the first ``--limit``.

Figures (all printed as markdown):

1. bare spaCy: words/s of ``nlp.pipe(texts, batch_size=B)`` over the very texts the build
   sees (``Article.text`` after reading), with the pipeline newsgraph uses
   (``graph.extract.nlp.load_nlp``: fr_core_news_sm + the ``ng_newline_sents``
   component) and with ``spacy.load(model)`` unmodified. Docs are discarded as produced.
2. newsgraph: the build of ``graph.pipeline.run_build`` stage by stage on the same files:
   ``read_articles`` -> ``extract_all`` -> ``build_graph`` -> ``save_graph`` (Turtle, to a
   temporary folder) [-> ``render_html`` with ``--html``]. ``extract_all`` is the real
   function; the rules time is measured by wrapping ``graph.extract.extract_doc`` (which
   ``extract_all`` imports at call time) with a timer, and spaCy = extract_all - rules.
   Words are counted as the pipeline does (``len(text.split())``).
   With ``--profile`` a *second* ``extract_all`` pass runs with cProfile enabled around each
   ``extract_doc`` call only (so the timed pass carries no profiler overhead), and the top
   functions by cumulative and by own time are printed.
3. peak memory: ``resource.getrusage(RUSAGE_SELF).ru_maxrss`` after each stage (a high-water
   mark of the whole process, so it only grows).
4. ``--jobs N`` scaling: for each N of ``--jobs`` (default ``1,2``) a fresh Python process runs
   the build as ``run_build`` does it (read -> ``extract_all(jobs=N)`` -> ``build_graph`` ->
   ``save_turtle``), model loading included (N=1 loads in the process, N>1 in each worker, in
   parallel). Printed: wall seconds, words/s with and without one model load (the load time
   of the first section), speed-up vs the first N, and peak RSS of the build process
   (``RUSAGE_SELF``) and of its largest worker (``RUSAGE_CHILDREN``, all workers reaped),
   with parent + N x worker as the total bound.

The model is loaded (and warmed up on one short text) before any timing; loading time is
reported separately. The load average is printed because other processes on the machine
skew the figures. No network access.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import logging
import os
import platform
import pstats
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO / ".." / "shared" / "corpus" / "fr-bench"
WARMUP = "Le ministre des Affaires étrangères, M. Dupont, a signé l'accord à Paris le 3 mars 2021.\nFin."


def maxrss_mib() -> float:
    """Peak resident set size of this process so far, MiB (Linux reports KiB)."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 1024 / (1024 if sys.platform == "darwin" else 1)


def git_state() -> str:
    """Commit and whether graph/ has uncommitted changes (read-only git calls)."""
    import subprocess

    try:
        head = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--", "graph"], capture_output=True,
                               text=True, timeout=10).stdout.split("\n")
    except (OSError, subprocess.SubprocessError):
        return "unknown (no git)"
    changed = [line[3:] for line in dirty if line.strip()]
    return f"commit {head or '?'}" + (f", uncommitted changes in {', '.join(changed)}" if changed else ", graph/ clean")


def corpus_files(corpus: Path, limit: int | None) -> list[Path]:
    files = sorted(p for p in corpus.glob("*.txt") if p.is_file())
    return files[:limit] if limit else files


def rate(words: int, seconds: float) -> str:
    return f"{words / seconds:,.0f}" if seconds > 0 else "-"


def table(headers: list[str], rows: list[list[object]], left: int = 1) -> str:
    """Markdown table; the first ``left`` columns are left-aligned, the others right-aligned."""
    out = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" if i < left else "---:" for i in range(len(headers))) + "|"]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(out)


class Clock:
    """Wall and CPU (this process, all threads) seconds of a ``with`` block."""

    def __enter__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        self.wall, self.cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu


def time_pipe(nlp, texts: list[str], batch_size: int) -> tuple[Clock, int]:
    """Wall/CPU seconds of ``nlp.pipe`` over ``texts`` (docs consumed and dropped) and the token count."""
    tokens = 0
    with Clock() as c:
        for doc in nlp.pipe(texts, batch_size=batch_size):
            tokens += len(doc)
    return c, tokens


class TimedRules:
    """Replaces ``graph.extract.extract_doc`` for one ``extract_all`` call; times (and optionally profiles) it."""

    def __init__(self, profiler: cProfile.Profile | None = None):
        import graph.extract

        self.module = graph.extract
        self.original = graph.extract.extract_doc
        self.profiler = profiler
        self.wall = 0.0
        self.cpu = 0.0
        self.calls = 0

    def __call__(self, article, doc):
        original = self.original
        prof = self.profiler
        t, c = time.perf_counter(), time.process_time()
        if prof is not None:
            prof.enable()
        try:
            return original(article, doc)
        finally:
            if prof is not None:
                prof.disable()
            self.wall += time.perf_counter() - t
            self.cpu += time.process_time() - c
            self.calls += 1

    def __enter__(self):
        self.module.extract_doc = self
        return self

    def __exit__(self, *exc):
        self.module.extract_doc = self.original


def profile_table(prof: cProfile.Profile, sort: str, top: int) -> str:
    stats = pstats.Stats(prof, stream=io.StringIO())
    stats.sort_stats(sort)
    rows = []
    for func in stats.fcn_list[:top]:
        cc, nc, tt, ct, _callers = stats.stats[func]
        filename, line, name = func
        short = filename
        for root in (str(REPO) + os.sep, str(Path(sys.prefix)) + os.sep):
            if short.startswith(root):
                short = short[len(root):]
        if "site-packages" + os.sep in short:
            short = short.split("site-packages" + os.sep, 1)[1]
        where = f"{short}:{line}" if line else short
        calls = f"{nc}" if nc == cc else f"{nc}/{cc}"
        rows.append([f"`{name}`", f"`{where}`", calls, f"{tt:.3f}", f"{ct:.3f}"])
    return table(["function", "where", "calls", "own s", "cumulative s"], rows, left=2)


def rate_of(words: int, seconds: float) -> float:
    return words / seconds if seconds > 0 else float("nan")


def run_child(args, jobs: int) -> dict:
    """One build in a fresh interpreter (``--child N``); its JSON figures."""
    import json
    import subprocess

    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", str(jobs), "--corpus", str(args.corpus),
           "--model", args.model] + (["--limit", str(args.limit)] if args.limit else [])
    res = subprocess.run(cmd, capture_output=True, text=True, cwd=str(REPO))
    if res.returncode != 0:
        raise SystemExit(f"--child {jobs} failed:\n{res.stderr[-2000:]}")
    return json.loads(res.stdout.strip().splitlines()[-1])


def proc_status_kib(pid, field: str) -> int:
    """A ``kB`` field of /proc/PID/status (VmHWM: peak RSS of that process image, reset at exec)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


class TreeWatch:
    """Samples every descendant process (4 times a second): peak RSS (VmHWM) and CPU seconds.

    ``getrusage(RUSAGE_CHILDREN)`` cannot be used for the workers: they are children of the
    multiprocessing forkserver, which is reaped only at exit, and ``ru_maxrss`` is inherited
    across fork/exec (a child of a big process reports the parent's peak).
    """

    def __init__(self, every: float = 0.25):
        import threading

        self.every, self.hwm, self.cpu = every, {}, {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self):
        try:
            import psutil
        except ImportError:
            return
        for p in psutil.Process().children(recursive=True):
            try:
                t = p.cpu_times()
                self.cpu[p.pid] = t.user + t.system
            except psutil.Error:
                continue
            self.hwm[p.pid] = max(self.hwm.get(p.pid, 0), proc_status_kib(p.pid, "VmHWM"))

    def _run(self):
        while not self._stop.wait(self.every):
            self._sample()

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def child_build(args) -> int:
    """The build of ``run_build`` with ``extract_all(jobs=N)``, timed; one JSON line on stdout."""
    import json

    t0 = time.perf_counter()
    from graph.build import build_graph
    from graph.pipeline import extract_all
    from graph.read import read_articles
    from graph.store import save_turtle
    from graph.types import ReadFailure

    files = corpus_files(args.corpus.resolve(), args.limit)
    articles = [a for a in read_articles([str(f) for f in files]) if not isinstance(a, ReadFailure)]
    watch = TreeWatch()
    t1 = time.perf_counter()
    with watch:
        exs = extract_all(articles, model=args.model, jobs=args.child)
    t2 = time.perf_counter()
    g = build_graph(exs)
    t3 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-jobs-") as tmp:
        n_triples = save_turtle(g, Path(tmp) / "graph.ttl")
    t4 = time.perf_counter()
    kib = 1024 * (1024 if sys.platform == "darwin" else 1)
    print(json.dumps({
        "docs": len(exs), "words": sum(len(ex.article.text.split()) for ex in exs), "triples": n_triples,
        "wall": t4 - t0, "read": t1 - t0, "extract": t2 - t1, "triples_s": t3 - t2, "turtle_s": t4 - t3,
        "rss_self": proc_status_kib("self", "VmHWM") / 1024,
        "rusage_self": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / kib,
        "rss_children": max(watch.hwm.values(), default=0) / 1024, "workers": len(watch.hwm),
        "cpu_self": time.process_time(), "cpu_children": sum(watch.cpu.values()),
    }))
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, metavar="PATH",
                    help="folder of .txt articles (default: ../shared/corpus/fr-bench from the repo root)")
    ap.add_argument("--limit", type=int, default=None, metavar="N", help="first N files only (sorted by name)")
    ap.add_argument("--model", default="fr_core_news_sm")
    ap.add_argument("--batch-size", type=int, default=8, help="nlp.pipe batch size for bare spaCy (extract_all uses 8)")
    ap.add_argument("--html", action="store_true", help="also time graph.html (render_html)")
    ap.add_argument("--profile", action="store_true", help="cProfile the rules stage (a second extract_all pass)")
    ap.add_argument("--top", type=int, default=15, help="rows of the profile tables (default 15)")
    ap.add_argument("--jobs", default="1,2", metavar="N,N",
                    help="process counts for the scaling section (default 1,2; '' to skip it)")
    ap.add_argument("--child", type=int, default=None, help=argparse.SUPPRESS)  # one timed build, JSON out
    args = ap.parse_args(argv)
    if args.child is not None:
        return child_build(args)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")

    corpus = args.corpus.resolve()
    if not corpus.is_dir():
        print(f"error: corpus folder not found: {corpus} (give --corpus PATH)", file=sys.stderr)
        return 2
    files = corpus_files(corpus, args.limit)
    if not files:
        print(f"error: no .txt files in {corpus}", file=sys.stderr)
        return 2

    import spacy

    from graph.build import build_graph
    from graph.extract.nlp import load_nlp
    from graph.pipeline import extract_all
    from graph.read import read_articles
    from graph.store import save_turtle
    from graph.types import ReadFailure

    load0 = os.getloadavg()
    rss: list[tuple[str, float]] = [("start (imports)", maxrss_mib())]

    # -- model loading (not part of any throughput figure) ------------------------------
    t = time.perf_counter()
    nlp_ng = load_nlp(args.model)          # lru_cached: extract_all gets this very object
    nlp_ng(WARMUP)
    load_ng = time.perf_counter() - t
    t = time.perf_counter()
    nlp_plain = spacy.load(args.model)
    nlp_plain(WARMUP)
    load_plain = time.perf_counter() - t
    rss.append(("models loaded (2 copies)", maxrss_mib()))

    # -- read --------------------------------------------------------------------------
    articles, failures = [], []
    with Clock() as c_read:
        for item in read_articles([str(f) for f in files]):
            (failures if isinstance(item, ReadFailure) else articles).append(item)
    texts = [a.text for a in articles]
    words = sum(len(x.split()) for x in texts)
    chars = sum(len(x) for x in texts)
    rss.append(("read", maxrss_mib()))

    # -- 1. bare spaCy -----------------------------------------------------------------
    c_plain, tok_plain = time_pipe(nlp_plain, texts, args.batch_size)
    rss.append(("bare spaCy, spacy.load", maxrss_mib()))
    c_bare, tok_bare = time_pipe(nlp_ng, texts, args.batch_size)
    rss.append(("bare spaCy, load_nlp", maxrss_mib()))
    del nlp_plain
    # spaCy caches per string (tokenizer cache, vocab lexemes, lemmatizer cache): a pipeline
    # that has seen the texts runs them ~1.5-2x faster. A real build starts cold, so
    # extract_all gets a fresh pipeline (same load_nlp, cache cleared; load not timed).
    load_nlp.cache_clear()
    t = time.perf_counter()
    nlp_ng = load_nlp(args.model)
    nlp_ng(WARMUP)
    load_ng2 = time.perf_counter() - t
    rss.append(("fresh load_nlp for the build", maxrss_mib()))

    # -- 2. newsgraph build ------------------------------------------------------------
    with TimedRules() as rules, Clock() as c_extract:
        exs = extract_all(articles, model=args.model)
    c_rules = Clock()
    c_rules.wall, c_rules.cpu = (rules.wall, rules.cpu) if rules.calls else (float("nan"), float("nan"))
    c_spacy = Clock()
    c_spacy.wall, c_spacy.cpu = c_extract.wall - rules.wall, c_extract.cpu - rules.cpu
    rss.append(("extract_all", maxrss_mib()))
    with Clock() as c_triples:
        g = build_graph(exs)
    n_triples = len(g)
    rss.append(("build_graph", maxrss_mib()))
    c_html = None
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        ttl = Path(tmp) / "graph.ttl"
        with Clock() as c_turtle:
            save_turtle(g, ttl)
        ttl_bytes = ttl.stat().st_size
        rss.append(("turtle", maxrss_mib()))
        if args.html:
            from graph.visualise import render_html

            with Clock() as c_html:
                render_html(g, Path(tmp) / "graph.html")
            rss.append(("html", maxrss_mib()))
    peak_build = maxrss_mib()
    load1 = os.getloadavg()

    stages = [("read", c_read), ("spaCy (in extract_all)", c_spacy), ("rules (extract_doc)", c_rules),
              ("triples (build_graph)", c_triples), ("turtle (save_turtle)", c_turtle)]
    if c_html is not None:
        stages.append(("html (render_html)", c_html))
    total = Clock()
    total.wall, total.cpu = sum(c.wall for _, c in stages), sum(c.cpu for _, c in stages)
    t_bare, t_plain = c_bare.wall, c_plain.wall

    # -- report ------------------------------------------------------------------------
    print(f"# newsgraph build benchmark ({time.strftime('%Y-%m-%d %H:%M')})\n")
    print(f"- corpus: `{corpus}`: {len(files)} files, {len(articles)} articles read, {len(failures)} failures, "
          f"{words:,} words (whitespace split), {chars:,} characters, {tok_bare:,} spaCy tokens")
    print(f"- model: {args.model} {nlp_ng.meta.get('version', '?')}, spaCy {spacy.__version__}; "
          f"newsgraph pipeline: {', '.join(nlp_ng.pipe_names)}; batch_size={args.batch_size}")
    print(f"- machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"load average {load0[0]:.2f} at start, {load1[0]:.2f} at end "
          f"(a load above the CPU count means other processes share the CPUs: trust CPU s more than wall s)")
    print(f"- model load + warm-up (not counted): load_nlp {load_ng:.1f} s, spacy.load {load_plain:.1f} s, "
          f"load_nlp again for the build {load_ng2:.1f} s; each measured pass starts with a pipeline that has "
          f"not seen the texts")
    print(f"- code: {git_state()}")
    print(f"- output: {len(exs)} extractions, {n_triples:,} triples, Turtle {ttl_bytes / 1e6:.1f} MB\n")

    print("## 1. Bare spaCy vs newsgraph\n")
    rows = [
        ["bare spaCy, `spacy.load` unmodified", f"{c_plain.wall:.2f}", f"{c_plain.cpu:.2f}", rate(words, c_plain.wall),
         rate(words, c_plain.cpu), f"{c_plain.wall / t_bare:.2f}"],
        ["bare spaCy, `load_nlp` (newsgraph pipeline)", f"{c_bare.wall:.2f}", f"{c_bare.cpu:.2f}", rate(words, c_bare.wall),
         rate(words, c_bare.cpu), "1.00"],
        ["newsgraph build (read → turtle" + (" → html" if c_html is not None else "") + ")",
         f"{total.wall:.2f}", f"{total.cpu:.2f}", rate(words, total.wall), rate(words, total.cpu), f"{total.wall / t_bare:.2f}"],
    ]
    print(table(["run", "wall s", "CPU s", "words/s (wall)", "words/CPU s", "wall vs bare spaCy (load_nlp)"], rows))
    print(f"\nnewsgraph/bare spaCy throughput ratio (words/s, load_nlp pipeline): **{t_bare / total.wall:.2f}** wall, "
          f"**{c_bare.cpu / total.cpu:.2f}** CPU; vs unmodified spacy.load: {t_plain / total.wall:.2f} wall, "
          f"{c_plain.cpu / total.cpu:.2f} CPU\n")

    print("## 2. newsgraph build per stage\n")
    rows = [[name, f"{c.wall:.2f}", f"{c.cpu:.2f}", f"{100 * c.wall / total.wall:.1f}%", rate(words, c.wall),
             f"{1000 * c.wall / max(1, len(articles)):.1f}"] for name, c in stages]
    rows.append(["**total**", f"**{total.wall:.2f}**", f"**{total.cpu:.2f}**", "100%", f"**{rate(words, total.wall)}**",
                 f"{1000 * total.wall / max(1, len(articles)):.1f}"])
    print(table(["stage", "wall s", "CPU s", "share (wall)", "words/s", "ms/article"], rows))
    print(f"\nspaCy inside extract_all vs bare `nlp.pipe` (load_nlp): {c_spacy.wall:.2f} s vs {t_bare:.2f} s wall, "
          f"{c_spacy.cpu:.2f} s vs {c_bare.cpu:.2f} s CPU; rules are timed around {rules.calls} `extract_doc` calls.\n")

    print("## 3. Peak memory (ru_maxrss, high-water mark)\n")
    print(table(["after", "peak RSS MiB"], [[name, f"{m:,.0f}"] for name, m in rss]))
    print(f"\npeak RSS of the process for the build: **{peak_build:,.0f} MiB**\n")

    print("## 4. --jobs N scaling (fresh process per N, model loading included)\n")
    counts = [int(x) for x in args.jobs.split(",") if x.strip()]
    if counts:
        load_a = os.getloadavg()
        runs = [(n, run_child(args, n)) for n in counts]
        load_b = os.getloadavg()
        base = runs[0][1]["wall"]
        rows = []
        for n, r in runs:
            steady = r["wall"] - load_ng2
            rows.append([f"--jobs {n}", r["docs"], f"{r['wall']:.2f}", f"{r['extract']:.2f}",
                         f"{r['triples_s']:.2f}", f"{r['turtle_s']:.2f}", rate(r["words"], r["wall"]),
                         rate(r["words"], steady), f"{rate_of(r['words'], steady) / rate_of(words, t_bare):.2f}",
                         f"{base / r['wall']:.2f}x", f"{r['cpu_self'] + r['cpu_children']:.1f}",
                         f"{r['rss_self']:,.0f}", f"{r['rss_children']:,.0f}" if n > 1 else "-",
                         f"{r['rss_self'] + (n if n > 1 else 0) * r['rss_children']:,.0f}"])
        print(table(["run", "docs", "wall s", "extract s", "triples s", "turtle s", "words/s",
                     "words/s minus 1 load", "vs bare spaCy", "speed-up", "CPU s (all processes)",
                     "parent peak MiB", "largest worker peak MiB", "parent + N x worker MiB"], rows))
        print(f"\nload average {load_a[0]:.2f} before, {load_b[0]:.2f} after the scaling runs; "
              f"{os.cpu_count()} CPUs. 'minus 1 load' subtracts the model load + warm-up measured above "
              f"({load_ng2:.1f} s): workers load in parallel. 'vs bare spaCy' divides by bare `nlp.pipe` "
              f"words/s of section 1 (one process).\n")
        if len(runs) > 1 and any(r["triples"] != runs[0][1]["triples"] for _n, r in runs):
            print("WARNING: the runs produced different triple counts: "
                  + ", ".join(f"--jobs {n}: {r['triples']}" for n, r in runs) + "\n")
    else:
        print("skipped (--jobs '').\n")

    if args.profile:
        prof = cProfile.Profile()
        with TimedRules(prof) as prules:
            extract_all(articles, model=args.model)
        print(f"## 5. Rules profile (cProfile around {prules.calls} `extract_doc` calls, second pass)\n")
        print(f"rules under the profiler: {prules.wall:.2f} s wall, {prules.cpu:.2f} s CPU "
              f"(unprofiled: {c_rules.wall:.2f} s wall, {c_rules.cpu:.2f} s CPU)\n")
        print(f"### top {args.top} by cumulative time\n")
        print(profile_table(prof, "cumulative", args.top))
        print(f"\n### top {args.top} by own time\n")
        print(profile_table(prof, "tottime", args.top))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
