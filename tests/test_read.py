"""Tests for graph.read: files and folders -> Article | ReadFailure."""
from __future__ import annotations

import hashlib
import logging
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from graph.errors import InputError
from graph.read import (
    SUPPORTED_SUFFIXES,
    article_from_text,
    normalise_text,
    parse_date,
    read_article,
    read_articles,
    slugify,
)
from graph.types import Article, ReadFailure

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data" / "articles"
SEED = ROOT / "seeds" / "lavrov-chine-2022-05-25.txt"

LATIN1_TEXT = (
    "Rencontre à Genève\nLes délégués se sont réunis à Genève pour évoquer la coopération "
    "économique. Le ministre français a salué « un accord équilibré » et a rappelé que "
    "l'été dernier, les négociations avaient échoué à cause d'un désaccord sur le blé."
)
CP1252_TEXT = (
    "Le cœur de l’accord\nLes sœurs de l’ordre ont reçu l’œuvre ; l’économie régionale en dépendra, "
    "a précisé l’élu — « c’est un œil neuf », a-t-il ajouté. Il était déjà là en été."
)


def only(results):
    results = list(results)
    assert len(results) == 1, results
    return results[0]


def spans(article: Article) -> list[tuple[str, str]]:
    return [(kind, article.text[start:end]) for kind, start, end in article.meta_spans]


# --------------------------------------------------------------------------- the seed article


@pytest.mark.skipif(not SEED.exists(), reason="seed article not present")
def test_seed_article_metadata():
    article = read_article(SEED)
    assert isinstance(article, Article)
    assert article.doc_id == "lavrov-chine-2022-05-25"
    assert article.path == str(SEED)
    assert article.author == "Frank Fang"
    assert article.date == "2022-05-25"
    assert article.publisher == "The Epoch Times"
    assert article.source == "The Epoch Times"
    assert article.title == "Arrêt sur info"
    assert article.lang == "fr"
    raw = SEED.read_bytes()
    assert article.sha256 == hashlib.sha256(raw).hexdigest()
    assert article.text == normalise_text(raw.decode("utf-8"))
    kinds = spans(article)
    assert kinds[0] == ("title", "Arrêt sur info")
    assert ("byline", "Par Frank Fang, le 25 MAI 2022 – The Epoch Times") in kinds
    assert kinds[-1] == ("source", "Source: The Epoch Times")
    # the chapeau between title and byline is body text, not skipped
    assert article.text[article.body_start:].startswith("Le ministre russe")
    # quotes and apostrophes are kept as written
    assert "« Maintenant que l’Occident" in article.text


# --------------------------------------------------------------------------- plain-text bylines


@pytest.mark.parametrize(
    ("text", "author", "date", "publisher"),
    [
        ("Titre\nPar Frank Exemple, le 25 MAI 2022 – Le Journal\nCorps.", "Frank Exemple", "2022-05-25", "Le Journal"),
        ("Titre\nPar Jean Dupont et Marie Curie\nCorps.", "Jean Dupont, Marie Curie", None, None),
        ("Titre\nPar J. Dupont (AFP)\nCorps.", "J. Dupont", None, "AFP"),
        ("Title\nBy John Smith\nBody.", "John Smith", None, None),
        ("Title\nBy John Smith and Jane Roe | May 3, 2021\nBody.", "John Smith, Jane Roe", "2021-05-03", None),
        ("Titre\nPublié le 3 mars 2021 à 10h15\nCorps.", None, "2021-03-03", None),
        ("Titre\nMis à jour le 4 mars 2021 à 08h00\nCorps.", None, "2021-03-04", None),
        ("Titre\nPar Anne-Sophie d’Aubigné, publié le 1er janv. 2020\nCorps.", "Anne-Sophie d’Aubigné", "2020-01-01", None),
        ("Titre\nPar Léa Roux, le 12/03/2021\nCorps.", "Léa Roux", "2021-03-12", None),
        ("Titre\nPar Léa Roux - 7 févr. 2019\nCorps.", "Léa Roux", "2019-02-07", None),
        # "Par Le Monde avec AFP": the newspaper signs, AFP contributed; no person is the author
        ("Titre\nPar Le Monde avec AFP\nCorps.", None, None, "Le Monde"),
        ("Titre\nBy Jane Doe, Reuters\nBody.", "Jane Doe", None, "Reuters"),
        ("Titre\nCorps.\nSource: Le Journal Exemple", None, None, "Le Journal Exemple"),
        ("Titre\nCorps.\nSource : Le Journal Exemple.", None, None, "Le Journal Exemple"),
        ("Titre\nCorps.\n(AFP)", None, None, "AFP"),
        ("Titre\nCorps.\nAvec AFP", None, None, "AFP"),
        ("Title\nBody.\n— Reuters", None, None, "Reuters"),
    ],
)
def test_byline_variants(text, author, date, publisher):
    article = article_from_text(text)
    assert (article.author, article.date, article.publisher) == (author, date, publisher)
    assert article.title == text.split("\n", 1)[0]
    for kind, start, end in article.meta_spans:
        assert kind in {"title", "byline", "source"}
        assert 0 <= start < end <= len(article.text)
        assert "\n" not in article.text[start:end]


