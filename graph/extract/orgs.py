"""Gazetteer of well-known organisations as they are named in French news.

The data lives in ``graph/data/organisations.tsv`` (one row per body: key,
French label, aliases, kind, owning state, Wikidata id, parent body).  A
seventh ``parent`` column names the key of the listed body an entry is an
organ of (``unsc`` -> ``un``, ``eucommission`` -> ``eu``); it may be left out
of a row, which then has no parent.  Nothing is read at
import time: :meth:`OrgGazetteer.default` loads and caches the table on first
use.

Matching rules
--------------
* Apostrophes are normalised (``'`` ``’`` ``‘`` ``ʼ`` are the same), white
  space is collapsed, a leading French or English article (``le``, ``la``,
  ``les``, ``l'``, ``the``) is ignored.
* *Case-sensitive* aliases: acronyms (all capitals, ``NASA``, ``UE``), short
  aliases of at most four letters (``Otan``, ``Fed``, ``Rada``) and single
  words that are also ordinary words (``Total``, ``Renaissance``, ``Monde``).
  For such a single word the leading article is kept (``Le Monde`` does not
  make ``Monde`` an alias).  Accents are still ignored (``Les Echos``).
* Every other alias matches case- and accent-insensitively, with hyphens
  treated as spaces (``maison blanche`` finds ``Maison-Blanche``).

Examples
--------
>>> gaz = OrgGazetteer.default()
>>> gaz.lookup("l’OTAN").key
'nato'
>>> gaz.lookup("Maison Blanche").state
'USA'
>>> gaz.lookup("nasa") is None
True
"""
from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

__all__ = ["KINDS", "OrgEntry", "OrgGazetteer", "DEFAULT_PATH"]

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "organisations.tsv"

#: Allowed values of the ``kind`` column.
KINDS: frozenset[str] = frozenset(
    {
        "ministry",
        "space-agency",
        "intelligence-agency",
        "legislature",
        "international-organisation",
        "state-media",
        "media",
        "company",
        "central-bank",
        "armed-forces",
        "government",
        "court",
        "political-party",
        "ngo",
        "agency",
        "university",
    }
)

#: Single words (accent-folded, lower case) that are also ordinary French or
#: English words: an alias made of one of them only matches with its exact
#: capitalisation.
COMMON_WORDS: frozenset[str] = frozenset(
    """
    total orange renaissance horizons reconquete republicains republicain democrates
    liberation libe express point monde parisien echos croix opinion tribune presse
    temps humanite obs soir devoir progres depeche telegramme
    time times sun mail mirror post guardian independent telegraph economist atlantic
    hill intercept observer herald nation hindu wired
    meta apple amazon shell alphabet oracle intel tesla safran leonardo mistral
    bild brut welt zeit spiegel
    memorial diete francophonie pentagone pentagon capitole communes cortes
    modem labour reform vox lega care commonwealth ecologistes verts libre poste
    polytechnique twitter
    sputnik spoutnik kan iris dawn saab starlink
    """.split()
)

_ARTICLE_RE = re.compile(r"^(?:(le|la|les|the)\s+|(l)')(?=\S)", re.IGNORECASE)
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "`": "'"})
_WS_RE = re.compile(r"\s+")

# First words after which a lower-case variant is a plausible surface form in
# running text ("le ministère russe de la Défense", "l'armée israélienne").
_GENERIC_HEADS = frozenset(
    """
    ministère département armée armées marine forces force flotte parlement gouvernement banque
    agence conseil cour chambre assemblée commission présidence service services bureau
    renseignement diplomatie police gendarmerie institut université fondation groupe parti
    office organisation haut-commissariat tribunal parquet autorité direction secours
    """.split()
)


@dataclass(frozen=True)
class OrgEntry:
    """One organisation of the gazetteer.

    Attributes
    ----------
    key : str
        Stable slug, e.g. ``"nato"``.
    label : str
        Canonical French name.
    aliases : tuple of str
        Other surface forms (the label is not repeated here).
    kind : str
        One of :data:`KINDS`.
    state : str or None
        ISO 3166-1 alpha-3 code of the state the body belongs to (public
        bodies of one state, state-owned or state-controlled media and
        companies), else ``None``.
    wikidata : str or None
        Wikidata Q-id when known.
    parent : str or None
        Key of the listed body this one is an organ of (UN and EU bodies,
        chambers of a parliament, services of a ministry...), else ``None``.
        Defaults to ``None`` so six-argument constructions keep working.

    Examples
    --------
    >>> e = OrgGazetteer.default().get("nasa")
    >>> (e.label, e.kind, e.state, e.wikidata)
    ("Administration nationale de l'aéronautique et de l'espace", 'space-agency', 'USA', 'Q23548')
    >>> "NASA" in e.surface_forms
    True
    >>> OrgGazetteer.default().get("eucommission").parent, e.parent
    ('eu', None)
    """

    key: str
    label: str
    aliases: tuple[str, ...]
    kind: str
    state: str | None
    wikidata: str | None
    parent: str | None = None

    @property
    def surface_forms(self) -> tuple[str, ...]:
        """Label followed by the aliases."""
        return (self.label, *self.aliases)


