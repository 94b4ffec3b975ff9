"""Serve a graph over the SPARQL 1.1 Protocol with the Oxigraph server.

The server is the ``oxigraph`` binary of the ``oxigraph`` PyPI package (the
Oxigraph CLI, written in Rust), not a Python re-implementation. The graph file
is loaded with ``oxigraph load`` into a temporary store directory, then
``oxigraph serve-read-only`` (default) or ``oxigraph serve`` (``read_only=False``)
answers on ``http://HOST:PORT``:

- ``/query``: SPARQL 1.1 Query (GET ``?query=`` or POST), the endpoint to give clients;
- ``/update``: SPARQL 1.1 Update (POST), refused by the read-only server;
- ``/store``: SPARQL 1.1 Graph Store HTTP Protocol.

Limits: the Oxigraph server offers a per-request query timeout
(``--timeout-s``, passed from ``timeout``) and no limit on result size. The
store directory is deleted when the server stops, so updates accepted with
``read_only=False`` are lost at exit. The server listens on 127.0.0.1 unless
another host is given.
"""
from __future__ import annotations

import errno
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from graph.errors import GraphFileError, NewsgraphError

__all__ = ["ServerError", "ServerHandle", "find_oxigraph", "start_server", "serve_forever", "free_port"]

logger = logging.getLogger(__name__)

#: graph file suffix -> media type understood by ``oxigraph load --format``
_LOAD_FORMATS = {
    ".ttl": "text/turtle", ".nt": "application/n-triples", ".nq": "application/n-quads",
    ".trig": "application/trig", ".rdf": "application/rdf+xml", ".owl": "application/rdf+xml",
    ".xml": "application/rdf+xml", ".n3": "text/n3",
}
_DATASET_SUFFIXES = {".nq", ".trig"}


class ServerError(NewsgraphError):
    """The SPARQL server cannot be found, started or reached."""


def find_oxigraph() -> str:
    """Path of the ``oxigraph`` server binary.

    Looks in this interpreter's scripts directory (the venv's ``bin/``) first,
    then on ``PATH``.

    Raises
    ------
    ServerError
        If no ``oxigraph`` binary is found.
    """
    exe = "oxigraph.exe" if os.name == "nt" else "oxigraph"
    candidates = [Path(sysconfig.get_path("scripts")) / exe, Path(sys.executable).parent / exe]
    for cand in candidates:
        if cand.is_file() and os.access(cand, os.X_OK):
            return str(cand)
    found = shutil.which("oxigraph")
    if found:
        return found
    raise ServerError(
        "the Oxigraph server binary 'oxigraph' was not found in "
        f"{candidates[0].parent} nor on PATH (install it with 'pip install oxigraph')"
    )


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that is free on ``host`` right now."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def _port_free(host: str, port: int) -> bool:
    """False if something listens on ``host:port``; ServerError if ``host`` cannot be bound at all."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server does; ignores TIME_WAIT
        try:
            s.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return False
            raise ServerError(f"cannot listen on {host}:{port} ({exc.strerror or exc})") from exc
    return True


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


@dataclass
class ServerHandle:
    """A running Oxigraph server; use it as a context manager or call :meth:`stop`.

    Attributes
    ----------
    endpoint
        The SPARQL query endpoint, e.g. ``http://127.0.0.1:7878/query``.
    update_endpoint
        The SPARQL update endpoint (refused when ``read_only``).
    base_url
        ``http://HOST:PORT``.
    """

    base_url: str
    read_only: bool
    process: subprocess.Popen
    work_dir: Path
    timeout: float | None = None
    _log: object = field(default=None, repr=False)
    _stopped: bool = field(default=False, repr=False)

    @property
    def endpoint(self) -> str:
        return f"{self.base_url}/query"

    @property
    def update_endpoint(self) -> str:
        return f"{self.base_url}/update"

    @property
    def store_endpoint(self) -> str:
        return f"{self.base_url}/store"

    @property
    def pid(self) -> int:
        return self.process.pid

    def running(self) -> bool:
        return not self._stopped and self.process.poll() is None

    def stop(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL after 5 s) and delete its store."""
        if self._stopped:
            return
        self._stopped = True
        try:
            if self.process.poll() is None:
                self.process.terminate()
                try:
                    self.process.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait(timeout=5)
        finally:
            if self._log is not None:
                self._log.close()
            shutil.rmtree(self.work_dir, ignore_errors=True)

    def server_log(self) -> str:
        """What the server wrote to stderr so far."""
        try:
            return (self.work_dir / "oxigraph.log").read_text("utf-8", "replace")
        except OSError:
            return ""

    def __enter__(self) -> ServerHandle:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def __del__(self):  # last resort: never leave a server or a store behind
        try:
            self.stop()
        except Exception:
            pass


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return ""


