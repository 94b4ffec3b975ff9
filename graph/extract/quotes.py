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
from graph.extract.nlp import doc_index, sentence_at
from graph.extract.dates import find_dates
from graph.extract.entities import DocEntities
from graph.types import Evidence, Statement

_OPEN = {"«": "»", "“": "”", '"': '"'}
_PRONOUN_AFTER = re.compile(r"-t-(?:il|elle|on)s?\b|\b[a-zéèêëàâîïôöûüç]+-(?:il|elle)s?\b|\b(?:il|elle)\s+(?:a|avait|aurait)\b", re.IGNORECASE)
_PRONOUN_BEFORE = re.compile(r"(?:^|[.!?]\s+|,\s*)(?:Il|Elle|il|elle)\s+(?:a\s+|avait\s+|aurait\s+)?[\wéèêëàâîïôöûüç-]+\s*(?:[\wéèêëàâîïôöûüç-]+\s*)?[:,]?\s*$")


_TITLE_BEFORE = re.compile(r"\b(?:intitul[ée]e?s?|titr[ée]e?s?|baptis[ée]e?s?|nomm[ée]e?s?|d[ée]nomm[ée]e?s?|appel[ée]e?s?|surnomm[ée]e?s?|"
                           r"l[’']op[ée]ration|slogan|hashtag|mot-cl[ée]|livre|ouvrage|film|[ée]mission|rubrique|programme|projet)\s*$", re.IGNORECASE)


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
    def __init__(self, doc, text: str, ents: DocEntities, sentences, ref_date: str | None, relations=()):
        self.doc = doc
        self.roles: dict[str, list[str]] = {}  # person -> post titles as written ("ministre des Pêches")
        for r in relations:
            if r.predicate == "affiliatedWith" and r.role:
                self.roles.setdefault(r.subject, []).append(lx.fold(r.role))
        self.text = text
        self.ents = ents
        self.sentences = sentences
        self.ref = ref_date
        self.lemma_at = doc_index(doc).lemma_at
        self.tok_at = doc_index(doc).tok_at

    def _sent_of(self, pos: int) -> tuple[int, int]:
        return sentence_at(self.sentences, pos, default=(0, len(self.text)))

    def _has_speech_verb(self, s: str, lo: int) -> re.Match | None:
        for m in lx.SPEECH_FORMS.finditer(s):
            # a noun sharing the stem ("dispositif", "information", "observateurs") is not speech
            tok = self.tok_at.get(lo + m.start())
            if tok is not None and tok.pos_ in {"NOUN", "PROPN", "ADV", "ADP", "DET", "PRON", "SCONJ", "CCONJ"} \
                    and not re.search(r"(?:[ée]e?s?|ie?s?|it|ue?s?|a|ent|ait)$", m.group(0)):
                continue
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

    def _pronoun_target(self, pos: int, last_speaker: str | None, last_end: int) -> str | None:
        """Who "il"/"elle" or a description ("le responsable qatari") refers to before ``pos``:
        a person made the subject after the last quotation wins over the last speaker."""
        subj = self._last_subject_before(pos)
        if subj is not None and (last_speaker is None or subj[1] > last_end):
            return subj[0]
        # nobody made subject since the last quotation: the last person named since then, if any
        recent = [m for m in self.ents.mentions if last_end < m.start and m.end <= pos and pos - m.start < 600
                  and m.key and self.ents.by_key[m.key].type == "Person"]
        if recent:
            return recent[-1].key
        return last_speaker or self._last_person_before(pos)

    def _last_subject_before(self, pos: int) -> tuple[str, int] | None:
        for m in reversed([m for m in self.ents.mentions if m.end <= pos and pos - m.start < 500
                           and m.key and self.ents.by_key[m.key].type == "Person"]):
            span = [t for t in self.doc if m.start <= t.idx < m.end]
            if any(t.dep_ in {"nsubj", "nsubj:pass"} or (t.dep_ in {"flat:name", "appos"} and t.head.dep_ in {"nsubj", "nsubj:pass"})
                   or t.head.dep_ in {"nsubj", "nsubj:pass"} and t.dep_ == "appos" for t in span):
                return m.key, m.start
            # a name followed by its finite verb ("..., Abdelmoumen Ould Kaddour entend reconquérir"),
            # not one inside a prepositional phrase ("à la tête de X a ...")
            nxt = next((t for t in self.doc[span[-1].i + 1:span[-1].i + 2]), None) if span else None
            prev = self.doc[span[0].i - 1] if span and span[0].i > 0 else None
            if nxt is not None and nxt.pos_ in {"VERB", "AUX"} and "Part" not in nxt.morph.get("VerbForm") \
                    and "Inf" not in nxt.morph.get("VerbForm") and (prev is None or prev.pos_ not in {"ADP", "DET"}):
                return m.key, m.start
            # a name opening its sentence ("Josep Borrell, haut représentant ..., a douché")
            ss, _se = self._sent_of(m.start)
            if re.fullmatch(r"[\s«“\"]*(?:(?:Mais|Et|Or|Puis|Ensuite|Lundi|Mardi|Mercredi|Jeudi|Vendredi|Samedi|Dimanche|Hier|M\.|Mme)\s*,?\s*)?", self.text[ss:m.start]):
                return m.key, m.start
            # "Pour X, ...", "Selon le commissaire de l'UA, X, ...": the topic of the sentence
            if re.fullmatch(r"[\s«“\"]*(?:Pour|Selon|D[’']après|Aux\s+yeux\s+de|Du\s+côté\s+de)\s+(?:(?:le|la|l[’']|les)\s*[^,.!?]{0,90},\s*)?(?:M\.\s*|Mme\s*)?", self.text[ss:m.start]):
                return m.key, m.start
            # an apposition subject: "La ministre ..., X, a plaidé", "À Moscou, le porte-parole ..., X, a accusé"
            if re.match(r"\s*,", self.text[m.end:m.end + 2]) and re.search(r"(?:^|[.!?]\s+|\n)(?:[^,.!?\n]{0,30},\s*)?(?:[LlDd][ea]s?|L[’'])\s*[^.!?\n]{0,80},\s*$", self.text[max(0, m.start - 150):m.start]):
                return m.key, m.start
        return None

    _DESC = re.compile(r"\s*(?:[\wéèêëàâîïôöûüç-]+\s+){0,2}?(?:le|la|l[’'])\s*(?P<d>[\wéèêëàâîïôöûüç’'-]+(?:\s+(?:de\s+l[’']|de\s+la\s+|du\s+|des\s+|d[’'])?[\wéèêëàâîïôöûüç-]+){0,2})")
    _SAME = {"chef de l'etat": ("president", "presidente", "chef de l'etat", "chef d'etat"),
             "chef du gouvernement": ("premier ministre", "premiere ministre", "chef du gouvernement"),
             "chef de la diplomatie": ("ministre des affaires etrangeres", "chef de la diplomatie")}

    def _described(self, desc: str, pos: int) -> str | None:
        """The person a description ("le chef de l'État", "le ministre", "la commissaire") stands for:
        the last person before ``pos`` whose post (or the title written next to their name) has that head."""
        d = lx.fold(desc).replace("’", "'")
        heads = next((v for k, v in self._SAME.items() if d.startswith(k)), None)
        if heads is None:
            head = next((h for h in sorted(lx.TITLE_HEADS, key=len, reverse=True) if d == h or d.startswith(h + " ")), None)
            if head is None:
                return None
            heads = (head.rstrip("e") if head.endswith("ministre") is False else head,)
        seen = []
        for m in reversed([m for m in self.ents.mentions if m.end <= pos and m.key
                           and self.ents.by_key[m.key].type == "Person"]):
            if m.key in seen:
                continue
            seen.append(m.key)
            titles = list(self.roles.get(m.key, ()))
            for mm in self.ents.by_key[m.key].mentions:
                titles.append(lx.fold(self.text[max(0, mm.start - 70):mm.start]).rsplit(",", 1)[-1][-60:])
                titles.append(lx.fold(self.text[mm.end:mm.end + 70]).split(".")[0][:70])
            if any(re.search(r"(?:^|[\s,'’])" + re.escape(h), t) for h in heads for t in titles):
                return m.key
        return None

    def _titled(self, s: str) -> bool:
        """Does ``s`` open with a title ("le commissaire européen ...", "la ministre ...")?"""
        m = self._DESC.match(s)
        if not m or not re.match(r"\s*(?:le|la|l[’'])", s):
            return False
        d = lx.fold(m.group("d"))
        return any(d == h or d.startswith(h + " ") for h in lx.TITLE_HEADS)

    def _description_target(self, desc_text: str, pos: int, last_speaker, last_end) -> str | None:
        m = self._DESC.match(desc_text)
        if m:
            who = self._described(m.group("d"), pos)
            if who:
                return who
        return self._pronoun_target(pos, last_speaker, last_end)

    @staticmethod
    def _title_after(s: str) -> bool:
        """", a insisté le Premier ministre": a title standing for someone named before."""
        m = re.match(r"\s*(?:le|la|l[’'])\s*(?P<w>[A-ZÉ][\wéèêëàâîïôöûüç-]+(?:\s+[a-zé]+)?)", s)
        return bool(m) and any(lx.fold(m.group("w")).startswith(lx.fold(h)) for h in lx.TITLE_HEADS if len(h) > 3)

    @staticmethod
    def _demonym_after(s: str) -> bool:
        """", a déclaré le Norvégien": an inhabitant noun standing for someone named before."""
        m = re.match(r"\s*(?:le|la|l[’'])\s*(?P<w>[A-ZÉÈÊÀÂÎÔÛÇ][\wéèêëàâîïôöûüç-]+)", s)
        if not m:
            return False
        from graph.extract.entities import _Matchers

        if _Matchers.get().states.lookup_noun(m.group("w")) is not None:
            return True
        # "a martelé le Thurgovien": a regional demonym (a capitalised word with a demonym ending)
        return bool(re.fullmatch(r"[A-ZÉÈÊÀÂÎÔÛÇ][a-zéèêëàâîïôöûüç-]{3,}(?:ien|ienne|ais|aise|ois|oise|ain|aine|an|ane|in|ine|ote|ate|ois|éen|éenne|ard|arde)",
                                 m.group("w")))

    def _speaker_in(self, lo: int, hi: int, *, last: bool, agencies: bool = True) -> str | None:
        ps = self._actors(lo, hi)
        if ps:
            return (ps[-1] if last else ps[0]).key
        if agencies:
            ags = self._actors(lo, hi, types=("Agency",))
            if ags:
                return ags[0].key  # "Le ministère turc des Affaires étrangères a réagi ..."
        return None

    def run(self) -> list[Statement]:
        text = self.text
        out: list[Statement] = []
        last_speaker = None
        last_para = None
        last_end = -1
        quotes = find_quotes(text)
        for om, qs, qe, ce in quotes:
            quote = text[qs:qe].strip()
            q_lead = len(text[qs:qe]) - len(text[qs:qe].lstrip())
            para = text.rfind("\n", 0, om) + 1
            para_end = text.find("\n", ce)
            para_end = len(text) if para_end == -1 else para_end
            words = quote.split()
            direct = bool(quote) and (quote[0].isupper() or quote[0] in "[(…") and len(words) >= 4
            partial = bool(quote) and not direct and quote[0].islower() and len(words) >= 3
            ss, se = self._sent_of(om)
            if _TITLE_BEFORE.search(text[max(0, om - 30):om]):
                continue  # a title ("un rapport intitulé « … »"), not speech
            nxt = min([o for o, *_ in find_quotes(text[ce:para_end])] or [para_end - ce]) + ce
            after_hi = min(max(se, self._sent_of(max(ce - 1, om))[1], ce), nxt, para_end)
            after = text[ce:after_hi]
            before_lo = max(ss, last_end if last_end > ss else ss, para)
            before = text[before_lo:om]
            speaker = reported = None
            rule, conf = None, 0.0
            close_attribution = False
            # 1. attribution after the quote
            lead = after[:90]
            sv = self._has_speech_verb(lead, ce)
            if sv is not None and re.match(r"\s*[,.]?\s*(?:[»”\"]\s*)?[,.]?\s*(?:[\w’'-]+\s+){0,3}$", after[:sv.start()] + " "):
                close_attribution = True
                ps = [p for p in self._actors(ce + sv.start(), ce + min(len(after), sv.start() + 160))
                      if not re.search(r",\s*(?:aux?|à|avec|devant|lors|dans|en|sur|après|avant|face|chez|pendant|depuis|entre|contre|selon|tandis|alors)\b",
                                       text[ce + sv.end():p.start])]
                if not ps and self._titled(after[sv.end():sv.end() + 60]):
                    # "», a déclaré le commissaire européen à l'Environnement, aux Océans et à la Pêche, X,":
                    # the name in apposition to the title, however many commas the title holds
                    ps = [p for p in self._actors(ce + sv.end(), ce + min(len(after), sv.end() + 200))
                          if re.search(r",\s*(?:(?:le|la|l[’'])\s*[A-ZÉÈÊÀÂÎÔÛÇ][\w-]+\s+)?(?:M\.\s*|Mme\s+)?$", text[ce + sv.end():p.start])][:1]
                if _PRONOUN_AFTER.search(after[: sv.end() + 12]):
                    speaker, rule, conf = self._pronoun_target(om, last_speaker, last_end), "quote.pronoun-after", 0.75
                elif ps:
                    speaker, rule, conf = ps[0].key, "quote.verb-after", 0.85
                else:
                    # an organisation right after the verb ("a réagi le Quai d'Orsay"), not one inside a description
                    ag = self._speaker_in(ce + sv.end(), ce + min(len(after), sv.end() + 25), last=False)
                    if ag and re.match(r"\s*(?:un|une|des|plusieurs|deux|trois|certains|certaines)\s+[a-zéèêëàâîïôöûüç]", after[sv.end():]):
                        ag = None  # "glisse un diplomate de l'UA": an unnamed person, not the body
                    if ag:
                        speaker, rule, conf = ag, "quote.verb-after", 0.75
                    elif re.match(r"\s*(?:[\wéèêëàâîïôöûüç-]+\s+){0,2}(?:le|la|l[’']|les)\s*[a-zéèêëàâîïôöûüç]", after[sv.end():sv.end() + 40]) \
                            or self._demonym_after(after[sv.end():sv.end() + 40]) \
                            or self._title_after(after[sv.end():sv.end() + 40]):
                        # ", a insisté la conseillère fédérale": a description of someone named before
                        speaker, rule, conf = self._description_target(after[sv.end():sv.end() + 60], om, last_speaker, last_end), "quote.description-after", 0.6
            sel = re.search(r"\bselon\s+(?P<who>[^,.;«»]{2,80})", after)
            if sel:
                lo = ce + sel.start("who")
                hi = ce + sel.end("who")
                if re.match(r"(?:lui|elle)\b", sel.group("who")) and speaker is None:
                    speaker, rule, conf = self._pronoun_target(om, last_speaker, last_end), "quote.selon", 0.7
                    close_attribution = True
                found = self.ents.at(lo, hi)
                found = [mm for mm in found if self.ents.by_key[mm.key].type == "Person"] or found[:1]
                for mm in found:
                    e = self.ents.by_key[mm.key]
                    if e.type == "Person" and speaker is None:
                        speaker, rule, conf = e.key, "quote.selon", 0.75
                        close_attribution = True
                    elif e.type == "Agency":
                        reported = e.key
                    break
            # 2. attribution before the quote
            if speaker is None and before.strip():
                bsv = re.search(r"(?:" + lx.SPEECH_FORMS.pattern + r")[^«»“”]{0,60}?[:,]?\s*$", before, re.IGNORECASE)
                colon = re.search(r":\s*$", before)
                if bsv or colon:
                    cut = before_lo + (bsv.start() if bsv else colon.start())
                    close_attribution = True
                    pre = before[:bsv.start()] if bsv else before
                    if _PRONOUN_BEFORE.search(before) or re.search(r"(?:^|[.!?]\s+)(?:Il|Elle)\s", before) \
                            or re.search(r"(?:^|[\s,;:])(?:il|elle)\s+(?:(?:a|avait|aurait|lui\s+a)\s+)?(?:[a-zéèêëàâîïôöûüç]+\s+)?$", pre, re.IGNORECASE) \
                            and not self._actors(before_lo + len(pre) - 1, om):
                        speaker, rule, conf = self._pronoun_target(om, last_speaker, last_end), "quote.pronoun-before", 0.7
                    else:
                        sp = self._speaker_in(before_lo, cut, last=True)
                        ps = self._actors(before_lo, cut)
                        if colon and not bsv and len(ps) >= 2 and ps[0].key != ps[-1].key and re.search(
                                r"\b(?:au|aux|à|avec|devant|chez)\s+(?:la\s+|l[’']|le\s+|son\s+|sa\s+)?[^,.;:«»]{0,60},?\s*$",
                                text[max(before_lo, ps[-1].start - 80):ps[-1].start]) \
                                and re.fullmatch(r"\s*(?:[^,.;:]{0,40},\s*)?", text[before_lo:ps[0].start]):
                            # "X, le président de la Commission, l'a rappelé au président de la Confédération,
                            # Y, lors de leur rencontre : « ... »": the subject speaks, not the one spoken to
                            sp = ps[0].key
                        if sp:
                            speaker, rule, conf = sp, "quote.verb-before", 0.8
                        elif dm := re.search(r"(?:^|[.!?,]\s+)(?P<d>(?:[Ll]e|[Ll]a|[Ll][’'])\s*[a-zéèêëàâîïôöûüç][\wéèêëàâîïôöûüç-]*(?:\s+[a-zéèêëàâîïôöûüç][\wéèêëàâîïôöûüç-]*)?)\s+(?:a|avait|s[’']est|va|vient)\b", before):
                            speaker, rule, conf = self._description_target(dm.group("d"), om, last_speaker, last_end), "quote.description-before", 0.6
                # ("Selon M. Donskoï, la Russie « … »": the abbreviation's stop is no sentence end)
                sel = re.search(r"\b(?:[Ss]elon|[Pp]our)\s+(?P<who>(?:[^«»“”\".;]|(?<=\bM)\.|(?<=\bMM)\.|(?<=\bDr)\.|(?<=\bPr)\.){2,160}?),?\s*(?:[^,«»“”\"]{0,40})$", before)
                if speaker is None and sel:
                    if re.match(r"(?:lui|elle)\b", sel.group("who")):
                        speaker, rule, conf = self._pronoun_target(om, last_speaker, last_end), "quote.selon", 0.7
                        close_attribution = True
                    # "Selon le commissaire de l'UA au Commerce, Albert Muchanga,": the person, not the
                    # body inside the title; a body speaks only when no person is named
                    found = self.ents.at(before_lo + sel.start("who"), before_lo + sel.end("who"))
                    found = [mm for mm in found if self.ents.by_key[mm.key].type == "Person"] or found[:1]
                    if found and self.ents.by_key[found[0].key].type != "Person" and self._titled(sel.group("who")):
                        # "Selon le président de l'ISRO, ...": a person described by a post, not the body;
                        # the person holding it if the article says who, else nobody we can name
                        who = self._described(re.sub(r"^(?:le|la|l[’'])\s*", "", sel.group("who").strip()), om)
                        found = [] if who is None else found
                        if who is not None and speaker is None:
                            speaker, rule, conf, close_attribution = who, "quote.selon-description", 0.65, True
                    for mm in found:
                        e = self.ents.by_key[mm.key]
                        if e.type in {"Person", "Agency"} and speaker is None:
                            speaker, rule, conf = e.key, "quote.selon", 0.7
                            close_attribution = True
                        elif e.type == "Agency":
                            reported = e.key
                        break
            # the previous quotation's attribution runs on into this one ("..., a-t-il affirmé,
            # avant de prévenir : « … »")
            if speaker is None and last_speaker and last_end > ss and before.strip() and not self._actors(before_lo, om) \
                    and (_PRONOUN_AFTER.search(before) or lx.SPEECH_FORMS.search(before)):
                speaker, rule, conf, close_attribution = last_speaker, "quote.continuation", 0.7, True
            # 3. a quotation standing alone on its line: attribution on the line after or before
            alone = text[para:om].strip() == "" and text[ce:para_end].strip(" .,;»”\"") == ""
            if speaker is None and alone and direct:
                nl_end = text.find("\n", para_end + 1)
                nl_end = len(text) if nl_end == -1 else nl_end
                nxt_line = text[para_end + 1:nl_end]
                if nxt_line:
                    m = re.match(r"\s*(?:[–—-]\s*|(?:Une\s+)?citation\s+de\s+)", nxt_line)
                    ps = self._actors(para_end + 1, para_end + 1 + min(len(nxt_line), 120))
                    if ps and (m or ps[0].start - (para_end + 1) < 80):
                        speaker, rule, conf = ps[0].key, "quote.line-after", 0.65
                prev_end = para - 1
                if speaker is None and prev_end > 0 and re.search(r":\s*$", text[:prev_end]):
                    pl = text.rfind("\n", 0, prev_end) + 1
                    sp = self._speaker_in(pl, prev_end, last=True)
                    if sp:
                        speaker, rule, conf = sp, "quote.line-before", 0.65
            # 4. continuation of the previous quote in the same paragraph / next sentence
            if speaker is None and last_speaker and last_para is not None and (para == last_para or om - last_end < 3):
                if not before.strip() or re.fullmatch(r"[\s.,;:]*", before):
                    speaker, rule, conf = last_speaker, "quote.continuation", 0.7
            if not (direct or (partial and close_attribution)) or speaker is None:
                if direct:
                    last_end = ce
                continue
            if partial:
                conf = min(conf, 0.6)
            # a partial quote's speaker is the latest speaker too ("il" in the next quotation)
            last_speaker, last_para, last_end = speaker, para, ce
            # the medium of a "selon le média X" elsewhere in the sentence
            if reported is None:
                sm = re.search(r"\b[Ss]elon\s+(?P<who>[^,.;«»]{2,80})", text[ss:se])
                if sm:
                    for mm in self.ents.at(ss + sm.start("who"), ss + sm.end("who")):
                        if self.ents.by_key[mm.key].type == "Agency" and mm.key != speaker:
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


def find_statements(doc, text, ents, sentences, ref_date, relations=()) -> list[Statement]:
    return QuoteFinder(doc, text, ents, sentences, ref_date, relations).run()
