"""Issue 7: ``kill -9`` during a build never costs the previous graph.

A first build writes ``out/graph.ttl`` and ``out/graph.html``. A second build
on a larger input runs as a real process and is killed with SIGKILL:

* in the middle of the extraction (the process reports the first extracted
  article, then is killed a moment later);
* at the worst moment of the Turtle write: the new data are in the temporary
  file, just before the rename;
* between the two renames (new ``graph.ttl``, old ``graph.html``).

The outputs are always readable: the previous bytes, or (last case only) the
complete new file. A killed build may leave a temporary file named
``.graph.ttl.<random>.tmp`` / ``.graph.html.<random>.tmp`` in the output folder
(hidden; never listed as an output; the next build ignores it).
"""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from graph.cli import main

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

ROOT = Path(__file__).resolve().parents[1]
STATES = ["France", "Allemagne", "Russie", "Chine", "Italie", "Espagne", "Ukraine", "Pologne", "Japon", "Brésil"]

# The wrapper runs the real CLI; hooks print a marker (and optionally stop) at chosen points.
_WRAPPER = textwrap.dedent(
    """
    import os, sys, time
    stop_at = os.environ["NG_STOP_AT"]
    import graph.extract as ge
    _orig_extract = ge.extract_doc
    _seen = []
    def _extract(article, doc):
        if not _seen:
            _seen.append(1)
            print("EXTRACTING", flush=True)
        return _orig_extract(article, doc)
    ge.extract_doc = _extract
    import graph.store as gs
    _orig_replace = os.replace
    class _Os:
        def __getattr__(self, name):
            return getattr(os, name)
        @staticmethod
        def replace(src, dst):
            name = os.path.basename(dst)
            if name == stop_at:
                print(f"REPLACING {name} {src}", flush=True)
                time.sleep(600)
            return _orig_replace(src, dst)
    gs.os = _Os()
    from graph.cli import main
    sys.exit(main(sys.argv[1:]))
    """
)


def _write_articles(folder: Path, n: int, *, seed: int) -> None:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        lines = [f"Article numéro {i} ({seed})", ""]
        for j in range(30):
            a, b = rng.sample(STATES, 2)
            lines.append(f"Le ministre des Affaires étrangères a déclaré que la {a} et la {b} "
                         f"allaient signer un accord de coopération numéro {j}.")
        (folder / f"a{i:04d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture()
def previous(tmp_path):
    """A finished first build: (out folder, graph.ttl bytes, graph.html bytes)."""
    small = tmp_path / "small"
    _write_articles(small, 3, seed=1)
    out = tmp_path / "out"
    assert main(["build", str(small), "--out", str(out), "--model", "blank", "-q"]) == 0
    return out, (out / "graph.ttl").read_bytes(), (out / "graph.html").read_bytes()


def _start(tmp_path: Path, out: Path, n: int, stop_at: str = "-") -> subprocess.Popen:
    big = tmp_path / "big"
    _write_articles(big, n, seed=2)
    env = dict(os.environ, PYTHONPATH=str(ROOT), NG_STOP_AT=stop_at)
    return subprocess.Popen(
        [sys.executable, "-c", _WRAPPER, "build", str(big), "--out", str(out), "--model", "blank", "-q"],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def _wait_for(proc: subprocess.Popen, prefix: str, timeout: float = 240) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if line.startswith(prefix):
            return line.strip()
        if not line and proc.poll() is not None:
            break
    proc.kill()
    proc.wait()
    pytest.fail(f"the build never reached {prefix!r} (exit {proc.returncode}): {proc.stderr.read()[-2000:]}")


def _kill(proc: subprocess.Popen) -> None:
    assert proc.poll() is None, "the build finished before it could be killed; give it more input"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stdout.close()
    proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL


def _check_readable(out: Path) -> None:
    from graph.store import load_graph

    g = load_graph(out / "graph.ttl")          # parses
    assert len(g) > 0
    page = (out / "graph.html").read_text(encoding="utf-8")
    assert page.rstrip().endswith("</html>")


def _outputs(out: Path) -> list[str]:
    """Files that count as outputs (temporary files are hidden and named .*.tmp)."""
    return sorted(p.name for p in out.iterdir() if not (p.name.startswith(".") and p.name.endswith(".tmp")))


def test_kill_during_extraction_keeps_previous_graph(tmp_path, previous):
    out, ttl, page = previous
    proc = _start(tmp_path, out, 60)
    _wait_for(proc, "EXTRACTING")
    time.sleep(1.0)
    _kill(proc)
    assert (out / "graph.ttl").read_bytes() == ttl
    assert (out / "graph.html").read_bytes() == page
    _check_readable(out)
    assert sorted(p.name for p in out.iterdir()) == ["graph.html", "graph.ttl"]   # killed before any write


def test_kill_just_before_rename_keeps_previous_graph(tmp_path, previous):
    out, ttl, page = previous
    proc = _start(tmp_path, out, 10, stop_at="graph.ttl")
    line = _wait_for(proc, "REPLACING graph.ttl")
    tmp = Path(line.split(" ", 2)[2])
    assert tmp.parent == out and tmp.name.startswith(".graph.ttl.") and tmp.name.endswith(".tmp")
    _kill(proc)
    assert (out / "graph.ttl").read_bytes() == ttl
    assert (out / "graph.html").read_bytes() == page
    _check_readable(out)
    # the temporary file may remain: hidden, never an output, and it holds the whole new graph
    assert tmp.exists()
    assert _outputs(out) == ["graph.html", "graph.ttl"]
    assert tmp.read_bytes() != ttl
    # the next build works and is not confused by the leftover
    assert main(["build", str(tmp_path / "big"), "--out", str(out), "--model", "blank", "-q"]) == 0
    assert _outputs(out) == ["graph.html", "graph.ttl"]
    assert (out / "graph.ttl").read_bytes() == tmp.read_bytes()
    _check_readable(out)


def test_kill_between_the_two_renames_leaves_readable_files(tmp_path, previous):
    """graph.ttl is already the new one, graph.html still the old one: both whole and readable."""
    out, ttl, page = previous
    proc = _start(tmp_path, out, 10, stop_at="graph.html")
    _wait_for(proc, "REPLACING graph.html")
    _kill(proc)
    assert (out / "graph.html").read_bytes() == page
    assert (out / "graph.ttl").read_bytes() != ttl
    _check_readable(out)
    assert _outputs(out) == ["graph.html", "graph.ttl"]
