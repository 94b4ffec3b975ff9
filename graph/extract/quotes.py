"""Statements: direct quotations with their speaker.

Quotation marks: « … » (also with the irregular closing « seen in the wild),
“ … ”, " … ", and an opening « never closed (the quote runs to the end of the
paragraph).  Only direct speech counts: the quote starts with a capital (or
"[") and has at least four words; scare quotes and titles are left out.

Speaker, in order:
1. after the quote: ", a déclaré X", ", a-t-il ajouté", ", selon X";
2. before it: "X a ajouté : «", "Il a déclaré : «", "Selon X, «";
3. a quote with no attribution right after an attributed one in the same
   paragraph continues it (same speaker).
Pronouns resolve to the last speaker, else to the last person named.  "selon
(le média …) Y" naming an agency records the medium that reported it.
"""
from __future__ import annotations

import re

from graph.extract import lexicon as lx
from graph.extract.dates import find_dates
from graph.extract.entities import DocEntities
from graph.types import Evidence, Statement

_OPEN = {"«": "»", "“": "”", '"': '"'}
_PRONOUN_AFTER = re.compile(r"-t-(?:il|elle)s?\b|\b(?:il|elle)\s+(?:a|avait|aurait)\b", re.IGNORECASE)
_PRONOUN_BEFORE = re.compile(r"(?:^|[.!?]\s+|,\s*)(?:Il|Elle|il|elle)\s+(?:a\s+|avait\s+|aurait\s+)?[\wéèêëàâîïôöûüç-]+\s*(?:[\wéèêëàâîïôöûüç-]+\s*)?[:,]?\s*$")


def find_quotes(text: str) -> list[tuple[int, int, int, int]]:
    """(open_mark, quote_start, quote_end, close_mark_end) for each quotation."""
    out = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch in _OPEN:
            if ch == '"':
                j = text.find('"', i + 1)
                if j == -1 or "\n" in text[i:j]:
                    i += 1
                    continue
                out.append((i, i + 1, j, j + 1))
                i = j + 1
                continue
            close = _OPEN[ch]
            para_end = text.find("\n", i)
            para_end = n if para_end == -1 else para_end
            depth_end = None
            k = i + 1
            while k < para_end:
                c = text[k]
                if c == close:
                    depth_end = k
                    break
                if ch == "«" and c == "«":
                    # a second « : an irregular closing mark when followed by punctuation or a speech verb
                    if re.match(r"\s*(?:[,.;:!?]|$)", text[k + 1:k + 4]) or re.match(r"\s*,?\s*a\b", text[k + 1:k + 8]):
                        depth_end = k
                        break
                    break  # a new quote opens: the previous one was never closed
                k += 1
            if depth_end is None:
                end = k if k < para_end and text[k] == "«" else para_end
                qe = end
                while qe > i + 1 and text[qe - 1] in " \t":
                    qe -= 1
                out.append((i, i + 1, qe, qe))
                i = end
                continue
            out.append((i, i + 1, depth_end, depth_end + 1))
            i = depth_end + 1
            continue
        i += 1
    return out


