"""Read article files (plain text, Markdown, HTML) into :class:`~graph.types.Article`.

This is the first stage of the pipeline. It turns files and folders into
:class:`~graph.types.Article` objects whose ``text`` is the exact string that
every later character offset refers to, plus the metadata the text carries
(title, author, date, publisher, source) and where that metadata sits in the
text (``Article.meta_spans``).

Reading never raises for one bad file: :func:`read_articles` yields a
:class:`~graph.types.ReadFailure` with a one-line problem instead, and
:func:`read_article` raises :class:`~graph.errors.InputError`.

Text normalisation is deliberately minimal so that offsets stay simple:
newlines become ``\\n``, a leading byte-order mark is dropped, no-break spaces
(U+00A0, U+202F) become plain spaces (same length) and trailing whitespace is
stripped. Quotes and apostrophes are never touched.

No network access; everything is a regular-expression pass (no NLP).
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import stat
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from graph.errors import InputError
from graph.types import Article, ReadFailure

__all__ = [
    "HTML_SUFFIXES",
    "SUPPORTED_SUFFIXES",
    "TEXT_SUFFIXES",
    "article_from_text",
    "normalise_text",
    "parse_date",
    "read_article",
    "read_articles",
    "slugify",
]

logger = logging.getLogger(__name__)

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES
_SUPPORTED_LIST = ", ".join(sorted(SUPPORTED_SUFFIXES))

DEFAULT_MAX_BYTES = 20_000_000

# Languages whose legacy (non-UTF-8) files are almost always Windows-1252 / Latin-1.
_WESTERN_LANGS = frozenset(
    {"fr", "en", "de", "es", "it", "pt", "nl", "ca", "da", "sv", "no", "nb", "nn", "fi", "is", "ga", "eu", "gl", "oc", "br", "lb"}
)
_MAX_CHAOS = 0.2

# --------------------------------------------------------------------------- text helpers

_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029]")
_NBSP = str.maketrans({"\u00a0": " ", "\u202f": " "})


def normalise_text(text: str) -> str:
    """Apply the reader's minimal normalisation to ``text``.

    Newlines (``\\r\\n``, ``\\r``, U+2028, U+2029) become ``\\n``, one leading
    byte-order marks are removed, U+00A0 and U+202F become plain spaces and
    trailing whitespace is stripped. Nothing else changes (quotes and
    apostrophes are kept as written).

    Parameters
    ----------
    text : str
        Decoded text.

    Returns
    -------
    str
        The normalised text.

    Examples
    --------
    >>> normalise_text("\\ufeffL\\u2019\\u00e9t\\u00e9\\u00a0:\\r\\nfin  \\n")
    'L’été :\\nfin'
    """
    text = text.lstrip("\ufeff")  # a byte-order mark (sometimes doubled by a re-encoding)
    return _NEWLINES.sub("\n", text).translate(_NBSP).rstrip()


_FOLD_EXTRA = str.maketrans(
    {"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "ı": "i"}
)


def _fold(text: str) -> str:
    """Remove accents (NFKD, drop combining marks) and expand ligatures."""
    text = unicodedata.normalize("NFKD", text.translate(_FOLD_EXTRA))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def slugify(text: str, *, max_len: int = 80) -> str:
    """Return an ASCII slug: accents folded, lowercase, ``[a-z0-9-]`` only.

    Parameters
    ----------
    text : str
        Any text (typically a file stem).
    max_len : int, optional
        Maximum length of the slug (default 80).

    Returns
    -------
    str
        The slug, possibly empty.

    Examples
    --------
    >>> slugify("Dupont – Chine, 25 mai 2022 (Épisode Œ)")
    'dupont-chine-25-mai-2022-episode-oe'
    """
    slug = re.sub(r"[^a-z0-9]+", "-", _fold(text).lower()).strip("-")
    return slug[:max_len].rstrip("-")


def _doc_id(stem: str, sha256: str) -> str:
    return slugify(stem) or f"doc-{sha256[:12]}"


# --------------------------------------------------------------------------- dates

_MONTHS = {
    "janvier": 1, "janv": 1, "jan": 1, "january": 1,
    "fevrier": 2, "fevr": 2, "fev": 2, "february": 2, "feb": 2,
    "mars": 3, "march": 3, "mar": 3,
    "avril": 4, "avr": 4, "april": 4, "apr": 4,
    "mai": 5, "may": 5,
    "juin": 6, "june": 6, "jun": 6,
    "juillet": 7, "juil": 7, "july": 7, "jul": 7,
    "aout": 8, "august": 8, "aug": 8,
    "septembre": 9, "sept": 9, "september": 9, "sep": 9,
    "octobre": 10, "october": 10, "oct": 10,
    "novembre": 11, "november": 11, "nov": 11,
    "decembre": 12, "december": 12, "dec": 12,
}
_W = r"[^\W\d_]"  # a letter
_DATE_PATTERNS = (
    # 2022-05-25, 2022-05-25T10:00:00+02:00
    ("ymd", re.compile(r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)")),
    # 25/05/2022, 25.05.2022, 25-05-2022
    ("dmy_num", re.compile(r"(?<![\d/.-])(?P<d>\d{1,2})([/.-])(?P<m>\d{1,2})\2(?P<y>\d{4})(?!\d)")),
    # 25 mai 2022, 1er janv. 2021, 25 MAI 2022, 3 March 2021
    ("dmy", re.compile(rf"(?<!\w)(?P<d>\d{{1,2}})(?:er|st|nd|rd|th)?\s+(?:de\s+)?(?P<mn>{_W}+)\.?,?\s+(?P<y>\d{{4}})(?!\d)")),
    # May 25, 2022 / March 3 2021
    ("mdy", re.compile(rf"(?<!\w)(?P<mn>{_W}+)\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})(?!\d)")),
)
_MONTH_YEAR = re.compile(rf"(?<!\w)(?P<mn>{_W}+)\.?\s+(?P<y>\d{{4}})(?!\d)")
_FILENAME_DATE = re.compile(r"(?<!\d)(?P<y>(?:1[5-9]|20)\d{2})[-_.]?(?P<m>[01]\d)[-_.]?(?P<d>[0-3]\d)(?!\d)")


def _iso(y: int, m: int, d: int) -> str | None:
    import datetime

    try:
        return datetime.date(y, m, d).isoformat()
    except ValueError:
        return None


def _month(name: str) -> int | None:
    return _MONTHS.get(_fold(name).lower().rstrip("."))


def _find_date(text: str, *, month_year: bool = False) -> tuple[str, int, int] | None:
    """Find the first date in ``text``; return (iso, start, end) or None."""
    best: tuple[str, int, int] | None = None
    for kind, pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            if best is not None and m.start() >= best[1]:
                break
            y, d = int(m["y"]), int(m["d"])
            if kind in ("dmy", "mdy"):
                mo = _month(m["mn"])
                if mo is None:
                    continue
                iso = _iso(y, mo, d)
            elif kind == "dmy_num":
                mo = int(m["m"])
                iso = _iso(y, mo, d) or _iso(y, d, mo)   # dd/mm first, mm/dd when that is the only valid reading
            else:
                iso = _iso(y, int(m["m"]), d)
            if iso is not None:
                best = (iso, m.start(), m.end())
                break
    if best is None and month_year:
        for m in _MONTH_YEAR.finditer(text):
            mo = _month(m["mn"])
            if mo is not None and 1000 < int(m["y"]) < 3000:
                return (f"{int(m['y']):04d}-{mo:02d}", m.start(), m.end())
    return best


def parse_date(text: str) -> str | None:
    """Return the first date written in ``text`` as ISO 8601, or None.

    Understands ISO dates and datetimes, numeric ``dd/mm/yyyy`` (``mm/dd`` only
    when ``dd/mm`` is impossible), French month names in any case and their
    abbreviations (``janv.``, ``févr.``, ``1er``), and English month names.
    A month and year without a day give ``"YYYY-MM"``.

    Examples
    --------
    >>> parse_date("Par X, le 25 MAI 2022")
    '2022-05-25'
    >>> parse_date("Published May 3rd, 2021 at 10:15")
    '2021-05-03'
    >>> parse_date("1er févr. 2020"), parse_date("2022-05-25T08:00:00Z"), parse_date("mars 2021")
    ('2020-02-01', '2022-05-25', '2021-03')
    """
    found = _find_date(text, month_year=True)
    return found[0] if found else None


def _date_from_filename(stem: str) -> str | None:
    for m in _FILENAME_DATE.finditer(stem):
        iso = _iso(int(m["y"]), int(m["m"]), int(m["d"]))
        if iso:
            return iso
    return None


# --------------------------------------------------------------------------- bylines and source lines

_AGENCIES = {
    _fold(a).lower(): a
    for a in (
        "AFP", "Agence France-Presse", "Reuters", "AP", "Associated Press", "Bloomberg", "Belga", "ANSA",
        "DPA", "EFE", "Xinhua", "Tass", "TASS", "RIA Novosti", "Interfax", "Kyodo", "UPI", "ATS", "Keystone-ATS",
        "APS", "MAP", "AA", "Anadolu", "Yonhap", "PTI", "CNA",
    )
}
_PARTICLES = frozenset(
    "de du des d' la le van von der den da di dos das del della bin ben al el y e ter zu st st.".split()
)
_NAME_TOKEN = re.compile(r"^(?:[dDlL]['’])?[^\W\d_][\w'’.\-]*$")
_BYLINE_START = re.compile(r"^(?:par|by|auteur\s*:|auteurs\s*:|author\s*:|authors\s*:|written\s+by)\s*", re.I)
_DATE_LINE_START = re.compile(
    r"^(?:publi[ée]e?|mis\s+[àa]\s+jour|mise\s+[àa]\s+jour|modifi[ée]e?|actualis[ée]e?|published|updated|posted|last\s+updated)\b", re.I
)
_UPDATE_WORD = re.compile(r"^(?:mis\w*\s+[àa]\s+jour|modifi|actualis|updated|last\s+updated)", re.I)
_SEPARATORS = re.compile(r"\s+[–—-]{1,2}\s+|\s*[|•·]\s*")
_AVEC = re.compile(r"\s+(?:avec|with)\s+", re.I)
_PARENS = re.compile(r"\(([^()]{1,60})\)")
_AUTHOR_SPLIT = re.compile(r"\s*,\s*|\s+(?:et|and)\s+|\s*&\s*")
_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.I)


def _is_name(text: str, *, max_tokens: int = 6) -> bool:
    tokens = text.split()
    if not tokens or len(tokens) > max_tokens:
        return False
    if not tokens[0][:1].isupper() and not re.match(r"^[dDlL]['’][^\W\d_]", tokens[0]):
        return False
    for tok in tokens:
        if tok.lower() in _PARTICLES:
            continue
        if not _NAME_TOKEN.match(tok):
            return False
        core = re.sub(r"^[dDlL]['’]", "", tok)
        if not core[:1].isupper():
            return False
    return True


def _is_org_name(text: str) -> bool:
    """A publisher / agency name: short, capitalised words, no sentence."""
    text = text.strip()
    if not text or len(text) > 60 or text.endswith((".", "?", "!", ":")) and not text.endswith(("S.A.", "Inc.", "Ltd.")):
        return False
    if _URL.match(text):
        return True
    tokens = text.split()
    if len(tokens) > 7:
        return False
    first = tokens[0]
    if not (first[:1].isupper() or first[:1].isdigit()):
        return False
    caps = sum(1 for t in tokens if t[:1].isupper() or t[:1].isdigit())
    return caps >= max(1, len(tokens) - 2)


def _clean_piece(text: str) -> str:
    return text.strip(" \t,;:–—-")


def _split_authors(text: str) -> tuple[list[str], list[str]] | None:
    """Split an author string; return (people, agencies) or None if it is not names."""
    text = _clean_piece(text)
    if not text:
        return [], []
    people: list[str] = []
    agencies: list[str] = []
    for part in _AUTHOR_SPLIT.split(text):
        part = _clean_piece(part)
        if not part:
            continue
        agency = _AGENCIES.get(_fold(part).lower())
        if agency:
            agencies.append(agency)
        elif _is_name(part):
            people.append(part)
        else:
            return None
    return people, agencies


class _Byline:
    __slots__ = ("authors", "date", "updated", "publisher")

    def __init__(self) -> None:
        self.authors: list[str] = []
        self.date: str | None = None
        self.updated: str | None = None
        self.publisher: str | None = None


def _parse_byline(line: str, *, require_prefix: bool = True) -> _Byline | None:
    """Parse a byline or a dateline ("Publié le ..."); None when ``line`` is not one."""
    line = line.strip().lstrip("*_#> ").rstrip("*_ ")
    if not line or len(line) > 250:
        return None
    result = _Byline()
    m = _BYLINE_START.match(line)
    if m is None:
        if _DATE_LINE_START.match(line):
            found = _find_date(line, month_year=True)
            if found is None:
                return None
            if _UPDATE_WORD.match(line):
                result.updated = found[0]
            else:
                result.date = found[0]
            return result
        if require_prefix:
            return None
        rest = line
    else:
        rest = line[m.end():]
    if not rest:
        return None
    pieces = _SEPARATORS.split(rest)
    head, tail = pieces[0], pieces[1:]
    # "Par Le Monde avec AFP"
    parts = _AVEC.split(head, maxsplit=1)
    if len(parts) == 2:
        head = parts[0]
        tail.insert(0, parts[1])
    # "Par J. Dupont (AFP)"
    for pm in _PARENS.finditer(head):
        inner = pm.group(1).strip()
        if "," in inner or re.search(r"\b(?:envoy[ée]e?|correspondante?|sp[ée]cial|[àa])\b", inner):
            continue  # "(New Delhi, envoyé spécial)": where the reporter writes from
        if _is_org_name(inner) and result.publisher is None:
            result.publisher = _AGENCIES.get(_fold(inner).lower(), inner)
    head = _PARENS.sub(" ", head)
    # "Marie Curie, le 25 MAI 2022" / "Jean Dupont, publié le 3 mars 2021"
    found = _find_date(head)
    if found is not None:
        result.date = found[0]
        head = head[: found[1]]
        head = re.sub(
            r"(?i)[\s,]*(?:\b(?:publi[ée]e?|mis\s+[àa]\s+jour|updated|published|posted))?\s*(?:\b(?:le|du|on|the))?\s*$", "", head
        )
    split = _split_authors(head)
    if split is None:
        return None
    people, agencies = split
    # "Marianne Lefeuvre, La Croix": a title with an article is the newspaper, not a co-author
    people = [p.strip().rstrip(".").strip() for p in people]
    for p in list(people):
        if re.match(r"(?:La|Le|Les|L[’']|The)\s*[A-Z]", p) or re.search(r"\d", p):
            people.remove(p)
            agencies = [p] + list(agencies)
    result.authors = [p for p in people if p]
    if agencies and result.publisher is None:
        result.publisher = agencies[0]
    for piece in tail:
        piece = _clean_piece(piece)
        if not piece:
            continue
        found = _find_date(piece, month_year=True)
        if found is not None:
            if _UPDATE_WORD.match(piece):
                result.updated = result.updated or found[0]
            else:
                result.date = result.date or found[0]
            # "Le Monde, publié le 11 mars 2018": the newspaper before the date
            before = re.sub(r"(?i)[\s,]*(?:publi[ée]e?|mis\s+[àa]\s+jour)?\s*(?:le|du)?\s*$", "", piece[: found[1]]).strip(" ,")
            if before and _is_org_name(before) and result.publisher is None:
                result.publisher = _AGENCIES.get(_fold(before).lower(), before)
        elif _is_org_name(piece) or re.fullmatch(r"\d{1,3}\s+[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?", piece):
            if result.publisher is None or result.publisher in _AGENCIES.values():
                result.publisher = _AGENCIES.get(_fold(piece).lower(), piece)
        elif re.match(r"\d", piece):
            continue  # "08/06/22 à 12h04, mis à jour à 15h30": a time stamp this parser does not read
        else:
            return None
    if not (result.authors or result.date or result.publisher):
        return None
    if m is None and not result.authors:
        return None
    return result


_SOURCE_LINE = re.compile(r"^(?:sources?|cr[ée]dits?|credit|via)\s*:\s*(?P<v>.+?)\s*$", re.I)
_PAREN_LINE = re.compile(r"^\(\s*(?:(?:avec|with|source\s*:?)\s+)?(?P<v>[^()]{1,60}?)\s*\)\.?$", re.I)
_AVEC_LINE = re.compile(r"^(?:avec|with)\s+(?P<v>.{1,60}?)\.?$", re.I)
_DASH_LINE = re.compile(r"^(?:[—–]|--)\s*(?P<v>.{1,60}?)\.?$")
_HYPHEN_LINE = re.compile(r"^-\s*(?P<v>.{1,60}?)\.?$")


def _is_agency_like(text: str) -> bool:
    """A known agency name or an all-capitals acronym ("AFP", "BFMTV")."""
    text = text.strip()
    return _fold(text).lower() in _AGENCIES or bool(re.fullmatch(r"[A-Z][A-Z0-9&.-]{1,15}", text))


def _parse_source_line(line: str) -> str | None:
    line = line.strip()
    if not line or len(line) > 300:
        return None
    m = _SOURCE_LINE.match(line)
    if m:
        value = m["v"].rstrip(".") if not _URL.match(m["v"]) else m["v"]
        return value or None
    for pattern, check in ((_PAREN_LINE, _is_agency_like), (_HYPHEN_LINE, _is_agency_like), (_AVEC_LINE, _is_org_name), (_DASH_LINE, _is_org_name)):
        m = pattern.match(line)
        if m:
            value = m["v"].strip()
            names = [p for p in _AUTHOR_SPLIT.split(value) if p.strip()]
            if names and all(check(p) for p in names):
                return value
    return None


# --------------------------------------------------------------------------- plain-text metadata


def _lines_with_offsets(text: str) -> list[tuple[int, int, str]]:
    """(start, end, line) for each line; ``end`` excludes the newline."""
    out = []
    pos = 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line), line))
        pos += len(line) + 1
    return out


def _strip_span(line: str, start: int) -> tuple[int, int]:
    """Span of ``line`` without surrounding whitespace, in text offsets."""
    left = len(line) - len(line.lstrip())
    return start + left, start + len(line.rstrip())


class _TextMeta:
    __slots__ = ("title", "author", "date", "updated", "publisher", "source", "spans", "body_start")

    def __init__(self) -> None:
        self.title: str | None = None
        self.author: str | None = None
        self.date: str | None = None
        self.updated: str | None = None
        self.publisher: str | None = None
        self.source: str | None = None
        self.spans: list[tuple[str, int, int]] = []
        self.body_start = 0


_HEADER_LINES = 10
_FOOTER_LINES = 5
_MD_HEADING = re.compile(r"^#{1,6}\s+")


def _scan_text(text: str) -> _TextMeta:
    """Find title, bylines and trailing source lines in normalised text."""
    meta = _TextMeta()
    lines = [entry for entry in _lines_with_offsets(text) if entry[2].strip()]
    if not lines:
        return meta
    header = lines[:_HEADER_LINES]
    header_meta: dict[int, str] = {}   # index in lines -> kind

    # title: the first non-empty line when short and not a sentence
    start, end, line = lines[0]
    s, e = _strip_span(line, start)
    title_text = text[s:e]
    heading = _MD_HEADING.match(title_text)
    if heading:
        s += heading.end()
        title_text = text[s:e]
    if (
        title_text
        and len(title_text) < 200
        and not title_text.endswith(".")
        and _parse_byline(title_text) is None
    ):
        meta.title = title_text
        meta.spans.append(("title", s, e))
        header_meta[0] = "title"

    for index, (start, end, line) in enumerate(header):
        if index in header_meta:
            continue
        byline = _parse_byline(line)
        if byline is None and len(line.strip()) < 140 and re.match(
                r"\s*[A-ZÉÈ][\w’'-]+(?:\s+[A-ZÉÈ][\w’'-]+){1,2}\s*,", line) and _find_date(line) is not None:
            # "Hélène Dorval, La Presse – Publié le 21 septembre 2017": a byline without "Par"
            byline = _parse_byline(line, require_prefix=False)
        if byline is None:
            continue
        header_meta[index] = "byline"
        meta.spans.append(("byline", *_strip_span(line, start)))
        if byline.authors and meta.author is None:
            meta.author = ", ".join(byline.authors)
        meta.date = meta.date or byline.date
        meta.updated = meta.updated or byline.updated
        meta.publisher = meta.publisher or byline.publisher

    # trailing "Source: X", "(AFP)", "Avec AFP", "— Reuters"
    first_footer = max(1, len(lines) - _FOOTER_LINES)
    for index in range(len(lines) - 1, first_footer - 1, -1):
        if index in header_meta:
            break
        start, end, line = lines[index]
        value = _parse_source_line(line)
        if value is None:
            continue
        meta.spans.append(("source", *_strip_span(line, start)))
        if meta.source is None:
            meta.source = value
        if not _URL.match(value) and meta.publisher is None:
            meta.publisher = value
    # publisher from "Source: X" only when the byline gave none (done above, byline first)

    # body starts after the leading run of title/byline lines
    for index, (start, end, line) in enumerate(lines):
        if index not in header_meta:
            break
        meta.body_start = min(end + 1, len(text))
    meta.spans.sort(key=lambda span: (span[1], span[2]))
    return meta


# --------------------------------------------------------------------------- HTML

_DROP_TAGS = frozenset(
    {
        "script", "style", "noscript", "template", "svg", "math", "iframe", "head", "title", "meta", "link",
        "nav", "footer", "aside", "form", "button", "select", "textarea", "input", "canvas", "object",
        "embed", "audio", "video", "picture", "map", "dialog",
    }
)
_BLOCK_TAGS = frozenset(
    {
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "br", "tr", "section", "article", "blockquote",
        "figcaption", "figure", "ul", "ol", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "caption",
        "header", "main", "pre", "hr", "address", "details", "summary", "body", "html",
    }
)
_CELL_TAGS = frozenset({"td", "th"})
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
_LINE_SPACE = re.compile(r"[ \t\f\v]+")
_ARTICLE_TYPES = ("Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle", "BlogPosting", "Report")


# Page furniture inside articles: sharing bars, "read also" boxes, adverts, newsletters, paywalls.
_BOILERPLATE_ATTR = re.compile(
    r"(?:^|[\s_-])(?:share|sharing|social|newsletter|related|read-?also|lire-?aussi|advert\w*|ads?|pub|promo|"
    r"cookie\w*|consent|paywall|subscribe|subscription|abonnement|comments?|breadcrumbs?|tags?|outbrain|taboola|"
    r"sponsored|banner|toolbar|popup|modal)(?:$|[\s_-])", re.IGNORECASE)
_BOILERPLATE_LINE = re.compile(
    r"(?:(?:à\s+)?lire\s+aussi|voir\s+aussi|lire\s+la\s+suite|abonnez-vous|inscrivez-vous|partager(?:\s+sur)?|"
    r"publicit[ée]|newsletter|suivez-nous|cet\s+article\s+(?:vous\s+est\s+offert|est\s+r[ée]serv[ée])|"
    r"r[ée]serv[ée]\s+aux\s+abonn[ée]s|cr[ée]dit\s+photo)\b.*$|©.*$", re.IGNORECASE)


def _visible_text(root) -> str:
    """Visible text under ``root``: one line per block element."""
    pieces: list[str] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, str):          # a closing marker for a block
            pieces.append(node)
            continue
        if node.is_text_node:
            value = node.text_content
            if value:
                pieces.append(_HTML_SPACE.sub(" ", value))
            continue
        if not node.is_element_node:
            continue                        # comments, doctype
        tag = node.tag
        if tag in _DROP_TAGS:
            continue
        attrs = node.attributes
        if "hidden" in attrs or (attrs.get("aria-hidden") or "").lower() == "true":
            continue
        style = attrs.get("style")
        if style and re.search(r"display\s*:\s*none|visibility\s*:\s*hidden", style, re.I):
            continue
        marks = f"{attrs.get('class') or ''} {attrs.get('id') or ''} {attrs.get('role') or ''}"
        if marks.strip() and _BOILERPLATE_ATTR.search(marks):
            continue
        if tag in _BLOCK_TAGS:
            pieces.append("\n")
            stack.append("\n")
        elif tag in _CELL_TAGS:
            pieces.append(" ")
            stack.append(" ")
        children = list(node.iter(include_text=True))
        stack.extend(reversed(children))
    text = "".join(pieces).translate(_NBSP)
    lines = (_LINE_SPACE.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line and not _BOILERPLATE_LINE.match(line))


def _attr(node, name: str) -> str | None:
    value = node.attributes.get(name)
    return value.strip() if isinstance(value, str) and value.strip() else None


def _clean_meta(value: str | None) -> str | None:
    if not value:
        return None
    value = _LINE_SPACE.sub(" ", _HTML_SPACE.sub(" ", value.translate(_NBSP))).strip()
    return value or None


def _names_from_ld(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        name = value.get("name")
        return [name] if isinstance(name, str) else []
    if isinstance(value, list):
        out: list[str] = []
        for item in value:
            out.extend(_names_from_ld(item))
        return out
    return []


def _ld_items(data) -> Iterator[dict]:
    if isinstance(data, list):
        for item in data:
            yield from _ld_items(item)
    elif isinstance(data, dict):
        if "@graph" in data:
            yield from _ld_items(data["@graph"])
        yield data


def _json_ld(tree) -> dict:
    """First schema.org article object in the page's JSON-LD, or {}."""
    for node in tree.css('script[type="application/ld+json"]'):
        raw = (node.text(deep=True) or "").strip()
        raw = re.sub(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$", "", raw)
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            logger.debug("ignoring JSON-LD block that is not valid JSON")
            continue
        try:
            for item in _ld_items(data):
                types = item.get("@type")
                types = [types] if isinstance(types, str) else types if isinstance(types, list) else []
                if any(isinstance(t, str) and t.split("/")[-1] in _ARTICLE_TYPES for t in types):
                    return item
        except RecursionError:
            logger.debug("ignoring JSON-LD block nested too deeply")
    return {}


def _html_metadata(tree) -> dict[str, str | None]:
    meta: dict[str, list[str]] = {}
    for node in tree.css("meta"):
        key = _attr(node, "property") or _attr(node, "name") or _attr(node, "itemprop")
        content = _clean_meta(_attr(node, "content"))
        if key and content:
            meta.setdefault(key.lower(), []).append(content)

    def first(*keys: str) -> str | None:
        for key in keys:
            if meta.get(key):
                return meta[key][0]
        return None

    ld = _json_ld(tree)
    ld_headline = ld.get("headline") if isinstance(ld.get("headline"), str) else None
    ld_authors = [a for a in (_clean_meta(n) for n in _names_from_ld(ld.get("author"))) if a]
    ld_publisher = next(iter(_names_from_ld(ld.get("publisher"))), None)
    ld_date = ld.get("datePublished") if isinstance(ld.get("datePublished"), str) else None

    title_node = tree.css_first("title")
    h1 = tree.css_first("article h1") or tree.css_first("main h1") or tree.css_first("h1")
    h1_text = _clean_meta(_visible_text(h1).replace("\n", " ")) if h1 is not None else None
    publisher = _clean_meta(ld_publisher) or first("og:site_name", "publisher", "dc.publisher", "application-name")
    page_title = _clean_meta(title_node.text(deep=True)) if title_node is not None else None
    if page_title and publisher:
        # "Headline - Site" / "Headline | Site"
        page_title = re.sub(rf"\s+[-|–—:]\s+{re.escape(publisher)}\s*$", "", page_title, flags=re.I) or page_title
    title = _clean_meta(ld_headline) or first("og:title", "twitter:title", "headline") or h1_text or page_title

    authors = ld_authors
    if not authors:
        for key in ("author", "article:author", "dc.creator", "dcterms.creator", "parsely-author", "sailthru.author"):
            authors = [a for a in meta.get(key, []) if not _URL.match(a)]
            if authors:
                break
    if not authors:
        for node in tree.css('[itemprop~="author"]'):
            name_node = node.css_first('[itemprop~="name"]')
            value = _attr(node, "content") or _clean_meta((name_node or node).text(deep=True))
            if value and not _URL.match(value):
                authors.append(value)
    if not authors:
        authors = [a for a in (_clean_meta(n.text(deep=True)) for n in tree.css('a[rel~="author"]')) if a]
    byline_date = byline_publisher = None
    if not authors:
        for node in tree.css('[class*="byline"]'):
            text = _clean_meta(_visible_text(node).replace("\n", " "))
            parsed = text and _parse_byline(text, require_prefix=False)
            if parsed and parsed.authors:
                authors = parsed.authors
                byline_date, byline_publisher = parsed.date, parsed.publisher
                break
    cleaned: list[str] = []
    for author in authors:
        author = re.sub(r"(?i)^(?:par|by)\s+", "", author).strip()
        if author and author not in cleaned:
            cleaned.append(author)

    date_text = ld_date or first(
        "article:published_time", "date", "dc.date", "dcterms.date", "datepublished", "pubdate", "publish-date", "og:published_time"
    )
    if not date_text:
        time_node = tree.css_first("time[datetime]")
        date_text = time_node is not None and _attr(time_node, "datetime") or None
    date = parse_date(date_text) if date_text else byline_date

    canonical = tree.css_first('link[rel~="canonical"]')
    source = (canonical is not None and _attr(canonical, "href")) or first("og:url")
    publisher = publisher or byline_publisher
    return {
        "title": title,
        "h1": h1_text,
        "author": ", ".join(cleaned) or None,
        "date": date,
        "publisher": publisher,
        "source": source,
    }


def _content_root(tree):
    """The element holding the article: <article>, [itemprop=articleBody], <main> or <body>."""
    for selector in ("article", '[itemprop~="articleBody"]', "main", '[role="main"]'):
        best, best_len = None, 0
        for node in tree.css(selector):
            length = len(_visible_text(node))
            if length > best_len:
                best, best_len = node, length
        if best is not None:
            return best
    return tree.body or tree.root


def _same_line(a: str, b: str) -> bool:
    return _LINE_SPACE.sub(" ", a).strip().casefold() == _LINE_SPACE.sub(" ", b).strip().casefold()


def _html_to_article(html: str, *, path: str, doc_id: str, lang: str, sha256: str, stem: str) -> Article | str:
    """Build an Article from decoded HTML, or return a problem string."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    info = _html_metadata(tree)
    root = _content_root(tree)
    text = normalise_text(_visible_text(root) if root is not None else "")
    title = info["title"]
    if title and text:
        first_line = text.split("\n", 1)[0]
        # the visible headline (h1) already opens the text: keep it as written
        if info["h1"] and _same_line(first_line, info["h1"]):
            title = first_line
        elif not _same_line(first_line, title):
            text = f"{normalise_text(title)}\n{text}"
    elif title:
        text = normalise_text(title)
    if not text.strip():
        return "HTML page has no visible text (only markup or scripts); check that it is the article page, not a redirect or an app shell"
    meta = _scan_text(text)
    spans = list(meta.spans)
    body_start = meta.body_start
    if title:
        first_end = text.find("\n")
        first_end = len(text) if first_end < 0 else first_end
        title = text[:first_end]
        spans = [span for span in spans if span[0] != "title"]
        spans.insert(0, ("title", 0, first_end))
        body_start = max(body_start, min(first_end + 1, len(text)))
    spans.sort(key=lambda span: (span[1], span[2]))
    return Article(
        doc_id=doc_id,
        path=path,
        text=text,
        lang=lang,
        title=title or meta.title,
        author=info["author"] or meta.author,
        date=info["date"] or meta.date or meta.updated or _date_from_filename(stem),
        publisher=info["publisher"] or meta.publisher,
        source=info["source"] or meta.source,
        sha256=sha256,
        body_start=body_start,
        meta_spans=tuple(spans),
    )


# --------------------------------------------------------------------------- decoding

_MAGIC = (
    (b"%PDF-", "a PDF document; extract its text first (e.g. `pdftotext file.pdf file.txt`)"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.odt/.epub); extract or export the article as .txt or .html"),
    (b"\x1f\x8b", "a gzip-compressed file; decompress it first (gunzip)"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image, not text; give the article as .txt or .html"),
    (b"\xff\xd8\xff", "a JPEG image, not text; give the article as .txt or .html"),
    (b"GIF8", "a GIF image, not text; give the article as .txt or .html"),
    (b"{\\rtf", "an RTF document; save it as plain text (.txt) first"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document; save it as plain text (.txt) first"),
)
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13)) + b"\x7f"
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def _sniff_binary(raw: bytes) -> str | None:
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            return f"binary file: {what}"
    if b"\x00" in raw:
        return "binary file (contains NUL bytes), not text; give the article as UTF-8 .txt or .html"
    sample = raw[:65536]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls > 0.1 * len(sample):
        return f"binary file ({controls * 100 // len(sample)}% control bytes), not text; give the article as UTF-8 .txt or .html"
    return None


def _utf16_without_bom(raw: bytes) -> str | None:
    """Name of the UTF-16 variant when ``raw`` looks like BOM-less UTF-16 text."""
    if len(raw) < 4 or len(raw) % 2:
        return None
    sample = raw[:4096]
    even_nul = sample[0::2].count(0) / (len(sample) / 2)
    odd_nul = sample[1::2].count(0) / (len(sample) / 2)
    if odd_nul > 0.6 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.6 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def _decode(raw: bytes, *, lang: str, html: bool) -> tuple[str | None, str]:
    """Decode raw bytes; return (text, encoding) or (None, problem)."""
    for bom, codec in (
        (b"\xff\xfe\x00\x00", "utf-32-le"),
        (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ):
        if raw.startswith(bom):
            try:
                return raw[len(bom):].decode(codec), codec
            except UnicodeDecodeError as exc:
                return None, f"cannot decode text: starts with a {codec.upper()} byte-order mark but is not valid {codec.upper()} (byte {exc.start}); re-save the file as UTF-8"
    utf16 = _utf16_without_bom(raw)
    if utf16:
        try:
            return raw.decode(utf16), utf16
        except UnicodeDecodeError:
            pass
    problem = _sniff_binary(raw)
    if problem:
        return None, problem
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, f"cannot decode text: has a UTF-8 byte-order mark but invalid UTF-8 at byte {utf8_error.start}; re-save the file as UTF-8"
    mixed = _decode_mixed(raw)
    if mixed is not None:
        return mixed, "utf-8+cp1252"
    if html:
        m = _META_CHARSET.search(raw[:4096])
        if m:
            declared = m.group(1).decode("ascii", "replace")
            try:
                return raw.decode(declared), declared
            except (LookupError, UnicodeDecodeError):
                logger.debug("declared charset %r does not decode the page", declared)
    import charset_normalizer

    best = None
    if lang.split("-")[0].lower() in _WESTERN_LANGS:
        best = charset_normalizer.from_bytes(raw, cp_isolation=["cp1252"], threshold=_MAX_CHAOS).best()
    if best is None or best.chaos > _MAX_CHAOS:
        best = charset_normalizer.from_bytes(raw, threshold=_MAX_CHAOS).best()
    if best is None or best.chaos > _MAX_CHAOS:
        guess = f" (best guess {best.encoding}, {best.chaos:.0%} garbled)" if best is not None else ""
        return None, (
            f"cannot decode text: not valid UTF-8 (byte {utf8_error.start}) and no reliable encoding guess{guess}; "
            "re-save the file as UTF-8"
        )
    return str(best), best.encoding


def _decode_mixed(raw: bytes) -> str | None:
    """Decode UTF-8 text with a few stray Windows-1252 bytes, or None when it is not that."""
    text = raw.decode("utf-8", "surrogateescape")
    stray = sum(1 for ch in text if "\udc80" <= ch <= "\udcff")
    multibyte = sum(1 for ch in text if "\x80" <= ch and not "\udc80" <= ch <= "\udcff")
    if not stray or multibyte < 2 * stray:
        return None

    def fix(match: re.Match) -> str:
        return bytes(ord(ch) - 0xDC00 for ch in match.group()).decode("cp1252", "replace")

    return re.sub("[\udc80-\udcff]+", fix, text)


# --------------------------------------------------------------------------- building articles


def article_from_text(
    text: str,
    *,
    path: str = "<text>",
    doc_id: str | None = None,
    lang: str = "fr",
) -> Article:
    """Build an :class:`~graph.types.Article` from plain text (for tests and library use).

    The text is normalised with :func:`normalise_text` and scanned for a title,
    bylines and a trailing source line, exactly as for a ``.txt`` file.

    Parameters
    ----------
    text : str
        The article as plain text.
    path : str, optional
        Recorded in ``Article.path``; its stem gives ``doc_id`` and, failing
        any other date, a date written as ``YYYY-MM-DD`` in the name.
    doc_id : str, optional
        Identifier to use instead of the slug of the path's stem.
    lang : str, optional
        Language code of the article (default ``"fr"``).

    Returns
    -------
    Article

    Examples
    --------
    >>> a = article_from_text("Titre\\nPar Jean Dupont, le 3 mars 2021\\nLe texte.\\nSource: AFP")
    >>> a.title, a.author, a.date, a.publisher, a.source
    ('Titre', 'Jean Dupont', '2021-03-03', 'AFP', 'AFP')
    >>> a.meta_spans
    (('title', 0, 5), ('byline', 6, 37), ('source', 48, 59))
    """
    raw = text.encode("utf-8", "surrogatepass")
    sha256 = hashlib.sha256(raw).hexdigest()
    stem = Path(path).stem if path else ""
    return _text_article(
        normalise_text(text), path=path, doc_id=doc_id or _doc_id(stem, sha256), lang=lang, sha256=sha256, stem=stem
    )


def _text_article(text: str, *, path: str, doc_id: str, lang: str, sha256: str, stem: str) -> Article:
    meta = _scan_text(text)
    return Article(
        doc_id=doc_id,
        path=path,
        text=text,
        lang=lang,
        title=meta.title,
        author=meta.author,
        date=meta.date or meta.updated or _date_from_filename(stem),
        publisher=meta.publisher,
        source=meta.source,
        sha256=sha256,
        body_start=meta.body_start,
        meta_spans=tuple(meta.spans),
    )


def _human_size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{n:,} bytes"


def _read_file(path: Path, shown: str, *, max_bytes: int, lang: str) -> Article | ReadFailure:
    """Read one file that exists; never raises."""
    def fail(problem: str) -> ReadFailure:
        logger.debug("cannot read %s: %s", shown, problem)
        return ReadFailure(shown, problem)

    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        kind = f"'{path.suffix}'" if path.suffix else "(no suffix)"
        return fail(f"unsupported file type {kind}; supported: {_SUPPORTED_LIST} (rename or convert the file)")
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return fail("not a regular file (device, pipe or socket); give a file or a folder")
        if info.st_size > max_bytes:
            return fail(
                f"file too large ({_human_size(info.st_size)} > limit {_human_size(max_bytes)}); "
                "split it into articles or raise max_bytes"
            )
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except PermissionError:
        return fail("permission denied; make the file readable (chmod +r)")
    except OSError as exc:
        return fail(f"cannot read file ({exc.strerror or exc}); check the path and the disk")
    if len(raw) > max_bytes:
        return fail(f"file too large (> limit {_human_size(max_bytes)}); split it into articles or raise max_bytes")
    if not raw:
        return fail("empty file (0 bytes); add the article text or remove the file")
    is_html = suffix in HTML_SUFFIXES
    try:
        decoded, how = _decode(raw, lang=lang, html=is_html)
    except Exception as exc:  # pragma: no cover - charset-normalizer internals
        logger.debug("decoding %s failed", shown, exc_info=True)
        return fail(f"cannot decode text ({type(exc).__name__}); re-save the file as UTF-8")
    if decoded is None:
        return fail(how)
    if how not in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
        logger.info("%s: not UTF-8, decoded as %s", shown, how)
    if not decoded.strip():
        return fail("file contains only whitespace; add the article text or remove the file")
    sha256 = hashlib.sha256(raw).hexdigest()
    stem = path.stem
    doc_id = _doc_id(stem, sha256)
    if is_html:
        try:
            result = _html_to_article(decoded, path=shown, doc_id=doc_id, lang=lang, sha256=sha256, stem=stem)
        except Exception as exc:  # pragma: no cover - defensive: a parser bug must not stop the build
            logger.debug("parsing %s failed", shown, exc_info=True)
            return fail(f"cannot parse HTML ({type(exc).__name__}: {exc}); check the file or save the article as .txt")
        return fail(result) if isinstance(result, str) else result
    text = normalise_text(decoded)
    if not text.strip():
        return fail("file contains only whitespace; add the article text or remove the file")
    return _text_article(text, path=shown, doc_id=doc_id, lang=lang, sha256=sha256, stem=stem)


def _walk(folder: Path) -> list[Path]:
    """Supported files under ``folder``, recursively, hidden entries skipped, sorted."""
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(folder, onerror=lambda exc: logger.warning("cannot list %s: %s", exc.filename, exc.strerror)):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        base = Path(dirpath)
        for name in filenames:
            if name.startswith("."):
                continue
            candidate = base / name
            if candidate.suffix.lower() in SUPPORTED_SUFFIXES:
                found.append(candidate)
            else:
                logger.debug("skipping %s: unsupported file type", candidate)
    found.sort(key=lambda p: p.relative_to(folder).parts)
    return found


def _missing(path: Path) -> str:
    where = "" if path.is_absolute() else f" (relative to {os.getcwd()})"
    return f"no such file or folder{where}; check the path and its spelling"


def read_articles(
    paths: Iterable[str | os.PathLike[str]],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    lang: str = "fr",
) -> Iterator[Article | ReadFailure]:
    """Read articles from files and folders, one result per file.

    Folders are walked recursively in sorted order; hidden files and folders
    (names starting with ``.``) are skipped, and so, silently (DEBUG log), are
    files whose suffix is not supported. A file given explicitly with an
    unsupported suffix is a failure. Supported: ``.txt``, ``.text``, ``.md``
    (plain text) and ``.html``, ``.htm``, ``.xhtml`` (visible text only). The
    same file reached twice is read once.

    Parameters
    ----------
    paths : iterable of str or path-like
        Files and folders, read in the order given.
    max_bytes : int, optional
        Files larger than this are refused (default 20 MB).
    lang : str, optional
        Language code recorded in each article (default ``"fr"``); for Western
        languages, non-UTF-8 files are tried as Windows-1252 first.

    Yields
    ------
    Article or ReadFailure
        An article, or a failure whose ``problem`` is one line saying what is
        wrong and how to fix it (missing path, empty, binary, undecodable,
        too large, unsupported type, unreadable).

    Notes
    -----
    Never raises for a bad file. The order is deterministic. No network access.

    Examples
    --------
    >>> [type(r).__name__ for r in read_articles(["no/such/file.txt"])]
    ['ReadFailure']
    """
    seen: set[Path] = set()
    doc_ids: dict[str, str] = {}
    for given in paths:
        shown = os.fspath(given)
        if not shown:
            yield ReadFailure(shown, "empty path; give a file or a folder")
            continue
        path = Path(given)
        try:
            if path.is_dir():
                files = [(f, os.fspath(f)) for f in _walk(path)]
                if not files:
                    logger.warning("%s: no %s files in this folder", shown, _SUPPORTED_LIST)
            elif path.exists():
                files = [(path, shown)]
            else:
                yield ReadFailure(shown, _missing(path))
                continue
        except (OSError, ValueError) as exc:
            yield ReadFailure(shown, f"cannot access path ({exc.strerror or exc}); check the path and its permissions")
            continue
        for file, file_shown in files:
            try:
                key = file.resolve()
            except (OSError, RuntimeError):
                key = file.absolute()
            if key in seen:
                logger.debug("skipping %s: already read", file_shown)
                continue
            seen.add(key)
            try:
                result = _read_file(file, file_shown, max_bytes=max_bytes, lang=lang)
            except Exception as exc:  # pragma: no cover - last resort: one bad file must not stop the build
                logger.debug("reading %s failed", file_shown, exc_info=True)
                result = ReadFailure(file_shown, f"internal error while reading ({type(exc).__name__}: {exc}); please report it")
            if isinstance(result, Article):
                other = doc_ids.setdefault(result.doc_id, file_shown)
                if other != file_shown:
                    logger.warning("%s: doc_id %r is also used by %s; rename one file", file_shown, result.doc_id, other)
            yield result


def read_article(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES, lang: str = "fr") -> Article:
    """Read one article file.

    Parameters
    ----------
    path : str or path-like
        A ``.txt``, ``.text``, ``.md``, ``.html``, ``.htm`` or ``.xhtml`` file.
    max_bytes : int, optional
        Larger files are refused (default 20 MB).
    lang : str, optional
        Language code recorded in the article (default ``"fr"``).

    Returns
    -------
    Article

    Raises
    ------
    InputError
        When the file is missing, a folder, empty, binary, undecodable, too
        large or of an unsupported type; the message is one line.

    Examples
    --------
    >>> read_article("no/such/file.txt")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    graph.errors.InputError: no/such/file.txt: no such file or folder (relative to ...); check the path and its spelling
    """
    p = Path(path)
    shown = os.fspath(path)
    if p.is_dir():
        raise InputError(shown, "is a folder, not a file; use read_articles() to read a folder")
    if not p.exists():
        raise InputError(shown, _missing(p))
    result = _read_file(p, shown, max_bytes=max_bytes, lang=lang)
    if isinstance(result, ReadFailure):
        raise InputError(result.path, result.problem)
    return result