def _fold_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def _clean(text: str) -> str:
    """Normalise Unicode, apostrophes and white space."""
    text = unicodedata.normalize("NFC", text).translate(_APOSTROPHES)
    return _WS_RE.sub(" ", text).strip().strip("\"«»“”").strip()


def _split_article(text: str) -> tuple[str, str]:
    """Return ``(article, rest)``; the article is lower-cased, ``""`` if none.

    >>> _split_article("L’Express")
    ("l'", 'Express')
    >>> _split_article("Les Échos")
    ('les ', 'Échos')
    >>> _split_article("Lesotho")
    ('', 'Lesotho')
    """
    text = _clean(text)
    m = _ARTICLE_RE.match(text)
    if not m:
        return "", text
    article = (m.group(1) + " ") if m.group(1) else "l'"
    return article.lower(), text[m.end():]


def _letters(text: str) -> str:
    return "".join(c for c in text if c.isalpha())


def is_case_sensitive(alias: str) -> bool:
    """Whether ``alias`` (article removed) must match with its exact case.

    >>> is_case_sensitive("NASA"), is_case_sensitive("Otan"), is_case_sensitive("Monde")
    (True, True, True)
    >>> is_case_sensitive("Union européenne"), is_case_sensitive("Gazprom")
    (False, False)
    """
    letters = _letters(alias)
    if len(letters) <= 4:
        return True
    if letters.isupper():
        return True
    if " " not in alias and _fold_accents(alias).lower().strip(".!") in COMMON_WORDS:
        return True
    return False


def _sensitive_key(text: str) -> str:
    return _fold_accents(text)


def _insensitive_key(text: str) -> str:
    text = _fold_accents(text).casefold().replace("-", " ")
    return _WS_RE.sub(" ", text).strip()


def _alias_index_key(alias: str) -> tuple[bool, str]:
    """Index key of an alias: ``(case_sensitive, key)``."""
    article, rest = _split_article(alias)
    if not rest:
        rest, article = _clean(alias), ""
    if is_case_sensitive(rest):
        # an article is kept in front of a short or common word
        keep = article and (" " not in rest) and not _letters(rest).isupper()
        return True, _sensitive_key((article if keep else "") + rest)
    return False, _insensitive_key(rest)