def _load(binary: str, graph_path: Path, store_dir: Path) -> None:
    suffix = graph_path.suffix.lower()
    cmd = [binary, "load", "--location", str(store_dir)]
    if suffix in _LOAD_FORMATS:
        cmd += ["--format", _LOAD_FORMATS[suffix], "--file", str(graph_path)]
        proc = subprocess.run(cmd, capture_output=True, text=True)
    else:  # e.g. JSON-LD: let rdflib read it and hand N-Quads to Oxigraph
        from graph.store import load_graph

        data = load_graph(graph_path).serialize(format="nt", encoding="utf-8")
        cmd += ["--format", "application/n-triples"]
        proc = subprocess.run(cmd, input=data, capture_output=True)
        proc.stderr = proc.stderr.decode("utf-8", "replace")
    if proc.returncode != 0:
        raise GraphFileError(f"{graph_path}: Oxigraph could not load it ({_first_line(proc.stderr) or 'exit ' + str(proc.returncode)})")


def _ping(endpoint: str, timeout: float = 1.0) -> bool:
    url = endpoint + "?" + urllib.parse.urlencode({"query": "ASK {}"})
    req = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 (local URL we built)
            return resp.status == 200
    except (urllib.error.URLError, OSError):
        return False


def start_server(
    graph_path: str | os.PathLike,
    *,
    host: str = "127.0.0.1",
    port: int = 7878,
    read_only: bool = True,
    timeout: float | None = None,
    startup_timeout: float = 30.0,
    binary: str | None = None,
) -> ServerHandle:
    """Load ``graph_path`` into a temporary Oxigraph store and serve it.

    Parameters
    ----------
    graph_path
        An RDF file (Turtle, N-Triples, N-Quads, TriG, RDF/XML; other syntaxes
        rdflib reads are converted first). N-Quads and TriG named graphs are
        kept, and queries see their union as the default graph.
    host, port
        Where to listen; ``port=0`` picks a free port.
    read_only
        ``True`` (default) runs ``oxigraph serve-read-only``: SPARQL Update and
        Graph Store writes are refused.
    timeout
        Per-query time limit in seconds (Oxigraph ``--timeout-s``); ``None``: no limit.
    startup_timeout
        How long to wait for the server to answer before giving up.
    binary
        The ``oxigraph`` executable; found with :func:`find_oxigraph` by default.

    Returns
    -------
    ServerHandle
        Already answering queries at ``handle.endpoint``.

    Raises
    ------
    GraphFileError
        If the graph file is missing or Oxigraph cannot parse it.
    ServerError
        If the binary is missing, or the server exits or does not answer
        (e.g. the port is already in use).
    """
    path = Path(graph_path)
    if not path.is_file():
        raise GraphFileError(f"{path}: graph file not found (build one with 'newsgraph build seeds/ --out out/')")
    binary = binary or find_oxigraph()
    if port == 0:
        try:
            port = free_port(host)
        except OSError as exc:
            raise ServerError(f"cannot listen on {host} ({exc.strerror or exc})") from exc
    elif not _port_free(host, port):  # else we would "reach" whatever already listens there
        raise ServerError(f"{host}:{port} is already in use (choose another --port, or 0 for a free one)")
    work_dir = Path(tempfile.mkdtemp(prefix="newsgraph-serve-"))
    store_dir = work_dir / "store"
    log = None
    try:
        _load(binary, path, store_dir)
        cmd = [binary, "serve-read-only" if read_only else "serve", "--location", str(store_dir),
               "--bind", f"{_url_host(host)}:{port}"]
        if path.suffix.lower() in _DATASET_SUFFIXES:
            cmd.append("--union-default-graph")
        if timeout is not None:
            cmd += ["--timeout-s", str(max(1, int(round(timeout))))]
        logger.info("starting %s", " ".join(cmd))
        log = open(work_dir / "oxigraph.log", "wb")  # a file, not a pipe: a full pipe would block it
        process = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                   start_new_session=True)
    except BaseException:
        if log is not None:
            log.close()
        shutil.rmtree(work_dir, ignore_errors=True)
        raise
    handle = ServerHandle(base_url=f"http://{_url_host(host)}:{port}", read_only=read_only,
                          process=process, work_dir=work_dir, timeout=timeout, _log=log)
    probe = handle.endpoint if host not in ("0.0.0.0", "::") else f"http://127.0.0.1:{port}/query"
    deadline = time.monotonic() + startup_timeout
    try:
        while True:
            if process.poll() is not None:
                err = _first_line(handle.server_log())
                raise ServerError(f"the Oxigraph server stopped at start on {host}:{port} ({err or 'exit ' + str(process.returncode)})")
            if _ping(probe) and process.poll() is None:
                return handle
            if time.monotonic() > deadline:
                raise ServerError(f"the Oxigraph server did not answer on {handle.endpoint} within {startup_timeout:.0f} s")
            time.sleep(0.1)
    except BaseException:
        handle.stop()
        raise