@pytest.mark.parametrize(
    "line",
    [
        "Par ailleurs, la Chine a critiqué les sanctions",
        "Par Moscou, la question a été jugée secondaire",
        "By the end of the year, prices had doubled",
        "Par la suite, rien n'a changé",
    ],
)
def test_sentences_starting_with_par_are_not_bylines(line):
    article = article_from_text(f"Titre\n{line}\nCorps du texte.")
    assert article.author is None
    assert [kind for kind, _, _ in article.meta_spans] == ["title"]


def test_title_rules():
    assert article_from_text("Une phrase qui finit par un point.\nSuite.").title is None
    assert article_from_text("x" * 250 + "\nSuite.").title is None
    assert article_from_text("\n\n  Titre décalé  \nSuite.").title == "Titre décalé"
    md = article_from_text("# Titre Markdown\n\nCorps.", path="note.md")
    assert md.title == "Titre Markdown"
    assert spans(md)[0] == ("title", "Titre Markdown")


def test_byline_fixture_files():
    results = {Path(r.path).name: r for r in read_articles([DATA / "bylines"])}
    assert all(isinstance(r, Article) for r in results.values()), results
    two = results["deux-auteurs-2020-01-15.txt"]
    assert two.title == "Arrêt sur info"
    assert two.author == "Jean Dupont, Marie Curie"
    assert two.date == "2020-01-15"          # from the file name
    assert two.publisher == two.source == "Le Journal Exemple"
    eng = results["by-english.txt"]
    assert (eng.author, eng.date, eng.publisher) == ("John Smith, Jane Roe", "2021-05-03", "Reuters")
    published = results["publie.txt"]
    assert published.date == "2021-03-03"     # publication date wins over the update date
    assert [k for k, _, _ in published.meta_spans] == ["title", "byline", "byline", "source"]
    assert published.text[published.body_start:].startswith("Le gouvernement a annoncé")
    afp = results["afp-parens.txt"]
    assert (afp.author, afp.publisher, afp.source) == ("J. Dupont", "AFP", "AFP")


def test_date_from_file_name_is_a_fallback():
    assert article_from_text("Titre\nCorps.", path="x/lavrov-chine-2022-05-25.txt").date == "2022-05-25"
    assert article_from_text("Titre\nPublié le 3 mars 2021\nCorps.", path="x-2022-05-25.txt").date == "2021-03-03"
    assert article_from_text("Titre\nCorps.", path="x-2022-13-45.txt").date is None


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("le 25 MAI 2022", "2022-05-25"),
        ("1er janvier 2021", "2021-01-01"),
        ("3 févr. 2020", "2020-02-03"),
        ("3 fevrier 2020", "2020-02-03"),
        ("14 juil. 1789", "1789-07-14"),
        ("15 août 2021", "2021-08-15"),
        ("2 déc. 2019", "2019-12-02"),
        ("May 25, 2022", "2022-05-25"),
        ("25 May 2022", "2022-05-25"),
        ("Sept. 3rd, 2021", "2021-09-03"),
        ("25/05/2022", "2022-05-25"),
        ("05/25/2022", "2022-05-25"),
        ("2022-05-25T10:00:00+02:00", "2022-05-25"),
        ("en mars 2021", "2021-03"),
        ("31 février 2021", "2021-02"),   # impossible day: month precision
        ("rien du tout", None),
    ],
)
def test_parse_date(text, iso):
    assert parse_date(text) == iso


# --------------------------------------------------------------------------- normalisation and ids


def test_normalisation_keeps_offsets_simple():
    text = "\ufeffLigne\u00a0un\r\nLigne\u202fdeux\rtrois « l’‘x’ \"y\" »   \n\n"
    article = article_from_text(text)
    assert article.text == "Ligne un\nLigne deux\ntrois « l’‘x’ \"y\" »"
    assert "\u00a0" not in article.text and "\u202f" not in article.text


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Été à Paris!.txt", "ete-a-paris"),
        ("lavrov-chine-2022-05-25.txt", "lavrov-chine-2022-05-25"),
        ("Œuvre_Cœur  FINAL.md", "oeuvre-coeur-final"),
    ],
)
def test_doc_id(name, expected):
    assert article_from_text("Titre\nCorps.", path=name).doc_id == expected


