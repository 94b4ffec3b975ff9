"""newsgraph serve: a real Oxigraph SPARQL server queried with a real client (SPARQLWrapper)."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
from pathlib import Path

import pytest
import rdflib

from graph.errors import GraphFileError
from graph.serve import ServerError, find_oxigraph, start_server

SPARQLWrapper = pytest.importorskip("SPARQLWrapper")
from SPARQLWrapper import JSON, POST, SPARQLWrapper as Client  # noqa: E402
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException  # noqa: E402

DATA = Path(__file__).parent / "data" / "small_graph.ttl"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
INSERT = "INSERT DATA { <urn:x:s> <urn:x:p> <urn:x:o> }"

try:
    find_oxigraph()
except ServerError as exc:  # the oxigraph PyPI package is a test dependency
    pytest.skip(str(exc), allow_module_level=True)


def _count(endpoint: str) -> int:
    client = Client(endpoint)
    client.setQuery(COUNT)
    client.setReturnFormat(JSON)
    result = client.query().convert()
    return int(result["results"]["bindings"][0]["n"]["value"])


@pytest.fixture(scope="module")
def server():
    with start_server(DATA, host="127.0.0.1", port=0) as handle:
        yield handle


def test_endpoint_url(server):
    assert server.endpoint.startswith("http://127.0.0.1:")
    assert server.endpoint.endswith("/query")
    assert server.running()


def test_triple_count_matches_rdflib(server):
    expected = len(rdflib.Graph().parse(DATA, format="turtle"))
    assert expected > 100
    assert _count(server.endpoint) == expected


def test_select_returns_french_labels(server):
    client = Client(server.endpoint)
    client.setQuery("""
        PREFIX ng: <https://w3id.org/newsgraph/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?label WHERE { ?a a ng:Agency ; rdfs:label ?label } ORDER BY ?label""")
    client.setReturnFormat(JSON)
    rows = client.query().convert()["results"]["bindings"]
    labels = [r["label"]["value"] for r in rows]
    assert "ministère de l'Énergie de Bordurie" in labels
    assert {r["label"].get("xml:lang") for r in rows} == {"fr"}


def test_update_refused_when_read_only(server):
    before = _count(server.endpoint)
    client = Client(server.endpoint, updateEndpoint=server.update_endpoint)
    client.setMethod(POST)
    client.setQuery(INSERT)
    with pytest.raises((urllib.error.HTTPError, SPARQLWrapperException)) as info:
        client.query()
    if isinstance(info.value, urllib.error.HTTPError):
        assert info.value.code == 403
    assert _count(server.endpoint) == before


def _non_loopback_ipv4() -> str | None:
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("10.254.254.254", 1))  # UDP connect sends nothing; it only picks a route
            ip = s.getsockname()[0]
    except OSError:
        return None
    return None if ip.startswith("127.") else ip


def test_binds_only_loopback(server):
    port = int(server.base_url.rsplit(":", 1)[1])
    psutil = pytest.importorskip("psutil")
    listening = [c for c in psutil.Process(server.pid).net_connections(kind="inet") if c.status == psutil.CONN_LISTEN]
    assert listening, "the server process listens on no socket"
    assert {c.laddr.ip for c in listening} == {"127.0.0.1"}
    assert {c.laddr.port for c in listening} == {port}
    ip = _non_loopback_ipv4()
    if ip:  # the same port on another address of this machine must be closed
        with socket.socket() as s:
            s.settimeout(2)
            assert s.connect_ex((ip, port)) != 0


def test_allow_update_and_timeout(tmp_path):
    with start_server(DATA, port=0, read_only=False, timeout=5) as handle:
        before = _count(handle.endpoint)
        client = Client(handle.endpoint, updateEndpoint=handle.update_endpoint)
        client.setMethod(POST)
        client.setQuery(INSERT)
        client.query()
        assert _count(handle.endpoint) == before + 1
        work_dir = handle.work_dir
        assert "--timeout-s" in handle.process.args
    assert not work_dir.exists(), "the temporary store is removed on stop"


def test_missing_graph_file(tmp_path):
    with pytest.raises(GraphFileError, match="not found"):
        start_server(tmp_path / "nope.ttl", port=0)


def test_invalid_graph_file(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle .", encoding="utf-8")
    with pytest.raises(GraphFileError, match="bad.ttl"):
        start_server(bad, port=0)


def test_port_in_use_is_a_clear_error(server):
    port = int(server.base_url.rsplit(":", 1)[1])
    with pytest.raises(ServerError, match="already in use"):
        start_server(DATA, port=port, startup_timeout=10)


def test_missing_binary_message(monkeypatch, tmp_path):
    import graph.serve as serve

    monkeypatch.setattr(serve.sysconfig, "get_path", lambda name: str(tmp_path))
    monkeypatch.setattr(serve.sys, "executable", str(tmp_path / "python"))
    monkeypatch.setattr(serve.shutil, "which", lambda name: None)
    with pytest.raises(ServerError, match="pip install oxigraph"):
        serve.find_oxigraph()


def test_cli_serve_until_interrupted():
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "graph", "serve", "--graph", str(DATA), "--port", "0", "--timeout", "30"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        cwd=Path(__file__).resolve().parents[1],
    )
    try:
        line = proc.stdout.readline()
        assert line.startswith("SPARQL endpoint: http://127.0.0.1:"), line + proc.stderr.read()
        endpoint = line.split(": ", 1)[1].strip()
        assert endpoint.endswith("/query")
        assert _count(endpoint) == len(rdflib.Graph().parse(DATA, format="turtle"))
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=20) == 0
        time.sleep(0.2)
        with socket.socket() as s:
            s.settimeout(2)
            assert s.connect_ex(("127.0.0.1", int(endpoint.split(":")[2].split("/")[0]))) != 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        proc.stderr.close()


def test_unusable_host_is_a_clear_error():
    with pytest.raises(ServerError, match="cannot listen on 192.0.2.1"):
        start_server(DATA, host="192.0.2.1", port=7878)  # TEST-NET-1: not an address of this machine
