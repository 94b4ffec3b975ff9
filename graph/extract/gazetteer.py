"""French gazetteer of sovereign states: names, capitals, demonyms, combining forms.

Sources
-------
* ``graph/data/states_fr.tsv``: one row per state treated as sovereign (the 193 UN
  members, the two UN observer states Holy See and Palestine, plus Taiwan and Kosovo,
  ``XKX``). **A row in this file is what makes a state**: names of non-sovereign
  territories that pycountry knows (Aruba, Réunion, Guadeloupe, Hong Kong, Greenland...)
  resolve to ``None``.
* pycountry: its French translations (gettext domain ``iso3166-1``) of ``name``,
  ``official_name`` and ``common_name``, and the English ones, are added for the states of
  the TSV. Inverted ISO names are put back in reading order: ``"Russie, Fédération de"``
  gives ``"Russie"`` and ``"Fédération de Russie"``; ``"Syrienne, République arabe"``
  gives ``"République arabe syrienne"``; ``"Îles"`` forms give ``"Îles Salomon"``.

Nothing is read at import time; :meth:`StateGazetteer.default` loads once and caches.

Matching policy
---------------
Names (:meth:`StateGazetteer.lookup_name`)
    The whole text must be a name, optionally after one leading article or preposition
    (``le la les l' du des de la de l' d' de aux au en à``, straight or curly apostrophe).
    Comparison folds accents, case, apostrophes, dashes and hyphen/space (``"Etats Unis"``
    matches ``"États-Unis"``), **but** the text must start with a capital letter when the
    name does (``"chine"`` and ``"turquie"`` are not states; ``"CHINE"`` is), and
    acronyms (``"US"``, ``"RDC"``, ``"EAU"``) must be written in capitals exactly.
Context-only names
    Some names are far more often something else in French news: ``Maurice``,
    ``Dominique`` (first names), ``Grenade`` (Granada, the weapon), ``Salvador``
    (Salvador Dalí, the Brazilian city). They are accepted only after an article or
    preposition (``"la Dominique"``, ``"à Maurice"``, ``"au Salvador"``) and are not in
    :meth:`StateGazetteer.phrase_patterns`; the unambiguous long forms
    (``"île Maurice"``, ``"El Salvador"``) work everywhere.
Lookup-only names
    ``Amérique`` (also *Amérique latine*, *du Sud*...), ``Corée`` (*péninsule de Corée*),
    ``US`` and the noun ``Indien`` (*océan Indien*) resolve with ``lookup_*`` on a whole
    string but are left out of the phrase patterns, which are matched inside running text.
English names
    pycountry's English names and a few common short forms (``"Russia"``,
    ``"South Korea"``, ``"UK"``) resolve with :meth:`lookup_name`, except first names that
    are also country names (``Jordan``, ``Chad``, ``Georgia``). They are in the phrase
    patterns only with ``include_english=True``.
Ambiguity
    A form that the TSV gives to two states (``Congo``, ``congolais``, ``coréen``,
    ``Coréens``) resolves to ``None``. A pycountry form never overrides a TSV form, and a
    pycountry form claimed by two states (``"Korea"``) is dropped.
Capitals (:meth:`StateGazetteer.lookup_capital`)
    Matched case-sensitively on the surface form (apostrophes normalised; the unaccented
    spelling is accepted too: ``"Pekin"``). Left out because they are common first names
    or words in news text: ``Victoria`` (Seychelles), ``Sucre`` (Bolivia, *sucre* =
    sugar), ``Santiago`` (Santiago Abascal, Santiago de Cuba; ``"Santiago du Chili"`` is
    kept), ``Castries`` (Saint Lucia; Henri de Castries) and the unaccented ``Male``
    (``"Malé"`` is kept). Kept although ambiguous: ``Washington`` (the usual metonym for
    the US government), ``Kingston``, ``Georgetown``, ``Sofia``, ``Vienne``, ``Tripoli``.
    *La Haye* is not listed for the Netherlands: in news it stands for the international
    courts. ``Jérusalem`` is listed for Israel (its seat of government) and
    ``Jérusalem-Est``/``Ramallah`` for Palestine. A capital written like the state
    (``Djibouti``, ``Koweït``, ``Luxembourg``, ``Monaco``, ``Panama``, ``Singapour``,
    ``Saint-Marin``, ``Guatemala``, ``Mexico`` in English) is a phrase pattern of kind
    ``"name"`` only, but :meth:`StateGazetteer.lookup_capital` still knows it.
Adjectives and nouns
    Adjectives are lowercase forms, compared case- and accent-insensitively. Inhabitant
    nouns must start with a capital letter (``"Russes"``; ``"russes"`` is the adjective).
    Compounds ``"sino-russe"``, ``"franco-allemand"``, ``"israélo-palestinien"`` are read as
    combining forms + a final adjective (:meth:`StateGazetteer.lookup_combining`).

Known limits: a name inside a larger proper noun still matches at the phrase level
(*palais du Luxembourg*, *Géorgie* the US state); prefer the longest match when several
patterns overlap (*Guinée* / *Guinée-Bissau*, *Irlande* / *Irlande du Nord*, which the
TSV gives to the United Kingdom).
"""
from __future__ import annotations

