"""Parallel extraction (``--jobs N``), Dask shards (``--executor dask``) and the progress bar."""
from __future__ import annotations

import io
import pickle
from pathlib import Path

import pytest

from graph.types import Article, Extraction

ARTICLES = {
    "accord-inde.txt": (
        "La France et l'Inde signent un accord de défense\n\n"
        "Paris, le 10 juin 2023. Le président français Emmanuel Macron a reçu le Premier ministre indien "
        "Narendra Modi à l'Élysée. La France et l'Inde ont signé un accord de défense en juin 2023.\n"
        "« Nous voulons aller plus loin ensemble », a déclaré Emmanuel Macron.\n"
    ),
    "lavrov-pekin.txt": (
        "Sergueï Lavrov en visite à Pékin\n\n"
        "Le ministre russe des Affaires étrangères, Sergueï Lavrov, a rencontré mardi son homologue chinois "
        "Wang Yi à Pékin. La Russie et la Chine ont réaffirmé leur partenariat.\n"
        "« Nos relations sont au plus haut », a affirmé M. Lavrov.\n"
    ),
    "nasa-esa.txt": (
        "La NASA et l'ESA préparent une mission commune\n\n"
        "L'Agence spatiale européenne (ESA) et la NASA, l'agence spatiale des États-Unis, ont annoncé jeudi "
        "une mission vers Mars. Josef Aschbacher, directeur général de l'ESA, s'est dit confiant.\n"
    ),
    "macron-berlin.txt": (
        "Emmanuel Macron à Berlin\n\n"
        "Le président Emmanuel Macron s'est rendu à Berlin le 3 juillet 2023, où il a rencontré le chancelier "
        "allemand Olaf Scholz. M. Macron a évoqué l'accord de défense signé avec l'Inde.\n"
    ),
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("articles")
    for name, text in ARTICLES.items():
        (d / name).write_text(text, encoding="utf-8")
    return d


def plain(path: Path):
    """graph.ttl as a plain rdflib graph, literals typed xsd:string made plain (Oxigraph gives them back typed)."""
    from rdflib import XSD, Graph, Literal

    g = Graph()
    g.parse(path, format="turtle")
    out = Graph()
    for s, p, o in g:
        if isinstance(o, Literal) and o.datatype == XSD.string:
            o = Literal(str(o))
        out.add((s, p, o))
    return out


def fake_articles(n: int) -> list[Article]:
    return [Article(doc_id=f"d{i}", path=f"d{i}.txt", text=f"Texte numéro {i} avec quelques mots.") for i in range(n)]


# -- no model needed ---------------------------------------------------------------------

def test_extract_chunk_keeps_going_after_a_rule_error(monkeypatch):
    import graph.extract
    from graph.parallel import extract_chunk

    def fake(article, doc):
        if article.doc_id == "d1":
            raise ValueError("boom")
        return Extraction(article)

    monkeypatch.setattr(graph.extract, "extract_doc", fake)
    arts = fake_articles(3)
    res = extract_chunk(list(enumerate(arts)), "blank")
    assert [i for i, _ex, _e in res] == [0, 1, 2]
    assert res[1][1] is None and "ValueError: boom" in res[1][2]
    assert res[0][1].article is None            # the text is not sent back
    assert extract_chunk([(0, arts[0])], "blank", keep_text=True)[0][1].article == arts[0]


def test_results_back_in_input_order_and_failures_reported():
    from graph.parallel import _collect, _finish
    from graph.pipeline import BuildReport

    arts = fake_articles(5)
    report, seen, done, failed = BuildReport(), [], [], []
    for chunk in ([(3, Extraction(None), None), (4, None, "extraction failed: X")],
                  [(0, Extraction(None), None), (1, None, "extraction failed: Y"), (2, Extraction(None), None)]):
        _collect(chunk, arts, failed, seen.append)
        done.extend(chunk)
    exs = _finish(done, failed, report)
    assert [ex.article.doc_id for ex in exs] == ["d0", "d2", "d3"]
    assert [f.path for f in report.failures] == ["d1.txt", "d4.txt"]
    assert len(seen) == 3


def test_chunk_size():
    from graph.parallel import chunk_size, chunks

    assert chunk_size(288, 2) == 16
    assert chunk_size(4, 2) == 1
    assert chunk_size(10, 2, requested=3) == 3
    parts = chunks(fake_articles(5), 2)
    assert [[i for i, _a in p] for p in parts] == [[0, 1], [2, 3], [4]]


def test_extraction_pickles(extract_fr):
    ex = extract_fr(ARTICLES["lavrov-pekin.txt"])
    back = pickle.loads(pickle.dumps(ex))
    assert back == ex


class _Tty(io.StringIO):
    def isatty(self):
        return True


def test_progress_only_on_a_terminal():
    from graph.parallel import Progress

    arts = fake_articles(3)
    piped = io.StringIO()
    bar = Progress.for_stream(arts, stream=piped)
    for a in arts:
        bar(a)
    bar.close()
    assert piped.getvalue() == ""
    tty = _Tty()
    bar = Progress.for_stream(arts, stream=tty, quiet=True)
    for a in arts:
        bar(a)
    bar.close()
    assert tty.getvalue() == ""
    bar = Progress.for_stream(arts, stream=tty)
    bar(arts[0])
    assert "1/3 docs" in tty.getvalue() and "words/s" in tty.getvalue() and "ETA" in tty.getvalue()
    for a in arts[1:]:
        bar(a)
    bar.close()
    last = tty.getvalue().rstrip("\n").split("\r")[-1]
    assert "3/3 docs" in last and "done in" in last and tty.getvalue().endswith("\n")


def test_cli_rejects_scheduler_without_dask(corpus, tmp_path, capsys):
    from graph.cli import main

    assert main(["build", str(corpus), "--out", str(tmp_path), "--scheduler", "tcp://localhost:8786"]) == 2
    assert main(["build", str(corpus), "--out", str(tmp_path), "--jobs", "-1"]) == 2


# -- with the model: the three executors give the same graph -------------------------------

@pytest.mark.model
def test_jobs_and_dask_give_the_single_process_graph(corpus, tmp_path, nlp_fr):
    pytest.importorskip("dask.distributed")
    from rdflib.compare import isomorphic, to_isomorphic

    from graph.pipeline import run_build

    single = run_build([str(corpus)], tmp_path / "one", html=False)
    jobs2 = run_build([str(corpus)], tmp_path / "two", html=False, jobs=2)
    dask = run_build([str(corpus)], tmp_path / "dask", html=False, jobs=2, executor="dask")
    for r in (single, jobs2, dask):
        assert r.documents == len(ARTICLES) and not r.failures
    assert (single.words, single.statements, single.relations) == (dask.words, dask.statements, dask.relations)
    assert jobs2.entities == single.entities == dask.entities
    g1, g2, g3 = (plain(tmp_path / d / "graph.ttl") for d in ("one", "two", "dask"))
    assert len(g1) > 100
    assert isomorphic(g1, g2), "--jobs 2 differs from one process"
    if not isomorphic(g1, g3):
        i1, i3 = to_isomorphic(g1), to_isomorphic(g3)
        raise AssertionError(f"dask differs: only single {sorted(i1 - i3)[:5]}, only dask {sorted(i3 - i1)[:5]}")
    shards = sorted(p.name for p in (tmp_path / "dask" / "shards").iterdir())
    assert "entities.nq" in shards and sum(n.startswith("shard-") for n in shards) == len(ARTICLES)
    # the output graph.ttl is byte-identical whatever the executor (deterministic Turtle)
    ttl = (tmp_path / "one" / "graph.ttl").read_bytes()
    assert ttl == (tmp_path / "two" / "graph.ttl").read_bytes() == (tmp_path / "dask" / "graph.ttl").read_bytes()
