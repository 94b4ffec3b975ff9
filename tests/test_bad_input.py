"""Issue 7: bad input end to end through ``newsgraph build``.

One folder holds good articles, a Latin-1 article, a Windows-1252 article, an
HTML page with scripts, an empty file, a binary file and a file over the size
limit; an unsupported file and a missing path are given explicitly. The good
ones land in the graph, each bad one is named on stderr in one line, the exit
code is 1, a summary ends the output and a second build changes nothing.

The builds use ``--model blank`` (spaCy's blank French pipeline plus the
gazetteers), so these tests do not need the trained model.
"""
from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from graph.cli import main

DATA = Path(__file__).parent / "data" / "bad_input"
ROOT = Path(__file__).resolve().parents[1]
MARKER = "SCRIPTMARKER_7f3a"
NS = "https://w3id.org/newsgraph/id/"

LATIN1_TITLE = "Accord signé à Berlin"
LATIN1_TEXT = (
    f"{LATIN1_TITLE}\n\n"
    "Le ministre français des Affaires étrangères a rencontré son homologue allemand à Berlin. "
    "La Russie a critiqué l'accord « très sévèrement ».\n"
)
CP1252_TITLE = "Déclaration “officielle” sur l’Œuvre"
CP1252_TEXT = (
    f"{CP1252_TITLE}\n\n"
    "Le ministère a déclaré – selon l’AFP – que l’Italie et l’Espagne étaient « d’accord » "
    "sur un budget de 100 € pour l’œuvre commune.\n"
)
MAX_BYTES = 4000
GOOD = {"good-sommet", "good-moscou", "latin1", "cp1252", "page"}
BAD = ["binary.txt", "big.txt", "empty.txt"]          # inside the folder
EXPLICIT_BAD = ["notes.docx", "missing.txt"]           # given on the command line


