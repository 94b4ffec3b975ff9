"""Agreements: treaties, memoranda, partnerships, programmes, with parties and dates.

- trigger nouns (``lexicon.AGREEMENT_TRIGGERS``) give the agreement and its kind;
  the name extends over adjectives, short quoted qualifiers and "de"+noun
  complements ("programme de coopération spatiale", "partenariat « sans limites »");
- a bare definite reference ("le programme", "l'accord") points back to the last
  agreement of that kind instead of creating a new one;
- parties: "entre X et Y", "avec Y", the subject of the governing verb (with
  coordination, and "les deux pays/parties" resolved to the last pair of states
  named together), combining forms ("sino-russe");
- dates, resolved against the article date: signature ("signé ... en mars 2021"),
  start ("a débuté en 2018", "depuis 2018"), end ("jusqu'en 2027",
  "se terminer en 2027"), and extensions ("prolongé") recorded as events.
"""
from __future__ import annotations

import re

from graph.extract import lexicon as lx
from graph.extract.nlp import doc_index, sentence_at
from graph.extract.dates import find_dates
from graph.extract.entities import Cand, DocEntities, _Matchers, _merge_into
from graph.types import AgreementInfo, Evidence, Relation

_TRIGGER = re.compile(r"(?<![\w-])(?:" + "|".join(f"(?P<k{i}>{p})" for i, (p, _) in enumerate(lx.AGREEMENT_TRIGGERS)) + r")(?![\w-])", re.IGNORECASE)
_SIGN = re.compile(r"\b(?:sign|conclu|paraph|ratifi|adopt|convenu|scell|approuv|finalis|nou[ée]|renouvel[ée])\w*", re.IGNORECASE)
_START = re.compile(r"(?:d[ée]but[ée]|commenc[ée]|d[ée]marr[ée]|lanc[ée]e?s?|entr[ée]e?s?\s+en\s+vigueur|en\s+vigueur|depuis|inaugur[ée]|à\s+compter\s+(?:d[eu]|d[’'])|à\s+partir\s+(?:d[eu]|d[’'])|s[’']appliqu\w*\s+(?:à\s+compter\s+)?(?:d[’'])?)\s*(?:en\s+|le\s+|depuis\s+|dès\s+|au\s+|l[’']ann[ée]e\s+)?$", re.IGNORECASE)
_END = re.compile(r"(?:jusqu[’']en|jusqu[’']au|jusqu[’']à|se\s+terminer\s+en|terminer\s+en|prendr[ea]\s+fin\s+en|expir\w*\s+en|s[’']achever\s+en|fin\s+en|[ée]ch[ée]ance\s+en|prolong\w*\s+jusqu[’']en)\s*$", re.IGNORECASE)
# the signing verb right before an agreement noun: "ont signé un", "avaient conclu l'"
_VERB_BEFORE = re.compile(r"\b(?:ont|avaient|auront|ont\s+d[ée]j[àa]|vont|viennent\s+de)\s+(?:[a-zé]+ment\s+)?"
                          r"(?:sign|conclu|paraph|scell|ratifi|adopt|n[ée]goci|finalis|renouvel)\w*\s+"
                          r"(?:(?:un|une|le|la|l[’']|les|des|leur|leurs|ce|cet|cette|nouvel|nouveau|nouvelle)\s*){1,2}$", re.IGNORECASE)
# a sentence that continues the agreement of the sentence before: "Ce prêt ...", "Cette ligne de
# crédit ...", "Piloté jusqu'en 2015 par l'ASN, il prévoit ..."
_CONTINUES = re.compile(
    r"[\s«]*(?:(?:Ce|Cet|Cette)\s+(?:pr[êe]t|cr[ée]dit|financement|texte|dispositif|m[ée]canisme|plan|programme|"
    r"partenariat|engagement|arrangement|ligne|enveloppe)\b"
    r"|[A-ZÉ][a-zéèêëàâîïôûç]+(?:é|ée|és|ées|u|ue|us|ues|i|ie|is|ies)\b[^.;«»]{0,140},\s*(?:il|elle)\s)")
# an agreement's own signing participle, right after its name
_OWN_SIGN = re.compile(r"\s*,?\s*(?:qui\s+(?:a|avait)\s+été\s+|(?:a|avait)\s+été\s+)?(?:sign|conclu|paraph|ratifi)\w*\s*", re.IGNORECASE)
# "ont annoncé jeudi un accord", "sont parvenus lundi à un accord" (ending where the agreement starts)
_ANNOUNCED = re.compile(r"\b(?:annonc\w+|parvenu[es]*|abouti[es]*|trouv[ée]e?s?)\s+(?:[^,.;«»]{1,30}?\s+)?(?:à\s+)?(?:un|une|l[’'])\s*", re.IGNORECASE)
_START_VERB = re.compile(r"\b(?:lanc|d[ée]but|commenc|d[ée]marr|inaugur|entr[ée]\w*\s+en\s+vigueur)\w*", re.IGNORECASE)
_EXTEND = re.compile(r"\b(?:prolong|reconduit|reconduir|renouvel|[ée]tendu|[ée]tendre|proroge|prorog)\w*", re.IGNORECASE)
_PAIR = re.compile(r"\b(?:les|des|aux|ces)\s+(?P<n>deux|trois|quatre)\s+" + lx.PAIR_NOUNS + r"\b", re.IGNORECASE)
_COUNT = {"deux": 2, "trois": 3, "quatre": 4}
_STOP_WORDS = {"qui", "que", "dont", "avec", "entre", "en", "pour", "par", "a", "est", "sont", "et", "ou", "mais",
               "le", "la", "les", "l", "un", "une", "ce", "cette", "au", "aux", "dans", "sur", "selon", "afin",
               # participles that open a clause about the agreement ("l'accord de paix censé clore ...")
               "cense", "censee", "censes", "censees", "destine", "destinee", "destines", "destinees",
               "appele", "appelee", "charge", "chargee", "suppose", "supposee", "prevu", "prevue",
               # verbs the tagger may take for adjectives right after the noun ("l'entente court jusqu'en 2020")
               "court", "courent", "porte", "portent", "vise", "visent", "prevoit", "prevoient", "reste",
               "restent", "expire", "expirent", "lie", "lient", "couvre", "couvrent"}