class OrgGazetteer:
    """In-memory organisation gazetteer.

    Parameters
    ----------
    entries : iterable of OrgEntry
        The organisations; keys must be unique, every ``parent`` must be the
        key of another entry and parent links must not form a cycle.

    Raises
    ------
    ValueError
        On a duplicate key, an unknown parent or a cycle of parents.

    Examples
    --------
    >>> gaz = OrgGazetteer.default()
    >>> gaz.lookup("Le Monde").kind
    'media'
    >>> gaz.lookup("monde") is None
    True
    >>> gaz.lookup("Elysee").key
    'elysee'
    """

    def __init__(self, entries: Iterable[OrgEntry]):
        self._entries: dict[str, OrgEntry] = {}
        for entry in entries:
            if entry.key in self._entries:
                raise ValueError(f"duplicate organisation key {entry.key!r}")
            self._entries[entry.key] = entry
        self._check_parents()
        self._sensitive: dict[str, str] = {}
        self._insensitive: dict[str, str] = {}
        self._ambiguous: dict[str, set[str]] = {}
        for entry in self._entries.values():
            for alias in entry.surface_forms:
                sensitive, ikey = _alias_index_key(alias)
                index = self._sensitive if sensitive else self._insensitive
                tag = ("S:" if sensitive else "I:") + ikey
                other = index.get(ikey)
                if other is None:
                    if tag in self._ambiguous:
                        self._ambiguous[tag].add(entry.key)
                    else:
                        index[ikey] = entry.key
                elif other != entry.key:
                    self._ambiguous.setdefault(tag, {other}).add(entry.key)
                    del index[ikey]

    def _check_parents(self) -> None:
        for entry in self._entries.values():
            if entry.parent is not None and entry.parent not in self._entries:
                raise ValueError(f"organisation {entry.key!r}: unknown parent {entry.parent!r}")
        for entry in self._entries.values():
            seen = {entry.key}
            parent = entry.parent
            while parent is not None:
                if parent in seen:
                    raise ValueError(f"organisation {entry.key!r}: cycle of parents through {parent!r}")
                seen.add(parent)
                parent = self._entries[parent].parent

    # ------------------------------------------------------------ loading
    @classmethod
    def from_tsv(cls, path: str | Path) -> "OrgGazetteer":
        """Read a gazetteer from a TSV file (see the module docstring).

        Rows have 4 to 7 columns; missing trailing columns (state, wikidata,
        parent) are empty.

        Raises
        ------
        ValueError
            On a malformed row, an unknown kind, a duplicate key, an unknown
            parent or a cycle of parents.
        """
        path = Path(path)
        entries: list[OrgEntry] = []
        header_seen = False
        with path.open(encoding="utf-8") as fh:
            for lineno, raw in enumerate(fh, 1):
                line = raw.rstrip("\r\n")
                if not line.strip() or line.lstrip().startswith("#"):
                    continue
                cols = line.split("\t")
                if not header_seen:
                    header_seen = True
                    if cols[0].strip() == "key":
                        continue
                if len(cols) > 7 or len(cols) < 4:
                    raise ValueError(f"{path}:{lineno}: expected 4 to 7 tab-separated columns, got {len(cols)}")
                cols += [""] * (7 - len(cols))
                key, label, aliases, kind, state, qid, parent = (c.strip() for c in cols)
                if not key or not label:
                    raise ValueError(f"{path}:{lineno}: empty key or label")
                if kind not in KINDS:
                    raise ValueError(f"{path}:{lineno}: unknown kind {kind!r}")
                if parent == key:
                    raise ValueError(f"{path}:{lineno}: {key!r} is its own parent")
                alias_tuple = tuple(a.strip() for a in aliases.split("|") if a.strip() and a.strip() != label)
                entries.append(OrgEntry(key, label, alias_tuple, kind, state or None, qid or None, parent or None))
        return cls(entries)

    _default: "OrgGazetteer | None" = None
    _lock = threading.Lock()

    @classmethod
    def default(cls) -> "OrgGazetteer":
        """The packaged gazetteer, loaded on first call and cached.

        >>> OrgGazetteer.default() is OrgGazetteer.default()
        True
        """
        if cls._default is None:
            with cls._lock:
                if cls._default is None:
                    cls._default = cls.from_tsv(DEFAULT_PATH)
        return cls._default

    # ------------------------------------------------------------ access
    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[OrgEntry]:
        return iter(self._entries.values())

    def __contains__(self, key: object) -> bool:
        return key in self._entries

    def get(self, key: str) -> OrgEntry:
        """Entry by key.

        Raises
        ------
        KeyError
            If there is no such key.

        >>> OrgGazetteer.default().get("nato").aliases[:3]
        ('OTAN', 'Otan', 'NATO')
        """
        return self._entries[key]

    def ambiguous_aliases(self) -> dict[str, tuple[str, ...]]:
        """Normalised aliases claimed by several entries (never matched).

        >>> OrgGazetteer.default().ambiguous_aliases()
        {}
        """
        return {tag[2:]: tuple(sorted(keys)) for tag, keys in sorted(self._ambiguous.items())}

    def lookup(self, text: str) -> OrgEntry | None:
        """Find the organisation named by ``text``, or ``None``.

        Parameters
        ----------
        text : str
            A mention, possibly with a leading article and curly apostrophes.

        Examples
        --------
        >>> gaz = OrgGazetteer.default()
        >>> gaz.lookup("la Banque centrale européenne").key
        'ecb'
        >>> gaz.lookup("L'Express").key, gaz.lookup("l’Express").key
        ('lexpress', 'lexpress')
        >>> gaz.lookup("Ue") is None, gaz.lookup("UE").key
        (True, 'eu')
        """
        if not text or not text.strip():
            return None
        cleaned = _clean(text)
        article, rest = _split_article(cleaned)
        candidates = [cleaned]
        if article:
            candidates += [article + rest, rest]
        for cand in candidates:
            key = self._sensitive.get(_sensitive_key(cand))
            if key is not None:
                return self._entries[key]
        for cand in candidates:
            key = self._insensitive.get(_insensitive_key(cand))
            if key is not None:
                return self._entries[key]
        return None

    def phrase_patterns(self) -> list[tuple[str, str]]:
        """Surface forms for a case-sensitive spaCy ``PhraseMatcher``.

        Each alias is given as written, with both straight and curly
        apostrophes, with a lower-case article variant (``le Monde``) and,
        for case-insensitive aliases, with the first letter upper-cased
        (sentence start) or lower-cased when it is a generic head noun
        (``ministère``, ``armée``...).  Ambiguous aliases are left out.

        Returns
        -------
        list of (str, str)
            Sorted, de-duplicated ``(surface form, key)`` pairs.

        Examples
        --------
        >>> pats = OrgGazetteer.default().phrase_patterns()
        >>> ("l’Express", "lexpress") in pats, ("le Monde", "lemonde") in pats
        (True, True)
        >>> ("Monde", "lemonde") in pats, ("nasa", "nasa") in pats
        (False, False)
        """
        ambiguous = set(self._ambiguous)
        out: set[tuple[str, str]] = set()
        for entry in self._entries.values():
            for alias in entry.surface_forms:
                sensitive, ikey = _alias_index_key(alias)
                if (("S:" if sensitive else "I:") + ikey) in ambiguous:
                    continue
                alias = _clean(alias)
                forms = {alias}
                article, rest = _split_article(alias)
                if article and alias[:1].isupper():
                    forms.add(article + rest)
                if not sensitive and " " in alias:
                    first = alias.split(" ", 1)[0]
                    forms.add(alias[:1].upper() + alias[1:])
                    if first.lower() in _GENERIC_HEADS:
                        forms.add(alias[:1].lower() + alias[1:])
                for form in list(forms):
                    if "'" in form:
                        forms.add(form.replace("'", "\u2019"))
                out.update((f, entry.key) for f in forms)
        return sorted(out)