def make_folder(root: Path) -> tuple[Path, list[str]]:
    """The test folder and the explicit extra arguments."""
    folder = root / "articles"
    shutil.copytree(DATA, folder)
    (folder / "latin1.txt").write_bytes(LATIN1_TEXT.encode("latin-1"))
    (folder / "cp1252.txt").write_bytes(CP1252_TEXT.encode("cp1252"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (folder / "big.txt").write_text("Un article beaucoup trop long. " * (MAX_BYTES // 20), encoding="utf-8")
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")     # unsupported inside a folder: skipped silently
    (folder / ".hidden.txt").write_text("Caché.", encoding="utf-8")  # hidden: skipped
    (root / "notes.docx").write_bytes(b"PK\x03\x04 not really a docx")
    return folder, [str(root / "notes.docx"), str(root / "missing.txt")]


def run_main(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("bad_input")
    folder, extra = make_folder(root)
    out = root / "out"
    argv = ["build", str(folder), *extra, "--out", str(out), "--model", "blank", "--max-bytes", str(MAX_BYTES)]
    first = run_main(argv)
    ttl1 = (out / "graph.ttl").read_bytes()
    html1 = (out / "graph.html").read_bytes()
    second = run_main(argv)
    return {
        "root": root, "folder": folder, "out": out, "argv": argv,
        "code": first[0], "stdout": first[1], "stderr": first[2],
        "ttl1": ttl1, "html1": html1,
        "code2": second[0], "ttl2": (out / "graph.ttl").read_bytes(), "html2": (out / "graph.html").read_bytes(),
    }


@pytest.fixture(scope="module")
def graph(built):
    from graph.store import load_graph

    return load_graph(built["out"] / "graph.ttl")


def _ask(g, query: str, **bindings) -> bool:
    from rdflib import URIRef

    prefixes = """
    PREFIX ng: <https://w3id.org/newsgraph/ontology#>
    PREFIX dcterms: <http://purl.org/dc/terms/>
    PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
    """
    binds = {k: URIRef(v) if v.startswith("http") else v for k, v in bindings.items()}
    return bool(g.query(prefixes + query, initBindings=binds).askAnswer)


# --------------------------------------------------------------------------- exit code and messages


def test_exit_code_is_1_when_some_inputs_fail(built):
    assert built["code"] == 1
    assert built["code2"] == 1


def test_each_bad_input_named_in_one_line(built):
    lines = built["stderr"].splitlines()
    assert "Traceback" not in built["stderr"]
    error_lines = [line for line in lines if line.startswith("error: ")]
    for name in BAD + EXPLICIT_BAD:
        hits = [line for line in error_lines if Path(line.split(": ", 2)[1]).name == name]
        assert len(hits) == 1, (name, error_lines)
        problem = hits[0].split(": ", 2)[2]
        assert problem.strip(), hits[0]
    assert len(error_lines) == len(BAD) + len(EXPLICIT_BAD), error_lines
    # the problems say what is wrong
    by_name = {Path(line.split(": ", 2)[1]).name: line for line in error_lines}
    assert "empty" in by_name["empty.txt"]
    assert "binary" in by_name["binary.txt"] and "PNG" in by_name["binary.txt"]
    assert "too large" in by_name["big.txt"]
    assert "unsupported file type '.docx'" in by_name["notes.docx"]
    assert "no such file" in by_name["missing.txt"]
    # good, skipped and hidden files are not errors
    for name in ("good-sommet", "good-moscou", "latin1", "cp1252", "page", "photo", "hidden"):
        assert not any(name in line for line in error_lines), name
    # errors go to stderr only
    assert "error:" not in built["stdout"]


def test_failure_summary_at_the_end(built):
    last = built["stderr"].strip().splitlines()[-1]
    assert last.startswith(f"{len(BAD) + len(EXPLICIT_BAD)} input(s) failed"), last
    assert f"{len(GOOD)} (" in built["stdout"] and "failed" in built["stdout"]


# --------------------------------------------------------------------------- graph content


@pytest.mark.parametrize("doc", sorted(GOOD))
def test_good_documents_land_in_the_graph(graph, doc):
    assert _ask(graph, "ASK { ?d a ng:Document }", d=f"{NS}doc/{doc}")


def test_only_good_documents_in_the_graph(graph):
    docs = {str(row[0]).rsplit("/", 1)[-1] for row in graph.query(
        "PREFIX ng: <https://w3id.org/newsgraph/ontology#> SELECT ?d WHERE { ?d a ng:Document }")}
    assert docs == GOOD


def test_legacy_encodings_decoded(graph):
    from rdflib import Literal

    assert _ask(graph, "ASK { ?d dcterms:title ?t }", d=f"{NS}doc/latin1", t=Literal(LATIN1_TITLE, lang="fr"))
    assert _ask(graph, "ASK { ?d dcterms:title ?t }", d=f"{NS}doc/cp1252", t=Literal(CP1252_TITLE, lang="fr"))
    # no mojibake or replacement characters anywhere
    for (lit,) in graph.query("SELECT ?l WHERE { ?s ?p ?l FILTER(isLiteral(?l)) }"):
        assert "\ufffd" not in str(lit) and "Ã" not in str(lit), lit


def test_page_visible_text_lands_in_the_graph(graph):
    from rdflib import Literal

    assert _ask(graph, "ASK { ?d dcterms:title ?t }", d=f"{NS}doc/page", t=Literal("Rencontre au Kremlin", lang="fr"))
    assert _ask(graph, """ASK { ?s ng:inDocument ?d ; nif:isString ?text
                                FILTER(CONTAINS(STR(?text), "signé un traité")) }""", d=f"{NS}doc/page")


def test_no_script_text_in_the_graph(built, graph):
    rows = list(graph.query(
        'SELECT ?s ?p ?l WHERE { ?s ?p ?l FILTER(isLiteral(?l) && CONTAINS(STR(?l), "%s")) }' % MARKER
    ))
    assert rows == []
    assert MARKER.encode() not in built["ttl1"]
    assert MARKER.encode() not in built["html1"]


# --------------------------------------------------------------------------- idempotence


def test_second_build_changes_nothing(built):
    assert built["ttl2"] == built["ttl1"]
    assert built["html2"] == built["html1"]


def test_build_leaves_no_temporary_files(built):
    assert sorted(p.name for p in built["out"].iterdir()) == ["graph.html", "graph.ttl"]


# --------------------------------------------------------------------------- usage errors


def test_missing_path_alone_exits_2(tmp_path):
    code, stdout, stderr = run_main(["build", str(tmp_path / "nope"), "--out", str(tmp_path / "out"), "--model", "blank"])
    assert code == 2
    assert stderr.strip().splitlines() == [f"error: {tmp_path / 'nope'}: no such file or folder"]
    assert not (tmp_path / "out").exists()


def test_unsupported_file_alone_exits_1(tmp_path):
    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.4")
    code, _, stderr = run_main(["build", str(tmp_path / "a.pdf"), "--out", str(tmp_path / "out"), "--model", "blank", "-q"])
    assert code == 1
    assert f"error: {tmp_path / 'a.pdf'}: unsupported file type '.pdf'" in stderr


def test_internal_error_is_one_line_without_debug(tmp_path, monkeypatch):
    import graph.build

    def broken(*args, **kwargs):
        raise RuntimeError("simulated bug\nsecond line")

    monkeypatch.setattr(graph.build, "build_graph", broken)
    argv = ["build", str(DATA / "good-sommet.txt"), "--out", str(tmp_path / "out"), "--model", "blank", "-q"]
    code, _, stderr = run_main(argv)
    assert code == 3
    assert stderr.strip().splitlines() == [
        "error: internal error (RuntimeError: simulated bug); run again with --debug for the traceback and please report it"
    ]
    with pytest.raises(RuntimeError, match="simulated bug"):
        run_main(["--debug", *argv])


def test_unwritable_output_is_one_line(tmp_path):
    (tmp_path / "out").write_text("a file where the output folder should be")
    code, _, stderr = run_main(["build", str(DATA / "good-sommet.txt"), "--out", str(tmp_path / "out"),
                                "--model", "blank", "-q"])
    assert code == 2
    assert len(stderr.strip().splitlines()) == 1 and stderr.startswith("error: ")
    assert "Traceback" not in stderr


# --------------------------------------------------------------------------- the real command line

_INJECT = textwrap.dedent(
    """
    import sys
    import graph.extract as ge
    _orig = ge.extract_doc
    def _boom(article, doc):
        if "good-moscou" in article.path:
            raise ValueError("injected rule bug")
        return _orig(article, doc)
    ge.extract_doc = _boom
    from graph.cli import main
    sys.exit(main(sys.argv[1:]))
    """
)


def _run_cli(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-c", _INJECT, *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300)


def test_cli_process_one_line_per_failure_no_traceback(tmp_path):
    """As a real process: read failures and an extraction failure, each one line, no traceback."""
    folder, extra = make_folder(tmp_path)
    proc = _run_cli(["build", str(folder), *extra, "--out", str(tmp_path / "out"), "--model", "blank", "-q",
                     "--max-bytes", str(MAX_BYTES)], tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr
    errors = [line for line in proc.stderr.splitlines() if line.startswith("error: ")]
    assert any("good-moscou.md: extraction failed: ValueError: injected rule bug" in line for line in errors)
    assert len(errors) == len(BAD) + len(EXPLICIT_BAD) + 1, proc.stderr
    assert proc.stderr.strip().splitlines()[-1].startswith(f"{len(errors)} input(s) failed")
    assert proc.stdout == ""                    # -q
    # the other articles were still built
    ttl = (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert f"<{NS}doc/good-sommet>" in ttl and f"<{NS}doc/good-moscou>" not in ttl


def test_cli_process_debug_shows_traceback(tmp_path):
    proc = _run_cli(["--debug", "build", str(DATA), "--out", str(tmp_path / "out"), "--model", "blank", "-q"], tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback (most recent call last)" in proc.stderr
    assert "ValueError: injected rule bug" in proc.stderr


def test_file_name_with_newline_stays_one_line(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bad\nerror: forged.txt").write_bytes(b"")
    (folder / "good.txt").write_text("Titre\n\nLa France et la Russie.", encoding="utf-8")
    code, _, stderr = run_main(["build", str(folder), "--out", str(tmp_path / "out"), "--model", "blank", "-q"])
    assert code == 1
    errors = [line for line in stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1 and "forged" in errors[0], stderr
    assert not any(line.startswith("error: forged") for line in stderr.splitlines())