def serve_forever(
    graph_path: str | os.PathLike,
    *,
    host: str = "127.0.0.1",
    port: int = 7878,
    read_only: bool = True,
    timeout: float | None = None,
    out=None,
) -> int:
    """Serve ``graph_path`` until Ctrl-C or SIGTERM, then clean up; returns 0.

    Prints the endpoint URLs to ``out`` (stdout by default) once the server answers.
    """
    out = out or sys.stdout
    previous = {}
    # SIGTERM gets the same clean shutdown as Ctrl-C; SIGINT is reset in case it was inherited ignored
    for name, handler in (("SIGTERM", _raise_interrupt), ("SIGINT", signal.default_int_handler)):
        if hasattr(signal, name):
            try:
                previous[name] = signal.signal(getattr(signal, name), handler)
            except ValueError:  # not in the main thread
                pass
    try:
        with start_server(graph_path, host=host, port=port, read_only=read_only, timeout=timeout) as handle:
            print(f"SPARQL endpoint: {handle.endpoint}", file=out)
            if read_only:
                print("read-only: SPARQL Update is refused (use --allow-update to accept it)", file=out)
            else:
                print(f"SPARQL update endpoint: {handle.update_endpoint} (changes are lost when the server stops)", file=out)
            print(f"query timeout: {f'{timeout:g} s' if timeout else 'none'}; press Ctrl-C to stop", file=out)
            out.flush()
            try:
                while True:
                    code = handle.process.poll()
                    if code is not None:
                        err = _first_line(handle.server_log())
                        raise ServerError(f"the Oxigraph server stopped unexpectedly (exit {code}{': ' + err if err else ''})")
                    time.sleep(0.5)
            except KeyboardInterrupt:
                print("stopping", file=out)
    finally:
        for name, handler in previous.items():
            signal.signal(getattr(signal, name), handler)
    return 0


def _raise_interrupt(signum, frame):  # SIGTERM -> the same clean shutdown as Ctrl-C
    raise KeyboardInterrupt