class AgreementFinder:
    def __init__(self, doc, text: str, ents: DocEntities, sentences, ref_date: str | None, doc_id: str):
        self.doc = doc
        self.text = text
        self.ents = ents
        self.sentences = sentences
        self.ref = ref_date
        self.doc_id = doc_id
        self.relations: list[Relation] = []
        self.infos: dict[str, AgreementInfo] = {}
        self._tok_at = doc_index(doc).tok_at

    def _sent_of(self, pos: int) -> tuple[int, int]:
        return sentence_at(self.sentences, pos, default=(0, len(self.text)))

    def _token_at(self, pos: int):
        if pos in self._tok_at:
            return self._tok_at[pos]
        span = self.doc.char_span(pos, pos + 1, alignment_mode="expand")
        return span[0] if span is not None and len(span) else None

    # -- the agreement's name ----------------------------------------------
    def _extend_name(self, start: int, end: int, send: int) -> int:
        """End of the agreement's name: the trigger with its adjectives, short quoted
        qualifiers, "de"/"sur" complements, durations ("de 25 ans") and a proper name
        ("pacte de sécurité AUKUS").  Each stop is kept in ``self._stops`` for aliases."""
        text = self.text
        pos = end
        self._stops = [end]
        numbers = {"cinq", "deux", "trois", "dix", "quatre", "six", "sept", "huit", "neuf", "vingt", "cent", "mille",
                   "onze", "douze", "quinze", "trente", "quarante", "cinquante"}
        months = {"janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre",
                  "novembre", "decembre"}
        official = text[start:start + 1].isupper() and not re.search(r"(?:^|[.!?:«\n]\s*)$", text[max(0, start - 3):start])
        while pos < send:
            rest = text[pos:send]
            m = re.match(r"\s*«\s*([^«»]{1,60}?)\s*[»«“”]", rest) or re.match(r"\s*[“\"]\s*([^“”\"]{1,60}?)\s*[”\"]", rest)
            if m and len(m.group(1).split()) <= 6 and not any(
                    t.pos_ in {"VERB", "AUX"} for t in self.doc.char_span(pos + m.start(1), pos + m.end(1), alignment_mode="expand") or []):
                pos += m.end()
                self._stops.append(pos)
                continue
            # "Accord portant création de la Zone ...", "traité relatif à ...", "accord économique et commercial"
            m = re.match(r"\s+(?:portant(?:\s+cr[ée]ation)?|relati(?:f|ve)s?)(?=\s+(?:sur|de|d[’']|à|aux?)\s+(?:la\s+|le\s+|l[’']|les\s+)?[A-Za-zÀ-ÿ])", rest)
            if m:
                # keep it only with the complement that follows ("portant création de la Zone ...")
                nxt = re.match(r"\s+(?:sur|de|d[’']|à|aux?)\s+(?:la\s+|le\s+|l[’']|les\s+)?(?P<w>[\wÀ-ÿ-]+)", text[pos + m.end():send])
                tok = self._token_at(pos + m.end() + nxt.start("w")) if nxt else None
                if nxt and tok is not None and tok.pos_ in {"NOUN", "PROPN"}:
                    pos += m.end() + nxt.end()
                    self._stops.append(pos)
                    continue
            m = re.match(r"\s+et\s+(?P<w>[a-zéèêëàâîïôöûüç][\wéèêëàâîïôöûüç-]*)", rest)
            if m:
                tok = self._token_at(pos + m.start("w"))
                if tok is not None and tok.pos_ == "ADJ" and not tok.morph.get("VerbForm"):
                    pos += m.end()
                    self._stops.append(pos)
                    continue
            # a year naming the agreement: "l'accord de 1959 sur le partage des eaux du Nil"
            m = re.match(r"\s+de\s+(?:19|20)\d{2}(?!\s*(?:à|et|-)\s*\d)(?=[\s,.;:)]|$)", rest)
            if m and (pos == end or not re.search(r"\b(?:19|20)\d{2}\b", text[start:pos])):
                pos += m.end()
                self._stops.append(pos)
                continue
            # an official title (capital initial inside a sentence) runs on: "Accord de coopération en
            # matière de recherche et de sauvetage aéronautiques et maritimes dans l'Arctique", "Accord sur
            # la préparation et l'intervention en cas de pollution marine par les hydrocarbures"
            if official and pos > end:
                m = re.match(r"\s+(?:et\s+(?:de\s+la\s+|de\s+l[’']|du\s+|des\s+|de\s+|la\s+|le\s+|l[’']|les\s+)?"
                             r"|dans\s+(?:la\s+|le\s+|l[’']|les\s+)(?=[A-ZÉ])|en\s+cas\s+(?:de\s+|d[’'])|par\s+(?:les\s+|la\s+|le\s+|l[’'])"
                             r"|(?=[a-zéèêëàâîïôöûüç]+\b(?![’'])))"
                             r"(?P<w>[\wéèêëàâîïôöûüçÉÈÊÀÂÎÔÛÇ-]+)", rest)
                if m and lx.fold(m.group("w")) not in _STOP_WORDS | numbers | months:
                    tok = self._token_at(pos + m.start("w"))
                    bare_word = m.start("w") == len(m.group(0)) - len(m.group("w")) and not m.group(0)[:m.start("w")].strip()
                    # (a "participle" without a participle's ending is a mistagged adjective: "pollution marine")
                    not_participle = not re.search(r"(?:ée?s?|ie?s?|ue?s?|ite?s?|erte?s?|orte?s?)$", m.group("w"))
                    if tok is not None and (tok.pos_ in {"ADJ"} or (tok.pos_ == "NOUN" and not tok.morph.get("VerbForm"))
                                            or (tok.pos_ == "VERB" and not_participle and "Inf" not in tok.morph.get("VerbForm"))
                                            if bare_word else
                                            tok.pos_ in {"NOUN", "PROPN", "ADJ"} or m.group("w")[0].isupper()
                                            or (tok.pos_ == "VERB" and "Inf" not in tok.morph.get("VerbForm"))):
                        pos += m.end()
                        self._stops.append(pos)
                        continue
            # "accord de libre-échange dans le secteur agroalimentaire", "dans le domaine spatial"
            m = re.match(r"\s+dans\s+(?:le|les)\s+(?:secteurs?|domaines?)\s+(?:de\s+la\s+|de\s+l[’']|du\s+|des\s+|de\s+|d[’'])?"
                         r"(?P<w>[a-zéèêëàâîïôöûüç][\wéèêëàâîïôöûüç-]+)", rest)
            if m and pos > end:
                tok = self._token_at(pos + m.start("w"))
                if tok is not None and tok.pos_ in {"NOUN", "ADJ", "PROPN"}:
                    pos += m.end()
                    self._stops.append(pos)
                    continue
            # complements listed with commas: "traité d'amitié, de bon voisinage et de coopération"
            m = re.match(r"(?:,\s+(?:de|d[’'])\s*[a-zéèêàâîôûç][\w’' -]{1,30}?)+\s+et\s+(?:de|d[’'])\s*[a-zéèêàâîôûç][\wéèêàâîôûç-]+", rest)
            if m and pos > end and re.search(r"\b(?:de|d[’'])\s*\S+$", text[start:pos]):
                pos += m.end()
                self._stops.append(pos)
                continue
            # a quantity of things: "contrat de six sous-marins Scorpène", "contrat de 36 Rafale"
            m = re.match(r"\s+de\s+(?:\d+|[a-zé-]+)\s+(?![Aa]ns\b|ann[ée]es\b|mois\b|jours\b|semaines\b|milliards?\b|millions?\b)"
                         r"(?P<w>[\wéèêëàâîïôöûüçÉ-]+)(?:\s+(?P<name>[A-ZÉ][\w-]+))?", rest)
            if m and (m.group(0).split()[1].isdigit() or lx.fold(m.group(0).split()[1]) in numbers) \
                    and (m.group("w").endswith(("s", "x")) or m.group("w")[0].isupper()):
                pos += m.end()
                self._stops.append(pos)
                continue
            # a duration: "de cinq ans", "de 25 ans"
            m = re.match(r"\s+de\s+(?:\d+|[a-zé-]+)\s+(?:ans|années|mois)\b", rest)
            if m and (m.group(0).split()[1].isdigit() or lx.fold(m.group(0).split()[1]) in numbers):
                pos += m.end()
                self._stops.append(pos)
                continue
            m = re.match(r"\s+(?:et\s+)?(?:d[’']|de\s+(?:la\s+|l[’'])?|du\s+|des\s+|sur\s+(?:la\s+|le\s+|l[’']|les\s+)?|en\s+mati[èe]re\s+de\s+|contre\s+(?:la\s+|le\s+|l[’']|les\s+)?|pour\s+(?:la\s+|le\s+|l[’']|les\s+)?|(?<=relatif)\s*à\s+(?:la\s+|l[’'])?|(?<=relative)\s*à\s+(?:la\s+|l[’'])?)(?P<w>[\wéèêëàâîïôöûüçÉÈÊÀÂÎÔÛÇ-]+)", rest)
            if m and not m.group("w")[0].isdigit() and lx.fold(m.group("w")) not in _STOP_WORDS | numbers | months:
                tok = self._token_at(pos + m.start("w"))
                # "contrat d'approvisionnement": a noun the tagger may call a verb, told by its suffix
                nominal = re.search(r"(?:ment|tion|sion|age|ance|ence|it[ée])s?$", m.group("w")) or (
                    # right after "de"/"d'" a finite or participle "verb" is a mistagged noun ("traité d'amitié")
                    tok is not None and tok.pos_ == "VERB" and "Inf" not in tok.morph.get("VerbForm")
                    and not m.group(0).lstrip().startswith(("sur", "contre", "pour", "et")))
                if tok is not None and (tok.pos_ in {"NOUN", "PROPN", "ADJ", "X"} or nominal) and not re.fullmatch(r"\d{4}", m.group("w")):
                    pos += m.end()
                    self._stops.append(pos)
                    continue
            m = re.match(r"\s+(?P<w>[a-zéèêëàâîïôöûüç][\wéèêëàâîïôöûüç-]*)", rest)
            if m:
                tok = self._token_at(pos + m.start("w"))
                prev = self._token_at(pos - 1)
                prev_adj = prev is not None and prev.pos_ == "ADJ"
                if tok is not None and prev_adj and tok.pos_ in {"NOUN", "ADJ"} and not tok.morph.get("VerbForm") \
                        and lx.fold(m.group("w")) not in _STOP_WORDS | months and not re.match(r"\s+(?:que|qu[’'])", rest[m.end():m.end() + 6]):
                    pos += m.end()
                    self._stops.append(pos)
                    continue
                if tok is not None and lx.fold(m.group("w")) not in _STOP_WORDS | months and not tok.morph.get("VerbForm") \
                        and not re.match(r"\s+(?:que|qu[’']|si|comme|de\s+\w+er)\b", rest[m.end():m.end() + 12]) and (
                        tok.pos_ == "ADJ" or (tok.pos_ == "NOUN" and prev is not None and prev.pos_ == "ADJ"
                                              and prev.i > 0 and prev.nbor(-1).lower_ in {"de", "d'", "d’"})):
                    pos += m.end()
                    self._stops.append(pos)
                    continue
            m = re.match(r"\s+(?P<w>[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)", rest)
            if m and (text[start:pos].split()[-1].lower() in {"de", "d'", "du"} or m.group("w").isupper()
                      or self._token_at(pos + m.start("w")) is not None and self._token_at(pos + m.start("w")).pos_ == "PROPN"):
                inside = self.ents.at(pos + m.start("w"), pos + m.end())
                if not inside or m.group("w").isupper() or all(self.ents.by_key[x.key].type in {"Person", "Agency"} for x in inside):
                    pos += m.end()
                    self._stops.append(pos)
                    continue
            break
        return pos

    # -- parties ----------------------------------------------------------------
    def _actors_in(self, start: int, end: int) -> list[str]:
        out = []
        for m in self.ents.at(start, end):
            e = self.ents.by_key.get(m.key)
            if e and e.type in {"State", "Agency", "Person"} and e.key not in out:
                out.append(e.key)
        return out

    def _coordination_before_verb(self, ss: int, trig: int) -> list[str]:
        """The actors "A et B" (or "A, B et C") subject of the signing verb right before the agreement
        at ``trig``, skipping an apposition after the last one ("B, l'opérateur contrôlé par X,")."""
        text = self.text
        verb = _VERB_BEFORE.search(text, ss, trig)
        if verb is None:
            return []
        zone_end = verb.start()
        app = re.search(r",\s*(?:la|le|les|l[’']|un|une|son|sa|ses)\b[^,;«»()]{3,90},\s*$", text[ss:zone_end])
        if app:
            zone_end = ss + app.start()
        mentions = sorted((m for m in self.ents.at(ss, zone_end) if m.rule != "pattern.state-adjective"
                           and self.ents.by_key.get(m.key) is not None
                           and self.ents.by_key[m.key].type in {"State", "Agency", "Person"}), key=lambda m: m.start)
        if len(mentions) < 2 or not re.fullmatch(r"\s*", text[mentions[-1].end:zone_end]):
            return []
        out = [mentions[-1].key]
        for a, b in zip(reversed(mentions[:-1]), reversed(mentions[1:])):
            gap = text[a.end:b.start]
            link = re.fullmatch(r"\s*(?:,|\bet\b|\bainsi\s+que\b)\s*(?:(?:la|le|les)\s+|l[’'])?"
                                r"(?:(?:groupe|soci[ée]t[ée]|compagnie|entreprise|firme|g[ée]ant|op[ée]rateur|[ÉéEe]tat)"
                                r"(?:\s+[a-zéèêëàâîïôûç-]+)?\s+(?:de\s+|du\s+|d[’'])?)?", gap)
            if not link:
                break
            ta, tb = self.ents.by_key[a.key].type, self.ents.by_key[b.key].type
            if "et" not in gap and "ainsi" not in gap and (ta != tb or ta == "Person"):
                break  # "le président, X, le groupe Y et Z": a comma joins a list of one kind only
            if a.key not in out:
                out.insert(0, a.key)
        if len(out) < 2 or " et " not in text[mentions[-len(out)].start:mentions[-1].start] and "ainsi que" not in text[mentions[-len(out)].start:mentions[-1].start]:
            return []
        return out

    def _actor_list(self, lo: int, hi: int) -> list[str]:
        """Actors of a list starting at ``lo``: "les États-Unis, le Royaume-Uni et l'Australie",
        "l'Iran d'une part, et les États-Unis, la Chine ... d'autre part"."""
        out: list[str] = []
        pos = lo
        for m in self.ents.at(lo, hi):
            gap = self.text[pos:m.start]
            if out and not re.fullmatch(r"\s*(?:d[’']une\s+part\s*)?(?:,|\bet\b|\bainsi\s+que\b|\bde\s+m[êe]me\s+que\b)?\s*(?:,\s*)?(?:et\s+)?(?:de\s+|d[’'])?(?:la\s+|le\s+|l[’']|les\s+|des\s+|du\s+)?", gap):
                break
            if not out and not re.fullmatch(r"\s*(?:la\s+|le\s+|l[’']|les\s+)?", gap):
                break
            e = self.ents.by_key.get(m.key)
            if e and e.type in {"State", "Agency", "Person"} and m.key not in out:
                out.append(m.key)
            pos = m.end
        return out

    def _pair_before(self, pos: int, n: int = 2) -> list[str]:
        """The last ``n`` actors named together before ``pos`` ("X et Y", "sino-russe", "X, Y et Z")."""
        st = _Matchers.get().states
        text = self.text
        sents = [s for s in self.sentences if s[0] <= pos]
        for ss, se in reversed(sents[-4:]):
            hi = min(se, pos)
            best = None
            for m in re.finditer(r"\b([a-zéèêëàâîïôöûüç]+(?:-[a-zéèêëàâîïôöûüç]+)+)\b", text[ss:hi]):
                isos = st.lookup_combining(m.group(1))
                if len(isos) >= 2:
                    best = (m.start(), [f"state/{i}" for i in isos])
            if n != 2:
                best = None  # combining forms name pairs only
            ms = [m for m in self.ents.at(ss, hi) if self.ents.by_key[m.key].type in {"State", "Agency"}]
            # runs of actors listed together ("l'Égypte, l'Éthiopie et le Soudan")
            runs: list[list] = []
            for a, b in zip(ms, ms[1:]):
                between = text[a.end:b.start]
                if re.fullmatch(r"\s*(?:et|,)\s*(?:de\s+|à\s+)?(?:la\s+|le\s+|l[’']|les\s+)?", between) and a.key != b.key:
                    if runs and runs[-1][-1] is a:
                        runs[-1].append(b)
                    else:
                        runs.append([a, b])
            for run in runs:
                keys = list(dict.fromkeys(m.key for m in run))
                if len(keys) >= n and (best is None or run[-n].start - ss > best[0]):
                    best = (run[-n].start - ss, keys[-n:])
            if best:
                for k in best[1]:
                    if k.startswith("state/") and k not in self.ents.by_key:
                        self.ents.ensure_entity(k)
                return best[1]
        return []

    def _subject_parties(self, trig_pos: int, ss: int, se: int) -> list[str]:
        tok = self._token_at(trig_pos)
        if tok is None:
            return []
        hops = 0
        node = tok
        while hops < 6:
            node = node.head
            hops += 1
            if node.pos_ in {"VERB", "AUX"}:
                subj = [c for c in node.children if c.dep_ in {"nsubj", "nsubj:pass", "expl:subj"}]
                if subj:
                    parties = []
                    for s in subj:
                        if s.lower_ in {"qui", "lequel", "laquelle"} and node.dep_.startswith("acl") or (s.lower_ == "qui" and node.head is not node):
                            s = node.head  # "Téhéran, qui a signé ...": the antecedent
                        # the subject and its coordinated heads (not the whole subtree)
                        heads = [s]
                        stack = [s]
                        while stack:
                            t = stack.pop()
                            for c in t.children:
                                if c.dep_ in {"conj", "flat:name", "flat", "appos"} or (c.dep_ == "det" and False):
                                    heads.append(c)
                                    stack.append(c)
                        lo = min(t.idx for t in s.subtree)
                        hi = max(t.idx + len(t) for t in s.subtree)
                        pm = _PAIR.search(self.text[lo:hi])
                        if pm:
                            return self._pair_before(lo, _COUNT[pm.group("n").lower()])
                        for t in heads:
                            found = self._actors_in(t.idx, t.idx + len(t)) + [m.key for m in self.ents.mentions if m.start <= t.idx < m.end and self.ents.by_key[m.key].type in {"State", "Agency", "Person"}]
                            conj_at = min([c.i for c in t.children if c.dep_ == "conj"] or [len(self.doc)])
                            if not found and t.lower_ in {"gouvernement", "pouvoir", "exécutif", "executif"} \
                                    and not [c for c in t.children if c.dep_ in {"amod", "nmod"} and c.i < conj_at]:
                                # "Le gouvernement et l'opposition ont signé": the government of the
                                # state the article is about
                                dom = self.ents.dominant_state()
                                found = [dom] if dom else []
                            for a in found:
                                if a not in parties:
                                    parties.append(a)
                    if parties:
                        return parties
            if node.head is node:
                break
        # fall back: the first actors of the sentence before the trigger, joined by "et"
        pre = self.text[ss:trig_pos]
        pm = _PAIR.search(pre)
        if pm:
            return self._pair_before(ss + pm.start(), _COUNT[pm.group("n").lower()])
        return []

    # -- main -------------------------------------------------------------------
    def run(self):
        text = self.text
        last_by_kind: dict[str, str] = {}
        last_any = None
        for m in _TRIGGER.finditer(text):
            kind = next(lx.AGREEMENT_TRIGGERS[int(k[1:])][1] for k, v in m.groupdict().items() if v)
            s, e = m.span()
            before = text[max(0, s - 12):s]
            if kind == "accord" and re.search(r"(?:\bd[’']|\ben\s+|\bun\s+commun\s+)$", before):
                continue  # "d'accord", "en accord avec"
            if kind == "accord" and re.search(r"\bprotocoles?\s+d[’']$|\bm[ée]morandums?\s+d[’']$", before, re.IGNORECASE):
                continue
            ss, se = self._sent_of(s)
            name_end = self._extend_name(s, e, se)
            stops = list(self._stops)
            label = re.sub(r"\s+", " ", text[s:name_end]).strip()
            det = re.search(r"(?:\b(le|la|l[’']|ce|cet|cette|ces|les|leur|leurs|son|sa|ses|un|une|des|du|de\s+l[’']|d[’']un|d[’']une)\s*)$", text[max(0, s - 14):s], re.IGNORECASE)
            det_word = lx.fold(det.group(1)) if det else ""
            definite = det_word in {"le", "la", "l'", "ce", "cet", "cette", "du", "de l'"}
            bare = name_end == e
            # number of the head noun (the first word: "déclaration de principes" is singular)
            plural = m.group(0).split()[0].lower().endswith(("s", "x")) and kind not in {"memorandum"} \
                and not m.group(0).lower().startswith(("protocoles d", "protocole"))
            ev_sent = (ss, se)
            # a back reference: "le programme", "l'accord"
            ref_kind = "cooperation-programme" if kind == "programme-ref" else kind
            if kind == "text-ref":
                # "Le texte avait été signé le 30 octobre 2016": the last agreement, when there is one
                if definite and bare and last_any and _SIGN.search(text[ss:se]):
                    self._dates(last_any, s, ss, se)
                continue
            if kind == "protocol-ref":
                # "le protocole" alone: the last agreement called a protocol, else nothing (a health protocol)
                if definite and bare:
                    prev = [mm.key for mm in sorted(self.ents.mentions, key=lambda x: x.start)
                            if mm.key and mm.key.startswith("agreement/") and mm.start < s]
                    for k in reversed(prev):
                        e_prev = self.ents.by_key.get(k)
                        if e_prev is not None and any("protocole" in lx.fold(f) for f in set(e_prev.forms) | {e_prev.label}):
                            self._dates(k, s, ss, se, reference=True, end=name_end)
                            self._mention(k, s, name_end, label, "accord", 0.6, "agreement.back-reference", alias=False)
                            break
                continue
            backref = last_by_kind.get(ref_kind) or (last_any if kind == "accord" else None)
            if backref and re.search(r"\s", m.group(0).strip()):
                # "la déclaration de principes" is a back reference only to an agreement already called so
                e_prev = self.ents.by_key.get(backref)
                trig = lx.fold(re.sub(r"\s+", " ", m.group(0)))
                if e_prev is None or not any(trig in lx.fold(f) for f in set(e_prev.forms) | {e_prev.label}):
                    backref = None
            if definite and bare and backref:
                key = backref
                self._dates(key, s, ss, se, reference=True, end=name_end)
                self._mention(key, s, name_end, label, kind, 0.6, "agreement.back-reference", alias=False)
                continue
            if plural and bare:
                continue  # "les accords", generic
            if kind == "programme-ref":
                continue  # a programme is an agreement only "de coopération" or back-referenced
            # parties
            parties: list[str] = []
            window_end = min(se, name_end + 120)
            after = text[name_end:window_end]
            mm = re.match(r"\s*(?:\([^)]{1,40}\)\s*)?(?:,\s*)?(?:sign[ée]e?s?\s+|conclu[e]?s?\s+|[ée]tabli[e]?s?\s+|[A-Z][\w-]+\s+)?entre\s+", after) \
                or re.match(r"[^.;«»]{0,80}?\b(?:sign[ée]e?s?|conclu[e]?s?|paraph[ée]e?s?|n[ée]goci[ée]e?s?|pass[ée]e?s?)\s+[^.;«»]{0,60}?\bentre\s+", after)
            if mm:
                parties += self._actor_list(name_end + mm.end(), se)
            mm = re.match(r"\s*(?:,\s*)?(?:(?:sign[ée]e?s?|conclu[e]?s?|paraph[ée]e?s?|pass[ée]e?s?)\s+"
                          r"(?:(?:en|le|au\s+mois\s+de|d[èe]s)\s+[\w ]{1,20}?\s+)?)?avec\s+", after)
            if mm:
                stop = re.search(r"[,.;:]|\bqui\b|\ben\s+(?:\d|janv|f[ée]v|mars|avr|mai|juin|juil|ao[uû]|sept|oct|nov|d[ée]c)", after[mm.end():])
                hi = name_end + mm.end() + (stop.start() if stop else len(after) - mm.end())
                parties += self._actors_in(name_end + mm.end(), hi)[:1]
            mm = re.search(r"\b(?:sign[ée]e?s?|conclu[e]?s?|paraph[ée]e?s?|ratifi[ée]e?s?)\s+(?:[\wéèêëàâîïôöûüç’']+\s+){0,3}?par\s+", text[name_end:se])
            if mm:
                parties += [p for p in self._actor_list(name_end + mm.end(), se) if not p.startswith("person/")] or \
                    self._actor_list(name_end + mm.end(), se)
            # "X a signé avec Y un accord": "avec" between the verb and the agreement
            mm = re.search(r"\b(?:sign|conclu|paraph|ratifi|n[ée]goci)\w*\s+(?:[^,;.«»]{0,40}?\s)?avec\s+(?P<rest>[^,;.«»]{2,80})$", text[ss:s])
            if mm:
                lo = ss + mm.start("rest")
                parties += self._actors_in(lo, s)[:1]
            st = _Matchers.get().states
            for mm2 in self.ents.at(s, name_end):
                e2 = self.ents.by_key.get(mm2.key)
                if e2 is not None and e2.type == "State" and mm2.rule == "gazetteer.state" \
                        and re.search(r"\b(?:de|d[’']|du|des)\s*(?:la\s+|l[’']|le\s+|les\s+)?$", text[max(s, mm2.start - 10):mm2.start]):
                    parties.append(mm2.key)  # "protocole d'adhésion de la Suède" (a capital, "accord de Paris", is a place)
            for w in re.findall(r"[a-zéèêëàâîïôöûüç]+(?:-[a-zéèêëàâîïôöûüç]+)+", label):
                parties += [f"state/{i}" for i in st.lookup_combining(w)]
            subj = self._subject_parties(s, ss, se)
            if len(subj) <= 1:
                # "le groupe Eni et Sonatrach, la compagnie nationale algérienne, ont signé un protocole":
                # a coordination before the verb, an apposition after its last conjunct
                coord = self._coordination_before_verb(ss, s)
                if len(coord) >= 2 and (not subj or subj[0] in coord):
                    subj = coord
            if not subj and not parties and det_word in {"leur", "leurs"}:
                # "Paris et New Delhi avaient fêté les vingt ans de leur partenariat": "leur" is the pair
                # coordinated before it in the sentence
                pre = sorted((mm for mm in self.ents.at(ss, s) if mm.rule != "pattern.state-adjective"
                              and self.ents.by_key.get(mm.key) is not None
                              and self.ents.by_key[mm.key].type in {"State", "Agency"}), key=lambda mm: mm.start)
                for a, b in reversed(list(zip(pre, pre[1:]))):
                    if a.key != b.key and re.fullmatch(r"\s+et\s+(?:(?:la|le|les)\s+|l[’'])?", text[a.end:b.start]):
                        subj = [a.key, b.key]
                        break
            if len(subj) == 1:
                # "La Corée du Sud et l'Australie ont conclu ...": a coordination the parser missed
                pre = [mm for mm in self.ents.at(ss, s) if self.ents.by_key[mm.key].type in {"State", "Agency"}
                       and mm.rule != "pattern.state-adjective"]
                for a, b in zip(pre, pre[1:]):
                    # "X et Y", and "X, le géant public qatari, et le groupe américain Y" (the parser
                    # gives either conjunct as the subject)
                    if subj[0] in (a.key, b.key) and a.key != b.key and re.fullmatch(
                            r"\)?\s*(?:,[^,;.«»]{0,90},)?\s*(?:et|,)\s*(?:(?:la|le|les)\s+|l[’'])?(?:[^,;.«»]{0,40}\s)?", text[a.end:b.start]):
                        subj = [a.key, b.key]
                        break
            # with "avec Y", the subject is the other party
            parties = subj + [p for p in parties if p not in subj]
            # "le gouvernement ivoirien" signs for the state, "l'Assemblée nationale" ratifies for it
            gov = {p: self.ents.by_key[p].iso3 for p in parties
                   if p in self.ents.by_key and self.ents.by_key[p].kind in {"government", "legislature"}
                   and self.ents.by_key[p].iso3}
            for iso in gov.values():
                self.ents.ensure_state(iso)
            parties = list(dict.fromkeys(f"state/{gov[p]}" if p in gov else p for p in parties))
            for p in parties:
                if p not in self.ents.by_key:
                    self.ents.ensure_entity(p)
            named = bool(re.search(r"\b(?:de|d[’']|du)\s+[A-Z]", label)) or any(w[:1].isupper() for w in label.split()[1:])
            if plural and not parties and not named:
                continue  # "les accords commerciaux": generic
            if bare and not named and not re.search(r"«|“|\"", label) and not re.search(r"[\s’'-]", m.group(0)):
                same = [k for k in self.infos if k.startswith(f"agreement/{kind}-") and parties and
                        set(r.object for r in self.relations if r.subject == k and r.predicate == "party") == set(parties)]
                if not same:
                    # a bare "accord" / "contrat" with no name of its own: too vague to be a node
                    # (a later "l'accord" still points back to a named one)
                    continue
            key = self._key(kind, label, parties, named, rest=text[e:name_end])
            if bare and not named and parties:
                same = [k for k, i in self.infos.items() if k.startswith(f"agreement/{kind}-") and
                        set(r.object for r in self.relations if r.subject == k and r.predicate == "party") == set(parties)]
                if same:
                    key = same[-1]  # "un accord" with the same parties as one already named
            self._mention(key, s, name_end, label, kind, 0.8 if parties else 0.6, "agreement.trigger")
            ent = self.ents.by_key[key]
            acr = re.match(r"\s*\((?P<acr>[A-Z][\w-]{1,14})\)", text[name_end:name_end + 20])
            if acr:
                self._adopt_acronym(key, acr.group("acr"))
            for stop in stops[1:-1]:
                ent.forms.add(re.sub(r"\s+", " ", text[s:stop]).strip())  # shorter names: "accord de coopération"
            if not bare and re.search(r"[\s’'-]", m.group(0)):
                ent.forms.add(re.sub(r"\s+", " ", m.group(0)))  # the trigger alone: "protocole d'accord"
            for p in parties:
                self.relations.append(Relation(key, "party", p, Evidence(ss, se, s, name_end, "agreement.party", 0.75)))
            last_by_kind[kind] = key
            last_any = key
            self._dates(key, s, ss, se, end=name_end)
        self._participle_sentences()
        self._merge_headline_agreements()
        self._names_inside_agreements()
        return self.relations, self.infos

    def _adopt_acronym(self, key: str, acr: str) -> None:
        """"l'Accord économique et commercial global (AECG)": AECG names the agreement, wherever
        the organisation gazetteer or the model took it for an organisation."""
        ag = self.ents.by_key[key]
        ag.forms.add(acr)
        self.ents.alias[lx.fold(acr)] = key
        for k, e in list(self.ents.by_key.items()):
            if k == key or e.type == "State" or not e.forms or any(lx.fold(f) != lx.fold(acr) for f in e.forms):
                continue
            for m in e.mentions:
                m.key = key
                m.type = "Agreement"
                ag.mentions.append(m)
            del self.ents.by_key[k]

    def _names_inside_agreements(self) -> None:
        """"l'accord de Sandhurst", "le pacte AUKUS": a person or organisation found only inside
        an agreement's name is part of that name, not an actor of its own."""
        spans = [(m.start, m.end) for m in self.ents.mentions if m.key and m.key.startswith("agreement/")]
        if not spans:
            return
        inside = lambda m: any(s <= m.start and m.end <= e and (m.start, m.end) != (s, e) for s, e in spans)
        used = {r.object for r in self.relations} | {r.subject for r in self.relations}
        for key, e in list(self.ents.by_key.items()):
            if e.type in {"Person", "Agency"} and e.mentions and all(inside(m) for m in e.mentions) and key not in used:
                for m in e.mentions:
                    m.key = None
                self.ents.mentions = [m for m in self.ents.mentions if m.key is not None]
                del self.ents.by_key[key]

    def _participle_sentences(self) -> None:
        """"Signé en 2017, il est désormais étendu jusqu'en 2028." / "Conclu en juillet 2015 entre
        X et Y, le plan ...": a sentence with no agreement noun that continues the last one."""
        text = self.text
        mentions = sorted((m.start, m.key) for m in self.ents.mentions if m.key and m.key.startswith("agreement/"))
        for ss, se in self.sentences:
            sent = text[ss:se]
            if _CONTINUES.match(sent) and not any(ss <= pos < se for pos, _k in mentions):
                # "Ce prêt courra jusqu'en juin 2021." / "Piloté jusqu'en 2015 par l'ASN, il prévoit ...":
                # the next sentence speaks of the agreement of the sentence before; only its start and
                # end dates are taken (a reference does not give the signature date)
                prev = [k for pos, k in mentions if pos < ss]
                before = [b for b in self.sentences if b[1] <= ss]
                if prev and before and any(before[-1][0] <= pos < before[-1][1] for pos, _k in mentions):
                    self._dates(prev[-1], ss, ss, se, reference=True)
                continue
            if not re.match(r"[\s«]*(?:Sign[ée]e?s?|Conclu[e]?s?|Paraph[ée]e?s?|Ratifi[ée]e?s?|Lanc[ée]e?s?|Entr[ée]e?s?\s+en\s+vigueur)\b", sent):
                continue
            if any(ss <= pos < se for pos, _k in mentions if not self._is_backref(pos)):
                continue
            prev = [k for pos, k in mentions if pos < ss and ss - pos < 600]
            if not prev:
                continue
            key = prev[-1]
            self._dates(key, ss, ss, se)
            mm = re.search(r"\bentre\s+", sent)
            if mm:
                for p in self._actor_list(ss + mm.end(), se):
                    if p not in {r.object for r in self.relations if r.subject == key and r.predicate == "party"}:
                        self.relations.append(Relation(key, "party", p, Evidence(ss, se, ss, se, "agreement.participle-party", 0.6)))

    def _headline_spans(self) -> list[tuple[int, int]]:
        """The headline: the first line, and a later copy of it (an HTML page repeats its title)."""
        text = self.text
        nl = text.find("\n")
        if nl <= 0:
            return []
        first = text[:nl].strip()
        spans = [(0, nl)]
        i = text.find(first, nl, 1500)
        if first and i > 0:
            spans.append((i, i + len(first)))
        return spans

    def _merge_headline_agreements(self) -> None:
        """"X et Y signent un protocole d'accord" in the headline and "le protocole d'accord sur le
        remplissage" in the body are one agreement: an agreement named only in the headline joins the
        first agreement of the body with the same kind whose parties include its own."""
        spans = self._headline_spans()
        if not spans:
            return
        in_head = lambda pos: any(a <= pos < b for a, b in spans)
        mentions = sorted((m for m in self.ents.mentions if m.key and m.key.startswith("agreement/")), key=lambda m: m.start)
        party_of: dict[str, set] = {}
        for r in self.relations:
            if r.predicate == "party":
                party_of.setdefault(r.subject, set()).add(r.object)
        for key in list(dict.fromkeys(m.key for m in mentions)):
            ent = self.ents.by_key.get(key)
            own = [m for m in mentions if m.key == key]
            if ent is None or not own or not all(in_head(m.start) for m in own):
                continue
            body = [m.key for m in mentions if not in_head(m.start) and m.key != key
                    and self.ents.by_key.get(m.key) is not None and self.ents.by_key[m.key].kind == ent.kind
                    and party_of.get(key, set()) <= party_of.get(m.key, set())]
            if not body:
                continue
            # several candidates: the one sharing most actors with the headline, then most name words
            # ("accord spatial" ~ "accord de coopération spatiale"), then the first
            head_actors = {m.key for a, b in spans for m in self.ents.at(a, b) if m.key and not m.key.startswith("agreement/")}
            head_actors |= {f"state/{self.ents.by_key[k].iso3}" for k in head_actors
                            if k in self.ents.by_key and self.ents.by_key[k].iso3}
            stems = lambda label: {lx.fold(w)[:5] for w in re.findall(r"\w{4,}", label)}
            body = list(dict.fromkeys(body))
            target = max(body, key=lambda k: (len(party_of.get(k, set()) & head_actors),
                                              len(stems(self.ents.by_key[k].label) & stems(ent.label)),
                                              -body.index(k)))
            for r in self.relations:
                if r.subject == key:
                    r.subject = target
            seen: set = set()
            self.relations[:] = [r for r in self.relations if not ((r.subject, r.predicate, r.object) in seen
                                                                  or seen.add((r.subject, r.predicate, r.object)))]
            src, dst = self.infos.pop(key, None), self.infos.setdefault(target, AgreementInfo(target))
            if src is not None:
                dst.date, dst.start, dst.end = dst.date or src.date, dst.start or src.start, dst.end or src.end
                dst.events.extend(src.events)
            _merge_into(self.ents, key, target)
            self.ents.by_key[target].mentions.sort(key=lambda m: m.start)

    def _is_backref(self, pos: int) -> bool:
        return any(m.start == pos and m.rule == "agreement.back-reference" for m in self.ents.mentions)

    def _key(self, kind: str, label: str, parties: list[str], named: bool, rest: str = "") -> str:
        if named or not parties:
            base = lx.slug(label)
            return f"agreement/{base}" if named else f"agreement/{base}-{self.doc_id}"
        codes = sorted(p.split("/", 1)[1] for p in parties)
        # "accord de coopération nucléaire" and "accord de soutien logistique" between the same states
        # are two agreements: the head of the name's complement tells them apart
        head = re.match(r"\s*(?:[a-zéèêëàâîïôöûüç-]+\s+)?(?:d[’']|de\s+(?:la\s+|l[’'])?|du\s+|des\s+|sur\s+(?:la\s+|le\s+|l[’']|les\s+)?|pour\s+(?:la\s+|le\s+|l[’'])?)(?P<w>[\wÀ-ÿ-]{3,})", rest)
        numbers = {"un", "une", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze",
                   "quinze", "vingt", "trente", "cinquante", "cent", "mille"}
        topic = f"{lx.slug(head.group('w'))}-" if head and not head.group("w")[0].isdigit() \
            and lx.fold(head.group("w")) not in numbers else ""
        return f"agreement/{kind}-{topic}" + "-".join(lx.slug(c) for c in codes)

    def _mention(self, key, s, e, label, kind, conf, rule, alias=True):
        c = Cand(s, e, label, "Agreement", rule, conf, kind=kind)
        ent = self.ents.by_key.get(key)
        self.ents.add(c, key, "Agreement", label if ent is None else ent.label, kind=kind)
        if not alias and ent is not None:
            ent.forms.discard(label) if lx.fold(label) not in {lx.fold(f) for f in ent.forms - {label}} else None
        self.infos.setdefault(key, AgreementInfo(key))

    def _dates(self, key: str, pos: int, ss: int, se: int, reference: bool = False, end: int | None = None) -> None:
        text = self.text
        info = self.infos.setdefault(key, AgreementInfo(key))
        sent = text[ss:se]
        dates = find_dates(sent, self.ref, offset=ss)
        # the agreement's own participle right after it: "le protocole signé mardi", "la déclaration
        # signée à Khartoum le 23 mars 2015", "l'accord, conclu en 2019," (its date, even in a back reference)
        own = _OWN_SIGN.match(text, end, se) if end is not None else None
        if own and info.date is None:
            d = next((x for x in dates if 0 <= x.start - own.end() < 40
                      and not _END.search(text[max(ss, x.start - 40):x.start])
                      and not re.search(r"[;,]|\b(?:et|qui|mais)\b", text[own.end():x.start])), None)
            if d is not None:
                info.date = d.value
                info.events.append(("signature", d.value, None, Evidence(ss, se, d.start, d.end, "agreement.date", 0.75)))
        # "X et Y ont annoncé jeudi un accord": the day the agreement was announced as reached
        ann = None if end is None or _SIGN.search(sent) else _ANNOUNCED.search(text, ss, pos)
        if ann and ann.end() == pos and info.date is None:
            d = next((x for x in dates if ann.start() < x.start < pos), None)
            if d is not None:
                info.date = d.value
                info.events.append(("signature", d.value, None, Evidence(ss, se, d.start, d.end, "agreement.date", 0.7)))
        # several agreements in one sentence: each takes the dates of its own stretch
        spans = sorted((m.start, m.end, m.key) for m in self.ents.mentions if m.key and m.key.startswith("agreement/")
                       and ss <= m.start < se)
        if len({k for _s, _e, k in spans}) > 1 and not reference:
            def nearest(d):
                return min(spans, key=lambda sp: (d.start - sp[1]) if d.start >= sp[1] else (sp[0] - d.end) * 3)[2]
            dates = [d for d in dates if nearest(d) == key]
        extend = _EXTEND.search(sent)
        # "pour la période 2023-2026", "de 2023 à 2026": start and end
        rng = re.search(r"\b(?:de\s+|entre\s+)?((?:19|20)\d{2})\s*(?:[-–]|à|et)\s*((?:19|20)\d{2})\b", sent)
        if rng and int(rng.group(1)) < int(rng.group(2)):
            info.start = info.start or rng.group(1)
            info.end = info.end or rng.group(2)
            dates = [d for d in dates if d.value not in {rng.group(1), rng.group(2)}]
        for d in dates:
            pre = text[max(ss, d.start - 40):d.start]
            ev = Evidence(ss, se, d.start, d.end, "agreement.date", 0.75)
            if _END.search(pre):
                if extend:
                    info.events.append(("extension", None, d.value, Evidence(ss, se, d.start, d.end, "agreement.extension", 0.7, "reported")))
                if info.end is None:
                    info.end = d.value
            elif _START.search(pre) or (_START_VERB.search(sent) and not _SIGN.search(sent) and re.search(r"\ben\s*$|\bdepuis\s*$|\bdès\s*$", pre)):
                info.start = info.start or d.value
            elif _SIGN.search(sent) and (not reference or re.match(r"[\s«]*(?:Sign|Conclu|Paraph|Ratifi)", sent)) and info.date is None:
                # the date that follows the signing verb ("signé le 27 janvier 1967"), else the nearest
                sv = _SIGN.search(sent)
                svpos = ss + sv.start()
                following = [x for x in dates if 0 <= x.start - svpos < 60 and not _END.search(text[max(ss, x.start - 40):x.start])]
                if following and d is not following[0]:
                    continue
                preceding = [x for x in dates if x.start < svpos]
                if abs(d.start - svpos) < 120 or (not following and preceding and d is preceding[-1]):
                    info.date = d.value
                    info.events.append(("signature", d.value, None, ev))


def find_agreements(doc, text, ents, sentences, ref_date, doc_id):
    return AgreementFinder(doc, text, ents, sentences, ref_date, doc_id).run()