import csv
import gettext
import threading
import unicodedata
from collections import defaultdict
from importlib import resources
from pathlib import Path

from graph.errors import NewsgraphError

__all__ = ["StateGazetteer", "fold"]

_TSV_NAME = "states_fr.tsv"
_COLUMNS = ("iso3", "names", "adjectives", "nouns", "capitals", "prefixes")

#: Leading articles / prepositions stripped by :meth:`StateGazetteer.lookup_name`
#: (longest first; compared case-insensitively, apostrophes normalised).
_ARTICLES = ("de la ", "de l'", "des ", "du ", "aux ", "au ", "les ", "le ", "la ",
             "l'", "d'", "de ", "en ", "à ")

#: Names that need an article or preposition in front (common first names / words).
_NEEDS_CONTEXT = frozenset({"Maurice", "Dominique", "Grenade", "Salvador"})

#: Forms resolved by ``lookup_*`` but not offered as phrase patterns.
_LOOKUP_ONLY = frozenset({"Amérique", "Corée", "US", "Indien"})

#: Capital forms never matched (see module docstring).
_CAPITAL_STOPLIST = frozenset({"Victoria", "Sucre", "Santiago", "Castries", "Male"})

#: English forms that are more often first names / US states than the country.
_ENGLISH_STOPLIST = frozenset({"Jordan", "Chad", "Georgia"})

#: Short English labels where pycountry's name is awkward.
_ENGLISH_LABELS = {
    "BOL": "Bolivia", "BRN": "Brunei", "COD": "Democratic Republic of the Congo",
    "COG": "Republic of the Congo", "CZE": "Czechia", "FSM": "Micronesia",
    "GBR": "United Kingdom", "IRN": "Iran", "KOR": "South Korea", "LAO": "Laos",
    "MDA": "Moldova", "PRK": "North Korea", "PSE": "Palestine", "RUS": "Russia",
    "SYR": "Syria", "TUR": "Turkey", "TWN": "Taiwan", "TZA": "Tanzania",
    "USA": "United States", "VAT": "Vatican City", "VEN": "Venezuela",
    "VNM": "Vietnam", "XKX": "Kosovo",
}

#: Extra English forms (common usage, not in pycountry).
_ENGLISH_EXTRA = {
    "GBR": ("UK", "Britain", "Great Britain"), "USA": ("USA", "US", "America"),
    "CZE": ("Czech Republic",), "TUR": ("Turkey", "Türkiye"), "CIV": ("Ivory Coast",),
    "CPV": ("Cape Verde",), "TLS": ("East Timor",), "MMR": ("Burma",),
    "SWZ": ("Swaziland",), "MKD": ("Macedonia",), "VAT": ("Vatican", "Vatican City"),
    "COD": ("DR Congo", "DRC"), "COG": ("Congo-Brazzaville",), "XKX": ("Kosovo",),
    "PSE": ("Palestine",), "BLR": ("Belarus",), "KOR": ("South Korea",),
    "PRK": ("North Korea",), "UKR": ("Ukraine",),
}