class QuoteFinder:
    def __init__(self, doc, text: str, ents: DocEntities, sentences, ref_date: str | None):
        self.doc = doc
        self.text = text
        self.ents = ents
        self.sentences = sentences
        self.ref = ref_date
        self.lemma_at = {t.idx: t.lemma_ for t in doc}
        self.tok_at = {t.idx: t for t in doc}

    def _sent_of(self, pos):
        for s, e in self.sentences:
            if s <= pos < e:
                return s, e
        return 0, len(self.text)

    def _has_speech_verb(self, s: str, lo: int) -> re.Match | None:
        m = lx.SPEECH_FORMS.search(s)
        if m:
            return m
        for off in range(len(s)):
            lem = self.lemma_at.get(lo + off)
            if lem and lx.fold(lem) in lx.SPEECH_LEMMAS:
                return re.match(r".", s[off:]) and _FakeMatch(off)
        return None

    def _actors(self, lo: int, hi: int, types=("Person",)) -> list:
        return [m for m in self.ents.at(lo, hi) if self.ents.by_key[m.key].type in types]

    def _last_person_before(self, pos: int) -> str | None:
        """The person a pronoun most likely refers to: the last subject named, else the last person."""
        ps = [m for m in self.ents.mentions if m.end <= pos and m.key and self.ents.by_key[m.key].type == "Person"]
        if not ps:
            return None
        recent = [m for m in ps if pos - m.start < 400]
        for m in reversed(recent):
            tok = self.tok_at.get(m.start)
            span = [t for t in self.doc if m.start <= t.idx < m.end]
            if any(t.dep_ in {"nsubj", "nsubj:pass"} or (t.dep_ == "flat:name" and t.head.dep_ in {"nsubj", "nsubj:pass"}) for t in span):
                return m.key
        return ps[-1].key

    def run(self) -> list[Statement]:
        text = self.text
        out: list[Statement] = []
        last_speaker = None
        last_para = None
        last_end = -1
        for om, qs, qe, ce in find_quotes(text):
            quote = text[qs:qe].strip()
            q_lead = len(text[qs:qe]) - len(text[qs:qe].lstrip())
            para = text.rfind("\n", 0, om) + 1
            para_end = text.find("\n", ce)
            para_end = len(text) if para_end == -1 else para_end
            words = quote.split()
            direct = bool(quote) and (quote[0].isupper() or quote[0] in "[(…") and len(words) >= 4
            ss, se = self._sent_of(om)
            # text after the quote up to the end of its sentence / next quote
            nxt = min([o for o, *_ in find_quotes(text[ce:para_end])] or [para_end - ce]) + ce
            after_hi = min(max(se, self._sent_of(max(ce - 1, om))[1], ce), nxt, para_end)
            after = text[ce:after_hi]
            before_lo = max(ss, last_end if last_end > ss else ss, para)
            before = text[before_lo:om]
            speaker = reported = None
            rule, conf = None, 0.0
            # 1. attribution after the quote
            m = re.match(r"\s*[,.]?\s*(?:»\s*)?", after)
            lead = after[: 90]
            sv = self._has_speech_verb(lead, ce)
            if sv is not None:
                ps = self._actors(ce + sv.start(), ce + min(len(after), sv.start() + 70))
                if ps and not _PRONOUN_AFTER.search(after[:sv.start() + 12]):
                    speaker, rule, conf = ps[0].key, "quote.verb-after", 0.85
                elif _PRONOUN_AFTER.search(after[: sv.end() + 12] if hasattr(sv, "end") else after[:40]):
                    speaker, rule, conf = last_speaker or self._last_person_before(om), "quote.pronoun-after", 0.75
                else:
                    ps = self._actors(ce, after_hi)
                    if ps:
                        speaker, rule, conf = ps[0].key, "quote.verb-after", 0.7
            sel = re.search(r"\bselon\s+(?P<who>[^,.;«»]{2,80})", after)
            if sel:
                lo = ce + sel.start("who")
                hi = ce + sel.end("who")
                for mm in self.ents.at(lo, hi):
                    e = self.ents.by_key[mm.key]
                    if e.type == "Person" and speaker is None:
                        speaker, rule, conf = e.key, "quote.selon", 0.75
                    elif e.type == "Agency":
                        reported = e.key
                    break
            # 2. attribution before the quote
            if speaker is None and before.strip():
                bsv = re.search(r"(?:" + lx.SPEECH_FORMS.pattern + r")[^«»“”]{0,40}?[:,]?\s*$", before, re.IGNORECASE)
                if bsv:
                    ps = self._actors(before_lo, before_lo + bsv.start())
                    if ps:
                        speaker, rule, conf = ps[-1].key, "quote.verb-before", 0.8
                    elif _PRONOUN_BEFORE.search(before):
                        speaker, rule, conf = last_speaker or self._last_person_before(om), "quote.pronoun-before", 0.7
                sel = re.search(r"\b[Ss]elon\s+(?P<who>[^,«»]{2,80}),?\s*$", before)
                if speaker is None and sel:
                    for mm in self.ents.at(before_lo + sel.start("who"), before_lo + sel.end("who")):
                        e = self.ents.by_key[mm.key]
                        if e.type == "Person":
                            speaker, rule, conf = e.key, "quote.selon", 0.75
                        elif e.type == "Agency":
                            reported = e.key
                        break
            # 3. continuation of the previous quote in the same paragraph / next sentence
            if speaker is None and last_speaker and last_para is not None and (para == last_para or om - last_end < 3):
                if not before.strip() or re.fullmatch(r"[\s.,;:]*", before):
                    speaker, rule, conf = last_speaker, "quote.continuation", 0.7
            if not direct:
                last_end = ce
                continue
            if speaker is None:
                last_end = ce
                continue
            last_speaker, last_para, last_end = speaker, para, ce
            # the medium of a "selon le média X" elsewhere in the sentence
            if reported is None:
                sm = re.search(r"\b[Ss]elon\s+(?P<who>[^,.;«»]{2,80})", text[ss:se])
                if sm:
                    for mm in self.ents.at(ss + sm.start("who"), ss + sm.end("who")):
                        if self.ents.by_key[mm.key].type == "Agency":
                            reported = mm.key
                        break
            dates = find_dates(text[ss:se], self.ref)
            date = dates[0].value if dates else self.ref
            out.append(Statement(quote, qs + q_lead, qs + q_lead + len(quote), speaker,
                                 Evidence(ss, se, om, ce, rule, conf, "reported" if reported else "asserted", reported),
                                 reported_by=reported, date=date))
        return out


class _FakeMatch:
    def __init__(self, off: int):
        self._s = off

    def start(self):
        return self._s

    def end(self):
        return self._s + 1


def find_statements(doc, text, ents, sentences, ref_date) -> list[Statement]:
    return QuoteFinder(doc, text, ents, sentences, ref_date).run()