def test_doc_id_fallback_and_length():
    article = article_from_text("Titre\nCorps.", path="___.txt")
    assert article.doc_id == "doc-" + hashlib.sha256("Titre\nCorps.".encode()).hexdigest()[:12]
    long = article_from_text("Titre", path="a" * 50 + "-" + "b" * 50 + ".txt")
    assert len(long.doc_id) <= 80 and not long.doc_id.endswith("-")
    assert article_from_text("Titre", doc_id="mon-id").doc_id == "mon-id"


# --------------------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    ("name", "expected"),
    [("latin1.txt", LATIN1_TEXT), ("cp1252.txt", CP1252_TEXT), ("utf16.txt", LATIN1_TEXT), ("bom-crlf.txt", LATIN1_TEXT)],
)
def test_legacy_encodings_are_decoded(name, expected):
    article = read_article(DATA / "encodings" / name)
    assert article.text == expected
    assert "\ufffd" not in article.text
    assert article.sha256 == hashlib.sha256((DATA / "encodings" / name).read_bytes()).hexdigest()


def test_cp1252_keeps_oe_ligature_and_apostrophe():
    text = read_article(DATA / "encodings" / "cp1252.txt").text
    assert "œ" in text and "’" in text and "é" in text


def test_utf8_with_a_stray_cp1252_byte(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_bytes("Le cœur de l’été à Genève, déjà évoqué.".encode() + b" Fin d\x92un \xe9t\xe9.")
    assert read_article(path).text == "Le cœur de l’été à Genève, déjà évoqué. Fin d’un été."


def test_html_declared_charset(tmp_path):
    path = tmp_path / "page.html"
    html = '<html><head><meta charset="windows-1252"><title>Le cœur</title></head><body><p>L’été à Genève.</p></body></html>'
    path.write_bytes(html.encode("cp1252"))
    article = read_article(path)
    assert article.text == "Le cœur\nL’été à Genève."


# --------------------------------------------------------------------------- HTML


HTML_LEAKS = [
    "SECRET_SCRIPT", "SCRIPTWRITE", "document.write", "STYLETEXT", "secretstyle", "INLINE_SCRIPT",
    "console.log", "NOSCRIPTTEXT", "NAVTEXT", "FOOTERTEXT", "ASIDETEXT", "TEMPLATETEXT", "SVGTEXT",
    "BUTTONTEXT", "HIDDENTEXT", "COMMENTTEXT", "ALTTEXT", "BANNERTEXT", "@context", "NewsArticle", "{", "<",
]


def test_html_visible_text_and_metadata():
    article = read_article(DATA / "html" / "sommet-2021-03-03.html")
    text = article.text
    for leak in HTML_LEAKS:
        assert leak not in text, leak
    assert text.split("\n") == [
        "Sommet régional : accord sur l’eau",
        "Par Claire Martin et Hugo Bernard, le 3 mars 2021",
        "Les ministres de l’Environnement de trois pays se sont réunis mardi à Genève. "
        "Ils ont signé un protocole sur le partage des eaux du fleuve.",
        "« C’est un jour historique », a déclaré la ministre hôte.",
        "Le texte entre en vigueur en 2022.",
        "Les délégations à Genève.",
        "Premier point ;",
        "Second point & dernier.",
    ]
    assert article.title == "Sommet régional : accord sur l’eau"
    assert article.author == "Claire Martin, Hugo Bernard"         # JSON-LD wins over meta name=author
    assert article.date == "2021-03-03"
    assert article.publisher == "Le Courrier du Test"
    assert article.source == "https://example.org/sommet-eau"
    assert spans(article) == [
        ("title", "Sommet régional : accord sur l’eau"),
        ("byline", "Par Claire Martin et Hugo Bernard, le 3 mars 2021"),
    ]
    assert text[article.body_start:].startswith("Les ministres")


def test_html_without_article_element():
    article = read_article(DATA / "html" / "sans-article.htm")
    assert "DATALAYERTEXT" not in article.text and "NAVTEXT" not in article.text
    assert article.text.split("\n")[0] == "Une visite officielle à Rome"   # headline inserted, site name cut
    assert article.author == "Paul Lefèvre"
    assert article.date == "2020-11-15"
    assert article.publisher == "Gazette Exemple"


def test_html_headline_not_duplicated_and_prefers_article(tmp_path):
    path = tmp_path / "p.html"
    path.write_text(
        "<html><head><meta property='og:title' content='Titre OG'></head><body>"
        "<div>Menu du site</div><article><h1>Titre OG</h1><p>Un.</p></article>"
        "<article><p>court</p></article></body></html>",
        encoding="utf-8",
    )
    article = read_article(path)
    assert article.text == "Titre OG\nUn."
    assert article.meta_spans[0] == ("title", 0, 8)


def test_html_item_prop_and_time(tmp_path):
    path = tmp_path / "p.html"
    path.write_text(
        "<html><body><header><h2>Site</h2></header>"
        "<div itemprop='articleBody'><p>Le corps de l&#39;article.</p>"
        "<p>Suite&nbsp;&nbsp;  du    texte.</p></div>"
        "<span itemprop='author'><span itemprop='name'>Lucie Garnier</span></span>"
        "<time datetime='2019-06-01T12:00'>1er juin</time></body></html>",
        encoding="utf-8",
    )
    article = read_article(path)
    assert article.text == "Le corps de l'article.\nSuite du texte."
    assert article.author == "Lucie Garnier"
    assert article.date == "2019-06-01"


def test_html_with_only_scripts_is_a_failure(tmp_path):
    path = tmp_path / "app.html"
    path.write_text("<html><head><script>var APP = 1;</script></head><body><script>boot()</script></body></html>")
    failure = only(read_articles([path]))
    assert isinstance(failure, ReadFailure)
    assert failure.path == str(path)
    assert "no visible text" in failure.problem


# --------------------------------------------------------------------------- failures


def assert_failure(result, path, *words):
    assert isinstance(result, ReadFailure), result
    assert result.path == str(path)
    assert "\n" not in result.problem
    assert ";" in result.problem            # what is wrong ; how to fix it
    for word in words:
        assert word in result.problem.lower(), result.problem
    with pytest.raises(InputError) as info:
        read_article(path)
    assert str(path) in str(info.value)
    assert str(info.value) == f"{path}: {result.problem}"


def test_missing_file(tmp_path):
    path = tmp_path / "absent.txt"
    assert_failure(only(read_articles([path])), path, "no such file")


def test_empty_and_whitespace_files(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert_failure(only(read_articles([empty])), empty, "empty")
    blank = tmp_path / "blank.txt"
    blank.write_bytes(b"\xef\xbb\xbf \r\n\t\n  \xc2\xa0")
    assert_failure(only(read_articles([blank])), blank, "whitespace")


@pytest.mark.parametrize(
    ("content", "word"),
    [
        (b"abc\x00def\x00" * 20, "nul"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "pdf"),
        (b"PK\x03\x04\x14\x00\x06\x00", "zip"),
        (bytes(range(1, 32)) * 10, "control"),
    ],
)
def test_binary_files(tmp_path, content, word):
    path = tmp_path / "data.txt"
    path.write_bytes(content)
    assert_failure(only(read_articles([path])), path, "binary", word)


def test_undecodable_file(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(bytes(range(128, 256)) * 4)
    assert_failure(only(read_articles([path])), path, "cannot decode", "utf-8")


def test_too_large_file(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("Titre\n" + "mot " * 100, encoding="utf-8")
    result = only(read_articles([path], max_bytes=50))
    assert isinstance(result, ReadFailure)
    assert result.path == str(path)
    assert "too large" in result.problem and "max_bytes" in result.problem
    with pytest.raises(InputError, match="too large"):
        read_article(path, max_bytes=50)
    assert isinstance(only(read_articles([path])), Article)


@pytest.mark.parametrize("name", ["notes.pdf", "data.csv", "README"])
def test_unsupported_explicit_file(tmp_path, name):
    path = tmp_path / name
    path.write_text("Du texte.")
    assert_failure(only(read_articles([path])), path, "unsupported file type")


def test_read_article_refuses_a_folder(tmp_path):
    with pytest.raises(InputError, match="folder"):
        read_article(tmp_path)


def test_one_bad_file_does_not_stop_the_others(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Titre\nCorps.", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01")
    results = list(read_articles([bad, tmp_path / "missing.txt", good]))
    assert [type(r).__name__ for r in results] == ["ReadFailure", "ReadFailure", "Article"]


# --------------------------------------------------------------------------- folders


def test_folder_walk_order_hidden_and_skipped(tmp_path, caplog):
    files = {
        "b/c.html": "<p>Deux</p>",
        "a.txt": "Un",
        "a-dir/e.text": "Quatre",
        "Z.xhtml": "<p>Cinq</p>",
        "b/deeper/d.md": "Trois",
        "b/.hidden.txt": "Caché",
        ".cache/x.txt": "Caché",
        "b/notes.csv": "x,y",
        "b/image.png": "pas une image",
    }
    for rel, content in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(content, encoding="utf-8")
    with caplog.at_level(logging.DEBUG, logger="graph.read"):
        results = list(read_articles([tmp_path]))
    names = [Path(r.path).relative_to(tmp_path).as_posix() for r in results]
    assert names == ["Z.xhtml", "a-dir/e.text", "a.txt", "b/c.html", "b/deeper/d.md"]
    assert all(isinstance(r, Article) for r in results)
    assert all(r.path.startswith(str(tmp_path)) for r in results)
    skipped = [rec for rec in caplog.records if "notes.csv" in rec.getMessage()]
    assert skipped and all(rec.levelno == logging.DEBUG for rec in skipped)
    # the same file reached twice is read once; explicit files keep the order given
    again = list(read_articles([tmp_path / "a.txt", tmp_path]))
    assert [Path(r.path).name for r in again] == ["a.txt", "Z.xhtml", "e.text", "c.html", "d.md"]
    # an explicitly given hidden file is read
    assert isinstance(only(read_articles([tmp_path / "b" / ".hidden.txt"])), Article)


def test_order_is_deterministic():
    first = [(r.path, getattr(r, "sha256", None)) for r in read_articles([DATA])]
    second = [(r.path, getattr(r, "sha256", None)) for r in read_articles([str(DATA)])]
    assert first == second and len(first) >= 10


# --------------------------------------------------------------------------- properties


TEXT_ALPHABET = st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\n\r\t")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=st.binary(max_size=2000), suffix=st.sampled_from(sorted(SUPPORTED_SUFFIXES)))
def test_random_bytes_never_raise(raw, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"random{suffix}"
        path.write_bytes(raw)
        result = only(read_articles([path]))
        assert isinstance(result, (Article, ReadFailure))
        if isinstance(result, ReadFailure):
            assert result.problem and "\n" not in result.problem
        else:
            assert result.text.strip()
            assert 0 <= result.body_start <= len(result.text)
            for _, start, end in result.meta_spans:
                assert 0 <= start <= end <= len(result.text)


@settings(max_examples=150, deadline=None)
@given(text=st.text(alphabet=TEXT_ALPHABET, max_size=500))
def test_utf8_text_round_trips(text):
    expected = normalise_text(text)
    assume(expected.strip())
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.txt"
        path.write_bytes(text.encode("utf-8"))
        article = read_article(path)
    assert article.text == expected
    assert article.sha256 == hashlib.sha256(text.encode("utf-8")).hexdigest()


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=400), name=st.text(max_size=40))
def test_article_from_text_never_raises(text, name):
    article = article_from_text(text, path=name + ".txt")
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", article.doc_id)
    assert len(article.doc_id) <= 80
    assert 0 <= article.body_start <= len(article.text)
    for kind, start, end in article.meta_spans:
        assert kind in {"title", "byline", "source"}
        assert 0 <= start <= end <= len(article.text)
    assert article.date is None or re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", article.date)


@given(st.text(max_size=100))
def test_slugify_is_ascii(text):
    slug = slugify(text)
    assert re.fullmatch(r"(?:[a-z0-9]+(?:-[a-z0-9]+)*)?", slug) and len(slug) <= 80


def test_html_page_furniture_inside_the_article_is_dropped(tmp_path):
    page = tmp_path / "furniture.html"
    page.write_text(
        "<html><head><title>Sommet</title></head><body><article>"
        "<h1>Le sommet de Lisbonne</h1>"
        "<div class='share-bar'>Partager sur X Facebook</div>"
        "<p>Le Portugal a accueilli le sommet lundi.</p>"
        "<p>Lire aussi : Un autre sujet sans rapport</p>"
        "<aside class='related'>Articles liés</aside>"
        "<div class='newsletter'>Recevez notre lettre</div>"
        "<figcaption>© AFP</figcaption>"
        "<p>Les dirigeants ont signé une déclaration.</p>"
        "</article></body></html>", encoding="utf-8")
    from graph.read import read_article

    text = read_article(page).text
    assert "Le Portugal a accueilli le sommet lundi." in text
    assert "Les dirigeants ont signé une déclaration." in text
    for furniture in ("Partager", "Lire aussi", "Articles liés", "Recevez", "© AFP"):
        assert furniture not in text