_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "ʻ": "'", "‘": "'", "`": "'", "´": "'",
                              "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "\u00a0": " "})
_PREPOSITION_ENDS = ("de", "d'", "du", "des", "of", "the")


def fold(text: str) -> str:
    """Fold accents, apostrophes, dashes and case; squeeze spaces.

    Examples
    --------
    >>> fold("  Côte d’Ivoire ")
    "cote d'ivoire"
    >>> fold("ÉTATS–UNIS")
    'etats-unis'
    """
    text = text.translate(_APOSTROPHES)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.casefold().split())


def _name_key(text: str) -> str:
    return " ".join(fold(text).replace("-", " ").split())


def _strip_accents(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", "".join(ch for ch in text if not unicodedata.combining(ch)))


def _is_acronym(form: str) -> bool:
    letters = [ch for ch in form if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters) and " " not in form


def _case_ok(text: str, form: str) -> bool:
    """Does ``text`` honour the capitalisation of ``form`` (see module docstring)?"""
    if _is_acronym(form):
        return _strip_accents(text) == _strip_accents(form)
    if form[:1].isupper():
        return text[:1].isupper()
    return True


def _split(cell: str) -> list[str]:
    return [p.strip() for p in (cell or "").split("|") if p.strip()]


def _variants(form: str) -> list[str]:
    """Surface variants for text matching: as written, unaccented, other apostrophe."""
    out = [form]
    for f in list(out):
        bare = _strip_accents(f)
        if bare not in out:
            out.append(bare)
    for f in list(out):
        if "'" in f:
            out.append(f.replace("'", "’"))
    for f in list(out):
        if f[:1].islower():
            out.append(f[:1].upper() + f[1:])
    seen: list[str] = []
    for f in out:
        if f not in seen:
            seen.append(f)
    return seen


def _uninvert(name: str) -> list[str]:
    """ISO 3166 names in reading order: ``"Russie, Fédération de"`` -> both forms.

    >>> _uninvert("Russie, Fédération de")
    ['Russie', 'Fédération de Russie']
    >>> _uninvert("Syrienne, République arabe")
    ['République arabe syrienne']
    >>> _uninvert("Taïwan, province de Chine")
    ['Taïwan']
    """
    name = name.strip()
    if "(" in name:
        name = name.split("(", 1)[0].strip()
    for art in ("L'", "L’", "The ", "the "):
        if name.startswith(art):
            name = name[len(art):]
    return [_drop_article(f) for f in _uninvert_raw(name)]


def _drop_article(form: str) -> str:
    form = " ".join(form.translate(_APOSTROPHES).split())
    for art in ("The ", "the "):
        if form.startswith(art):
            form = form[len(art):]
    return form


def _uninvert_raw(name: str) -> list[str]:
    if "," not in name:
        return [name] if name else []
    head, tail = (p.strip() for p in name.split(",", 1))
    tail = tail[:1].upper() + tail[1:]
    last = tail.split()[-1].lower() if tail.split() else ""
    if last.endswith("'") or last.endswith("’"):
        return [head, f"{tail}{head}"]
    if last in _PREPOSITION_ENDS:
        return [head, f"{tail} {head}"]
    if tail.split()[0] in ("Îles", "Île", "Islands"):
        return [f"{tail} {head}"]
    if tail.split()[0] in ("République", "Republic"):
        return [f"{tail} {head[:1].lower()}{head[1:]}"]
    return [head]


class StateGazetteer:
    """Sovereign states by name, capital, demonym and combining form.

    Parameters
    ----------
    tsv_path : path, optional
        The states table (default: the packaged ``graph/data/states_fr.tsv``).
    use_pycountry : bool
        Add pycountry's French and English names (default ``True``).

    Examples
    --------
    >>> gaz = StateGazetteer.default()
    >>> gaz.lookup_name("l’Ukraine"), gaz.lookup_name("Etats-Unis"), gaz.lookup_name("Russia")
    ('UKR', 'USA', 'RUS')
    >>> gaz.lookup_name("chine") is None, gaz.lookup_name("Guadeloupe") is None
    (True, True)
    >>> gaz.lookup_capital("Pékin"), gaz.lookup_noun("Russes"), gaz.lookup_adjective("chinoises")
    ('CHN', 'RUS', 'CHN')
    >>> gaz.lookup_combining("sino-russe"), gaz.label("RUS"), gaz.label("RUS", "en")
    (['CHN', 'RUS'], 'Russie', 'Russia')
    """

    _default: "StateGazetteer | None" = None
    _lock = threading.Lock()

    def __init__(self, tsv_path: str | Path | None = None, use_pycountry: bool = True):
        self._path = tsv_path
        self._use_pycountry = use_pycountry
        self._loaded = False

    # ------------------------------------------------------------------ loading
    @classmethod
    def default(cls) -> "StateGazetteer":
        """The shared gazetteer on the packaged data (loaded on first use).

        >>> StateGazetteer.default() is StateGazetteer.default()
        True
        """
        if cls._default is None:
            with cls._lock:
                if cls._default is None:
                    cls._default = cls()
        return cls._default

    def _read_rows(self) -> tuple[str, list[dict[str, str]]]:
        if self._path is not None:
            path = Path(self._path)
            where = str(path)
            try:
                text = path.read_text(encoding="utf-8")
            except OSError as exc:
                raise NewsgraphError(f"{where}: cannot read the states table ({exc.strerror})") from exc
        else:
            ref = resources.files("graph").joinpath("data").joinpath(_TSV_NAME)
            where = str(ref)
            try:
                text = ref.read_text(encoding="utf-8")
            except OSError as exc:
                raise NewsgraphError(f"{where}: cannot read the states table; reinstall newsgraph") from exc
        lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
        reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
        if tuple(reader.fieldnames or ()) != _COLUMNS:
            raise NewsgraphError(f"{where}: header must be {' / '.join(_COLUMNS)}")
        rows = []
        for n, row in enumerate(reader, start=2):
            iso3 = (row.get("iso3") or "").strip()
            if len(iso3) != 3 or not iso3.isupper() or not _split(row.get("names", "")):
                raise NewsgraphError(f"{where}: data row {n} needs an ISO3 code and a name")
            rows.append(row)
        return where, rows

    def _ensure(self) -> None:
        if self._loaded:
            return
        with self._lock:
            if not self._loaded:
                self._load()
                self._loaded = True

    def _load(self) -> None:
        where, rows = self._read_rows()
        self._iso3: list[str] = []
        self._label_fr: dict[str, str] = {}
        self._label_en: dict[str, str] = {}
        # folded key -> list of (surface form, iso3)
        tsv_names: dict[str, list[tuple[str, str]]] = defaultdict(list)
        adjectives: dict[str, set[str]] = defaultdict(set)
        nouns: dict[str, list[tuple[str, str]]] = defaultdict(list)
        capitals: dict[str, set[str]] = defaultdict(set)
        prefixes: dict[str, set[str]] = defaultdict(set)
        self._names_fr: dict[str, list[str]] = defaultdict(list)   # iso3 -> French forms
        self._names_en: dict[str, list[str]] = defaultdict(list)   # iso3 -> English forms
        self._nouns_by_iso: dict[str, list[str]] = defaultdict(list)
        self._capitals_by_iso: dict[str, list[str]] = defaultdict(list)

        for row in rows:
            iso = row["iso3"].strip()
            if iso in self._label_fr:
                raise NewsgraphError(f"{where}: {iso} appears twice")
            self._iso3.append(iso)
            names = _split(row["names"])
            self._label_fr[iso] = names[0]
            for form in names:
                tsv_names[_name_key(form)].append((form, iso))
                self._names_fr[iso].append(form)
            for form in _split(row["adjectives"]):
                adjectives[fold(form)].add(iso)
            for form in _split(row["nouns"]):
                nouns[fold(form)].append((form, iso))
                self._nouns_by_iso[iso].append(form)
            for form in _split(row["capitals"]):
                self._capitals_by_iso[iso].append(form)
                for v in _variants(form.translate(_APOSTROPHES)):
                    v = v.replace("’", "'")
                    if v not in _CAPITAL_STOPLIST and v[:1].isupper():
                        capitals[v].add(iso)
            for form in _split(row["prefixes"]):
                prefixes[fold(form)].add(iso)

        self._ambiguous: set[str] = {k for k, v in tsv_names.items() if len({i for _, i in v}) > 1}
        names_index: dict[str, list[tuple[str, str]]] = {
            k: v for k, v in tsv_names.items() if k not in self._ambiguous}

        if self._use_pycountry:
            extra_fr, extra_en = self._pycountry_forms(set(self._iso3))
            for lang, extra in (("fr", extra_fr), ("en", extra_en)):
                claimed: dict[str, set[str]] = defaultdict(set)
                for form, iso in extra:
                    claimed[_name_key(form)].add(iso)
                for form, iso in extra:
                    key = _name_key(form)
                    if key in self._ambiguous or len(claimed[key]) > 1:
                        continue
                    if lang == "en" and form in _ENGLISH_STOPLIST:
                        continue
                    have = names_index.setdefault(key, [])
                    if have and have[0][1] != iso:
                        continue                      # the TSV wins
                    if (form, iso) not in have:
                        have.append((form, iso))
                        (self._names_fr if lang == "fr" else self._names_en)[iso].append(form)

        self._names = names_index
        self._adjectives = {k: next(iter(v)) for k, v in adjectives.items() if len(v) == 1}
        self._ambiguous |= {k for k, v in adjectives.items() if len(v) > 1}
        noun_isos = {k: {i for _, i in v} for k, v in nouns.items()}
        self._nouns = {k: v for k, v in nouns.items() if len(noun_isos[k]) == 1}
        self._ambiguous |= {k for k, v in noun_isos.items() if len(v) > 1}
        self._capitals = {k: next(iter(v)) for k, v in capitals.items() if len(v) == 1}
        self._prefixes = {k: next(iter(v)) for k, v in prefixes.items() if len(v) == 1}

    @staticmethod
    def _pycountry_forms(isos: set[str]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        import pycountry  # local import: no import-time I/O

        try:
            tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
            fr = tr.gettext
        except OSError:  # pragma: no cover - pycountry without locales
            def fr(s: str) -> str:
                return s
        out_fr: list[tuple[str, str]] = []
        out_en: list[tuple[str, str]] = []
        for c in pycountry.countries:
            iso = c.alpha_3
            if iso not in isos:
                continue
            for attr in ("name", "official_name", "common_name"):
                value = getattr(c, attr, None)
                if not value:
                    continue
                for form in _uninvert(value):
                    out_en.append((form, iso))
                translated = fr(value)
                if translated != value or attr == "name":
                    for form in _uninvert(translated):
                        out_fr.append((form, iso))
        for iso, forms in _ENGLISH_EXTRA.items():
            if iso in isos:
                out_en.extend((f, iso) for f in forms)
        for iso, form in _ENGLISH_LABELS.items():
            if iso in isos:
                out_en.append((form, iso))
        return out_fr, out_en

    # ------------------------------------------------------------------ lookups
    def all_iso3(self) -> list[str]:
        """ISO 3166-1 alpha-3 codes of every state, sorted.

        >>> len(StateGazetteer.default().all_iso3())
        197
        """
        self._ensure()
        return sorted(self._iso3)

    def _match_name(self, text: str, with_context: bool) -> str | None:
        key = _name_key(text)
        if not key or key in self._ambiguous:
            return None
        text = text.translate(_APOSTROPHES).strip()
        for form, iso in self._names.get(key, ()):
            if form in _NEEDS_CONTEXT and not with_context:
                continue
            if _case_ok(text, form):
                return iso
        return None

    def lookup_name(self, text: str) -> str | None:
        """ISO3 of the state named by ``text`` (French or English), else ``None``.

        One leading article or preposition is ignored; accents, apostrophes and
        hyphens are folded, but a capitalised name must be written with a capital.

        Examples
        --------
        >>> gaz = StateGazetteer.default()
        >>> [gaz.lookup_name(t) for t in ("des États-Unis", "la Chine", "d'Israël", "United States")]
        ['USA', 'CHN', 'ISR', 'USA']
        >>> gaz.lookup_name("Maurice") is None, gaz.lookup_name("à Maurice")
        (True, 'MUS')
        >>> gaz.lookup_name("Congo") is None   # République du Congo or RDC?
        True
        """
        if not text or not text.strip():
            return None
        self._ensure()
        raw = " ".join(text.translate(_APOSTROPHES).split())
        iso = self._match_name(raw, with_context=False)
        if iso:
            return iso
        low = raw.lower()
        for art in _ARTICLES:
            if low.startswith(art) and len(raw) > len(art):
                return self._match_name(raw[len(art):].lstrip(), with_context=True)
        return None

    def lookup_capital(self, text: str) -> str | None:
        """ISO3 of the state whose capital (or seat of government) ``text`` is.

        Case-sensitive; unaccented spellings are accepted.

        >>> gaz = StateGazetteer.default()
        >>> gaz.lookup_capital("Moscou"), gaz.lookup_capital("Kyiv"), gaz.lookup_capital("Pekin")
        ('RUS', 'UKR', 'CHN')
        >>> gaz.lookup_capital("Victoria") is None, gaz.lookup_capital("moscou") is None
        (True, True)
        """
        if not text:
            return None
        self._ensure()
        return self._capitals.get(" ".join(text.translate(_APOSTROPHES).split()))

    def lookup_adjective(self, word: str) -> str | None:
        """ISO3 for a demonym adjective; for a compound, the last state.

        >>> gaz = StateGazetteer.default()
        >>> gaz.lookup_adjective("russe"), gaz.lookup_adjective("israeliennes")
        ('RUS', 'ISR')
        >>> gaz.lookup_adjective("sino-russe"), gaz.lookup_adjective("nord-coréen")
        ('RUS', 'PRK')
        >>> gaz.lookup_adjective("congolais") is None
        True
        """
        if not word:
            return None
        self._ensure()
        key = fold(word.strip())
        if key in self._adjectives:
            return self._adjectives[key]
        parts = self.lookup_combining(word)
        return parts[-1] if parts else None

    def lookup_combining(self, word: str) -> list[str]:
        """States of a compound adjective, in order (``[]`` when not one).

        Every part but the last must be a combining form (``sino``, ``franco``...), the
        last an adjective; repeated states are kept once.

        >>> gaz = StateGazetteer.default()
        >>> gaz.lookup_combining("franco-allemand"), gaz.lookup_combining("sino-sud-coréen")
        (['FRA', 'DEU'], ['CHN', 'KOR'])
        >>> gaz.lookup_combining("russe"), gaz.lookup_combining("indo-européen")
        (['RUS'], [])
        """
        if not word:
            return []
        self._ensure()
        key = fold(word.strip())
        if key in self._adjectives:
            return [self._adjectives[key]]
        segs = [s for s in key.split("-")]
        if len(segs) < 2 or not all(segs):
            return []
        result = self._parse(segs)
        if not result:
            return []
        out: list[str] = []
        for iso in result:
            if iso not in out:
                out.append(iso)
        return out

    def _parse(self, segs: list[str]) -> list[str] | None:
        # last piece: an adjective made of one or more segments
        for j in range(len(segs)):
            tail = "-".join(segs[j:])
            if tail in self._adjectives:
                if j == 0:
                    return [self._adjectives[tail]]
                head = self._parse_prefixes(segs[:j])
                if head is not None:
                    return head + [self._adjectives[tail]]
        return None

    def _parse_prefixes(self, segs: list[str]) -> list[str] | None:
        if not segs:
            return []
        for j in range(len(segs), 0, -1):
            piece = "-".join(segs[:j])
            if piece in self._prefixes:
                rest = self._parse_prefixes(segs[j:])
                if rest is not None:
                    return [self._prefixes[piece]] + rest
        return None

    def lookup_noun(self, word: str) -> str | None:
        """ISO3 for an inhabitant noun (``"Russes"``, ``"Sud-Africaine"``).

        The word must start with a capital letter; accents are optional.

        >>> gaz = StateGazetteer.default()
        >>> gaz.lookup_noun("Russes"), gaz.lookup_noun("Americains"), gaz.lookup_noun("russes")
        ('RUS', 'USA', None)
        """
        if not word:
            return None
        self._ensure()
        word = word.strip().translate(_APOSTROPHES)
        for form, iso in self._nouns.get(fold(word), ()):
            if _case_ok(word, form):
                return iso
        return None

    def label(self, iso3: str, lang: str = "fr") -> str:
        """Canonical short name of a state in French (``"fr"``) or English (``"en"``).

        >>> gaz = StateGazetteer.default()
        >>> gaz.label("USA"), gaz.label("KOR", "en"), gaz.label("DEU", "en")
        ('États-Unis', 'South Korea', 'Germany')

        Raises
        ------
        KeyError
            For a code that is not a state of the gazetteer.
        """
        self._ensure()
        iso3 = iso3.upper()
        if iso3 not in self._label_fr:
            raise KeyError(f"not a sovereign state in the gazetteer: {iso3}")
        if lang == "fr":
            return self._label_fr[iso3]
        if lang != "en":
            raise ValueError(f"unsupported label language: {lang!r} (use 'fr' or 'en')")
        if iso3 not in self._label_en:
            self._label_en[iso3] = self._english_label(iso3)
        return self._label_en[iso3]

    @staticmethod
    def _english_label(iso3: str) -> str:
        if iso3 in _ENGLISH_LABELS:
            return _ENGLISH_LABELS[iso3]
        import pycountry

        c = pycountry.countries.get(alpha_3=iso3)
        if c is None:  # pragma: no cover - every TSV state is in pycountry or the table
            return iso3
        return getattr(c, "common_name", None) or c.name

    def names(self, iso3: str, lang: str = "fr") -> list[str]:
        """Every name form known for a state (TSV first, then pycountry).

        >>> StateGazetteer.default().names("RUS")[:2]
        ['Russie', 'Fédération de Russie']
        """
        self._ensure()
        return list((self._names_fr if lang == "fr" else self._names_en).get(iso3.upper(), ()))

    def phrase_patterns(self, include_english: bool = False) -> list[tuple[str, str, str]]:
        """``(surface form, iso3, kind)`` triples for a case-sensitive text matcher.

        ``kind`` is ``"name"``, ``"capital"`` or ``"noun"``. Accented and unaccented,
        straight- and curly-apostrophe variants are all listed. Ambiguous,
        context-only and lookup-only forms are left out (see the module docstring), and
        a surface form appears once (a capital spelled like its state is a ``"name"``).
        Prefer the longest match when patterns overlap.

        >>> pats = StateGazetteer.default().phrase_patterns()
        >>> ("Etats-Unis", "USA", "name") in pats, ("Moscou", "RUS", "capital") in pats
        (True, True)
        >>> any(p[0] == "Maurice" for p in pats)
        False
        """
        self._ensure()
        out: dict[str, tuple[str, str, str]] = {}

        def add(form: str, iso: str, kind: str, check) -> None:
            for v in _variants(form):
                if v in out or check(v) != iso:
                    continue
                out[v] = (v, iso, kind)

        for iso in self._iso3:
            forms = list(self._names_fr.get(iso, ()))
            if include_english:
                forms += self._names_en.get(iso, ())
            for form in forms:
                if form in _NEEDS_CONTEXT or form in _LOOKUP_ONLY:
                    continue
                add(form, iso, "name", self.lookup_name)
        for iso in self._iso3:
            for form in self._capitals_by_iso.get(iso, ()):
                add(form, iso, "capital", self.lookup_capital)
        for iso in self._iso3:
            for form in self._nouns_by_iso.get(iso, ()):
                if form in _LOOKUP_ONLY:
                    continue
                add(form, iso, "noun", self.lookup_noun)
        return sorted(out.values(), key=lambda t: (-len(t[0]), t[0]))

    def ambiguous_forms(self) -> list[str]:
        """Folded forms that the table gives to more than one state.

        >>> "congo" in StateGazetteer.default().ambiguous_forms()
        True
        """
        self._ensure()
        return sorted(self._ambiguous)

    def __repr__(self) -> str:
        return f"StateGazetteer({'loaded' if self._loaded else 'not loaded'})"

