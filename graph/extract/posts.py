"""Posts (who holds which post where) and agencies of states.

Pattern families, all on the text around resolved mentions, sentence by sentence:

- title before the name: "le président allemand Frank-Walter Steinmeier", "le sénateur X";
- apposition before the name: "Le ministre russe des Affaires étrangères, X,";
- apposition after the name: "X, l'ambassadeur de Chine aux États-Unis,";
  "X, responsable du renseignement à la DIA,"; "X (porte-parole du Kremlin)";
- relative clause: "X, qui copréside le Caucus du Sénat";
- agencies of states: state adjectives and complements in agency names and
  descriptors ("l'agence spatiale russe", "... de la Chine"), gazetteer states.
"""
from __future__ import annotations

import re

from graph.extract import lexicon as lx
from graph.extract.nlp import sentence_at
from graph.extract.entities import Cand, DocEntities, _Matchers, _state_of_adj
from graph.types import Evidence, Relation

_W = r"[\wéèêëàâîïôöûüçÉÈÊÀÂÎÔÛÇ’'-]"
_TITLE_ADJ = r"(?:(?:ancien(?:ne)?|nouve(?:au|l|lle)|actuel(?:le)?|futur(?:e)?|ex-|haut(?:e)?|premier|première|puissant(?:e)?|influent(?:e)?|charismatique|controvers[ée](?:e)?|vice-)\s*)?"
_HEADS = sorted(lx.TITLE_HEADS, key=len, reverse=True)


# a title in apposition after a name: "X, l'ambassadeur de Chine aux États-Unis," / "X (porte-parole de Y)";
# it ends at a comma, a bracket, a semicolon, a full stop or a dash separator (bylines: "X, correspondant – Publié le")
_APPOS_AFTER = re.compile(r"\s*(?:,|\()\s*(?P<title>(?:(?:l[’']|le|la|les|un|une|ancien|ancienne|actuel|actuelle)\s*)?[^,;«»()\n]{2,160}?)"
                          r"\s*(?:,|\(|\)|;|$|\.(?:\s|$)|\s[–—|-]\s)")
_DET_RE = re.compile(r"^(?:(?:l'|le |la |les |un |une |son |sa |ses |leur |du |au |des |aux )\s*)")
_ADJ_RE = re.compile(r"^" + lx.fold(_TITLE_ADJ))
_ADJ2_RE = re.compile(r"^(?:ancien(?:ne)?|nouveau|nouvel(?:le)?|actuel(?:le)?|futur(?:e)?|ex-|haut(?:e)?|vice-)\s*")
_FOLDED_HEADS = [lx.fold(h) for h in _HEADS]
_FOLDED_OFFICE = {lx.fold(h) for h in lx.OFFICE_HEADS}


# a sentence opening with a title as its subject: "Et la présidente du Conseil italien n'en est pas ..."
_ANAPHORIC_TITLE = re.compile(
    r"\s*(?:(?:Et|Mais|Or|Puis|Ensuite|Depuis|Désormais|Dès\s+lors)\s*,?\s+)?(?P<t>(?:[Ll]e|[Ll]a|[Ll][’'])\s*[^,;:«»()]{3,80}?)"
    r"\s+(?:a|avait|aura|est|était|sera|n[’']|ne|s[’']|se|va|vient|doit|devait|veut|voulait|entend|compte|fut)\b")


def _head_of(title: str) -> str | None:
    """The folded title head word a phrase starts with ("le président russe" -> "president")."""
    f = _DET_RE.sub("", lx.fold(title))
    f = _ADJ_RE.sub("", f)
    f = _ADJ2_RE.sub("", f)
    for hf in _FOLDED_HEADS:
        if f == hf or f.startswith(hf + " ") or f.startswith(hf + ","):
            return hf
    return None


def _ev(sent, start: int, end: int, rule: str, conf: float, modality: str = "asserted") -> Evidence:
    return Evidence(sent[0], sent[1], start, end, rule, conf, modality)


class PostFinder:
    def __init__(self, text: str, ents: DocEntities, sentences: list[tuple[int, int]], cands: list[Cand]):
        self.text = text
        self.ents = ents
        self.sentences = sentences
        self.posts = [c for c in cands if c.extra.get("post")]
        self.relations: list[Relation] = []
        self._seen: set[tuple[str, str, str]] = set()

    def _sent_of(self, pos: int) -> tuple[int, int]:
        return sentence_at(self.sentences, pos, default=(0, len(self.text)))

    def _emit(self, s: str, p: str, o: str, ev: Evidence, role: str | None = None, implicit: bool = False) -> None:
        if s == o or (s, p, o) in self._seen:
            for r in self.relations:
                if (r.subject, r.predicate, r.object) == (s, p, o) and role and not r.role:
                    r.role = role
            return
        self._seen.add((s, p, o))
        self.relations.append(Relation(s, p, o, ev, role=role, implicit=implicit))

    # -- title analysis ----------------------------------------------------
    def analyse_title(self, start: int, end: int, anchor: Cand) -> tuple[str | None, str | None, str]:
        """(organisation key, state key, role label) for a title phrase text[start:end]."""
        text = self.text
        title = text[start:end]
        org = state = None
        # a ministry post ("ministre russe des Affaires étrangères")
        for pc in self.posts:
            if start <= pc.start < end:
                # "le ministre russe des Affaires étrangères": the ministry is an entity only when
                # the article names it ("le ministère russe des Affaires étrangères"); otherwise the
                # post ties the person to the state
                e = self.ents.by_key.get(pc.key)
                if e is not None and e.mentions:
                    org = e.key
                    port = pc.extra.get("portfolio")
                    if port:
                        e.forms.add(port)
                if pc.iso3:
                    state = f"state/{pc.iso3}"
                    self.ents.ensure_state(pc.iso3)
                break
        org_from_title = False
        # "son président X", "Sa présidente, X": the organisation just named
        possessive = False
        if re.match(r"\s*(?:[Ss]on|[Ss]a|[Ll]eur)\s+(?:pr[ée]sidente?|directeur|directrice|pdg|patron|patronne|cheff?e?|dirigeante?|porte-parole|secr[ée]taire\s+g[ée]n[ée]ral)", title, re.IGNORECASE) and org is None:
            # the body the sentence (or the one before) is about: its first organisation
            ss, _se = self._sent_of(start)
            def bodies(lo, hi):
                return [m for m in self.ents.at(lo, hi) if self.ents.by_key[m.key].type == "Agency"
                        and self.ents.by_key[m.key].kind not in {"media", "state-media"}]
            here = bodies(ss, start)
            if not here:
                prev = [sp for sp in self.sentences if sp[1] <= ss]
                if prev:
                    here = bodies(prev[-1][0], ss)
            if here:
                org = here[0].key
                possessive = True
        for m in self.ents.at(start, end):
            if m.key is None:
                continue
            e = self.ents.by_key[m.key]
            before = text[max(start, m.start - 10):m.start]
            if e.type == "Agency" and (org is None or org_from_title or possessive):
                if re.search(r"(?:\bà|\baux|\bau|\bauprès\s+de|\bauprès\s+des|\bauprès\s+du)\s*(?:la\s+|l[’']|le\s+|les\s+)?$", text[max(start, m.start - 16):m.start]) \
                        and re.search(r"ambassad|repr[ée]sentant|envoy|d[ée]l[ée]gu|observat", lx.fold(title)):
                    continue  # "ambassadrice des États-Unis aux Nations unies": where, not whose
                org = e.key
                org_from_title = True
                possessive = False
            elif e.type == "State":
                if re.search(r"(?:\bà|\baux|\bau|\ben|\bauprès\s+de|\bauprès\s+des|\bpour|\bsur|\bcontre|\bvers)\s*$", before):
                    continue  # "ambassadeur ... aux États-Unis": where, not whose
                state = state or e.key
        # a title that names its body ("commissaire européenne"), when the article names the body too
        if org is None:
            ft = _DET_RE.sub("", lx.fold(title))
            for start_words, key in lx.TITLE_BODIES.items():
                body = f"agency/{key}"
                if ft.startswith(start_words) and body in self.ents.by_key and self.ents.by_key[body].mentions:
                    org = body
                    break
        if state is None:
            ft = _DET_RE.sub("", lx.fold(title))
            for words, iso in lx.TITLE_STATES.items():
                if ft.startswith(words):
                    state = f"state/{iso}"
                    self.ents.ensure_state(iso)
        if state is None and (org is None or (self.ents.by_key[org].kind == "ministry" and not self.ents.by_key[org].iso3)):
            # "À Abou Dhabi, le ministre de la Justice, X": the capital opening the sentence says whose
            ss, _se = self._sent_of(start)
            cap = re.match(r"\s*(?:À|A|Depuis|De)\s+(?P<cap>[A-ZÉÈÊÀÂÎÔÛÇ][\w’'-]+(?:[\s-][A-ZÉÈÊÀÂÎÔÛÇ][\w’'-]+)*)\s*,", text[ss:start])
            iso = _Matchers.get().states.lookup_capital(cap.group("cap")) if cap else None
            if iso:
                state = f"state/{iso}"
                self.ents.ensure_state(iso)
        # state adjectives ("russe", "chinois")
        role_words = []
        for w in re.findall(r"[\wéèêëàâîïôöûüçÉÈÊÀÂÎÔÛÇ-]+|[’']|\S", title):
            iso = _state_of_adj(w) if w[:1].islower() else None
            if iso:
                if state is None:
                    state = f"state/{iso}"
                    wpos = text.find(w, start, end)
                    self.ents.ensure_state(iso, Cand(wpos, wpos + len(w), w, "State", "pattern.state-adjective", 0.8, iso3=iso))
                continue
            role_words.append(w)
        role = re.sub(r"\s+([’'])\s*", r"\1", " ".join(role_words))
        role = re.sub(r"\s+([,.])", r"\1", role).strip(" ,")
        role = re.sub(r"^(?:l[’']|le |la |les |un |une |du |au |des |aux |son |sa |ses |leur )", "", role, flags=re.IGNORECASE)
        # drop the organisation / state complement from the role when it ends it
        return org, state, role

    def _affiliate(self, person: Cand, tstart: int, tend: int, rule: str, conf: float) -> bool:
        """Emit the affiliations a title phrase gives; True if it named an organisation or state."""
        head = _head_of(self.text[tstart:tend])
        if head is None:
            return False
        # a title that holds another person's name describes that person, not this one
        if any(self.ents.by_key[m.key].type == "Person" and m.key != person.key for m in self.ents.at(tstart, tend)):
            return False
        org, state, role = self.analyse_title(tstart, tend, person)
        sent = self._sent_of(person.start)
        ev = _ev(sent, min(tstart, person.start), max(tend, person.end), rule, conf)
        office = head in _FOLDED_OFFICE
        if org:
            self._emit(person.key, "affiliatedWith", org, ev, role=role)
            # "commissaire européen au Commerce": a member of the Commission, named as the Union's
            if re.match(r"commissaire\s+europ[ée]enn?e?", lx.fold(role or "")) and "agency/eu" in self.ents.by_key \
                    and self.ents.by_key["agency/eu"].mentions:
                self._emit(person.key, "affiliatedWith", "agency/eu", ev, role=role)
        if state and (office or not org):
            self._emit(person.key, "affiliatedWith", state, ev, role=role if not org else None, implicit=bool(org))
        if org and state:
            e = self.ents.by_key[org]
            if e.kind in lx.PUBLIC_KINDS or e.kind is None:
                self._emit(org, "partOf", state, ev)
        if not org and not state and role:
            self._roles_only.append((person.key, role, ev))
        return bool(org or state)

    def _apposition_before(self, m: Cand, before: str, ss: int) -> bool:
        """"Le ministre russe des Affaires étrangères, X": the nearest determiner that starts a title."""
        # (an acronym may follow the title's organisation: "Le directeur de l'Agence spatiale européenne (ESA), X")
        b = re.search(r"(?P<phrase>[^,;:«»()\n]{2,160}?)(?:\s*\([A-Z][\w&.-]{1,15}\))?\s*,\s*$", before)
        if not b:
            return False
        # "Le ministre ivoirien de la Santé, de l'Hygiène publique et de la Couverture maladie, X":
        # a portfolio listed with commas continues the title of the chunk before
        chunks = [b]
        while re.match(r"\s*(?:de|d[’']|du|des|à|aux?|et)\b", chunks[-1].group("phrase")) and len(chunks) < 4:
            prev = re.search(r"(?P<phrase>[^,;:«»()\n]{2,160}?)\s*,\s*$", before[:chunks[-1].start("phrase")])
            if not prev:
                break
            chunks.append(prev)
        for b in chunks:
            phrase = before[b.start("phrase"):chunks[0].end("phrase")]
            for mm in reversed(list(re.finditer(r"(?:^|(?<=[\s’']))(?:[Ll]e|[Ll]a|[Ll][’']|[Ll]es|[Uu]n|[Uu]ne|[Ss]on|[Ss]a|[Ll]eur|[Dd]u|[Aa]u|[Dd]es|[Aa]ux)(?=[\s’'])|(?:^|(?<=\s))(?:[Ll]’|[Ll]')", phrase))):
                title = phrase[mm.start():]
                if _head_of(title):
                    start = ss + b.start("phrase") + mm.start()
                    return self._affiliate(m, start, ss + chunks[0].end("phrase"), "post.apposition-before", 0.85)
            # "Candidat malheureux de l'APC, X": a title opening the sentence needs no determiner
            lead = len(phrase) - len(phrase.lstrip())
            if before[:b.start("phrase") + lead].strip() == "" and phrase.lstrip()[:1].isupper() and _head_of(phrase.lstrip()):
                return self._affiliate(m, ss + b.start("phrase") + lead, ss + chunks[0].end("phrase"), "post.apposition-before", 0.8)
            if b is chunks[0] and len(chunks) == 1:
                break
        return False

    # -- the four families ---------------------------------------------------
    def run(self) -> list[Relation]:
        self._roles_only: list = []
        text = self.text
        for m in self.ents.mentions:
            if m.key is None or self.ents.by_key[m.key].type != "Person":
                continue
            ss, se = self._sent_of(m.start)
            before = text[ss:m.start]
            after = text[m.end:se]
            # apposition before: "Le ministre russe des Affaires étrangères, X,"
            if self._apposition_before(m, before, ss):
                continue
            # title right before the name: "le président allemand Frank-Walter Steinmeier"
            b = re.search(r"(?:^|(?<=[\s,;:(«]))(?P<title>(?:(?:[Ll]e|[Ll]a|[Ll][’']|[Dd]u|[Aa]u|[Dd]e\s+l[’']|[Dd]e\s+la|[Dd]es|[Aa]ux|[Ll]es|[Ss]on|[Ss]a|[Ll]eur)\s*)?"
                          r"[^,;:«»()\n.]{2,90}?)\s+$", before)
            if b:
                title = b.group("title")
                # keep the shortest suffix of the phrase that starts with a determiner + title head
                best = None
                for mm in reversed(list(re.finditer(r"(?:^|(?<=\s))(?:[Ll]e|[Ll]a|[Ll][’']|[Dd]u|[Aa]u|[Dd]es|[Aa]ux|[Ll]es|[Ss]on|[Ss]a|[Ll]eur)(?=[\s’'])", title))):
                    cand = title[mm.start():]
                    if _head_of(cand):
                        best = mm.start()
                        break
                if best is not None:
                    tstart = ss + b.start("title") + best
                    if self._affiliate(m, tstart, m.start, "post.title-before-name", 0.85):
                        # "le président nigérian Bola Tinubu, président en exercice de la Cédéao": a second post
                        a = _APPOS_AFTER.match(after)
                        if a and _head_of(a.group("title")):
                            self._affiliate(m, m.end + a.start("title"), m.end + a.end("title"), "post.apposition-after", 0.8)
                        continue
                    # "Le commandant de l'armée de l'air polonaise, le général X": the apposition before the title
                    if self._apposition_before(m, text[ss:tstart], ss):
                        continue
            # apposition after: "X, l'ambassadeur de Chine aux États-Unis,"  /  "X (porte-parole de Y)"
            a = _APPOS_AFTER.match(after)
            if a and _head_of(a.group("title")):
                if self._affiliate(m, m.end + a.start("title"), m.end + a.end("title"), "post.apposition-after", 0.8):
                    continue
            # relative clause: "X, qui copréside le Caucus du Sénat"
            r = re.match(r"\s*,\s*qui\s+(?:est\s+(?P<title>[^,;«»()\n]{2,120})|(?P<verb>[\wéèêëàâîïôöûüç-]+)\s+(?P<obj>[^,;«»()\n]{2,120}))", after)
            if r:
                if r.group("title") and _head_of(r.group("title")):
                    if self._affiliate(m, m.end + r.start("title"), m.end + r.end("title"), "post.relative-is", 0.75):
                        continue
                if r.group("verb"):
                    verb = lx.fold(r.group("verb"))
                    role = None
                    for stem, noun in (("copresid", "coprésident"), ("presid", "président"), ("dirig", "dirigeant"),
                                       ("command", "commandant"), ("represent", "représentant"), ("gouvern", "dirigeant"),
                                       ("administr", "administrateur"), ("pilot", "responsable"), ("supervis", "responsable")):
                        if verb.startswith(stem):
                            role = noun
                            break
                    if role:
                        ostart = m.end + r.start("obj")
                        oend = m.end + r.end("obj")
                        for om in self.ents.at(ostart, oend):
                            e = self.ents.by_key[om.key]
                            if e.type in {"Agency", "State"}:
                                self._emit(m.key, "affiliatedWith", e.key,
                                           _ev((ss, se), m.start, oend, "post.relative-clause", 0.75), role=role)
                                break
        self._led_by()
        self._anaphoric_titles()
        self._heads_of_the_dominant_state()
        self._agencies_of_states()
        return self.relations

    def _anaphoric_titles(self) -> None:
        """"Giorgia Meloni a choisi l'Algérie ... Et la présidente du Conseil italien n'en est pas
        repartie les mains vides.": a sentence whose subject is a title with no name stands for the one
        person of the sentence before (only when that sentence names exactly one person, and this one
        names nobody before its verb)."""
        text = self.text
        persons = sorted((m for m in self.ents.mentions if m.key and self.ents.by_key[m.key].type == "Person"),
                         key=lambda m: m.start)
        affiliated = {r.subject for r in self.relations if r.predicate == "affiliatedWith"}
        for (ps, pe), (ss, se) in zip(self.sentences, self.sentences[1:]):
            x = _ANAPHORIC_TITLE.match(text, ss, se)
            if not x or not _head_of(x.group("t")):
                continue
            before = [m for m in persons if ps <= m.start < pe]
            if len({m.key for m in before}) != 1 or any(ss <= m.start < x.end() for m in persons):
                continue
            if before[0].key in affiliated:
                continue  # already has a post: the title may be someone else's
            self._affiliate(before[0], x.start("t"), x.end("t"), "post.anaphoric-title", 0.6)

    def _heads_of_the_dominant_state(self) -> None:
        """"la réélection du président X", "le président X a salué": a head of state or government
        named without a state holds that post in the state the article is about, when one state
        clearly dominates it (at least twice as many mentions as any other, and three or more)."""
        if not self._roles_only:
            return
        state = self.ents.dominant_state()
        if state is None:
            return
        affiliated = {r.subject for r in self.relations if r.predicate == "affiliatedWith"}
        for person, role, ev in self._roles_only:
            if person in affiliated or not re.fullmatch(
                    r"(?:pr[ée]sidente?|chef\s+de\s+l[’']\s*[ée]tat|premi[èe]re?\s+ministre|roi|reine|[ée]mir|chanceli[èe]re?|"
                    r"vice-pr[ée]sidente?)", lx.fold(role).strip()):
                continue
            affiliated.add(person)
            self._emit(person, "affiliatedWith", state, Evidence(ev.sent_start, ev.sent_end, ev.start, ev.end,
                                                                 "post.head-of-dominant-state", 0.55), role=role)

    def _led_by(self) -> None:
        """"la BCE, présidée par Christine Lagarde" and "SpaceX, l'entreprise d'Elon Musk"."""
        text = self.text
        for m in self.ents.mentions:
            if m.key is None or self.ents.by_key[m.key].type != "Agency":
                continue
            ss, se = self._sent_of(m.start)
            after = text[m.end:se]
            x = re.match(r"\s*(?:\([^)]{1,30}\)\s*)?,\s*(?P<verb>pr[ée]sid[ée]e?s?|dirig[ée]e?s?|men[ée]e?s?|command[ée]e?s?|fond[ée]e?s?|d[ée]tenue?s?|conduite?s?)\s+(?:(?:depuis|en)\s+\S+\s+)?par\s+", after) \
                or re.match(r"\s*,\s*(?:l[’']|la\s+|le\s+)(?:entreprise|soci[ée]t[ée]|groupe|firme|compagnie|banque|fondation|parti|cha[iî]ne|journal)\s+(?:de\s+|d[’'])", after)
            if not x:
                continue
            lo = m.end + x.end()
            for pm in self.ents.at(lo, min(se, lo + 60)):
                if self.ents.by_key[pm.key].type == "Person" and pm.start - lo < 25:
                    verb = x.groupdict().get("verb") or ""
                    role = {"presid": "président", "dirig": "dirigeant", "comman": "commandant", "fond": "fondateur",
                            "deten": "propriétaire", "men": "dirigeant", "condu": "dirigeant"}
                    rl = next((v for k, v in role.items() if lx.fold(verb).startswith(k)), "dirigeant")
                    self._emit(pm.key, "affiliatedWith", m.key,
                               _ev((ss, se), m.start, pm.end, "post.led-by", 0.75), role=rl)
                break

    def _agencies_of_states(self) -> None:
        text = self.text
        st = _Matchers.get().states
        orgs = _Matchers.get().orgs
        for e in list(self.ents.by_key.values()):
            if e.type != "Agency":
                continue
            first = e.mentions[0] if e.mentions else None
            if first is None:
                continue
            # an organ of an organisation the article also names ("la Commission européenne" and "l'UE")
            try:
                entry = orgs.get(e.key.split("/", 1)[1])
            except KeyError:
                entry = None
            parent = getattr(entry, "parent", None) if entry is not None else None
            if parent and f"agency/{parent}" in self.ents.by_key and self.ents.by_key[f"agency/{parent}"].mentions:
                self._emit(e.key, "partOf", f"agency/{parent}",
                           _ev(self._sent_of(first.start), first.start, first.end, "partof.gazetteer-parent", 0.8))
            sent = self._sent_of(first.start)
            iso = e.iso3
            rule, conf = "partof.gazetteer-or-descriptor", 0.85
            if iso is None:
                # "Administration nationale de l'espace de la Chine", "Banque centrale de Russie", "armée russe"
                for mc in e.mentions:
                    mm = re.search(r"\s(?:de\s+la|de\s+l[’']|du|des|de|d[’'])\s*(?P<st>[A-ZÉÈÊÀÂÎÔÛÇ][^\s,.;]*(?:[\s-][A-ZÉÈÊÀÂÎÔÛÇ][^\s,.;]*)*)$", mc.text)
                    if mm and st.lookup_name(mm.group("st")):
                        iso = st.lookup_name(mm.group("st"))
                        rule, conf, first = "partof.state-complement", 0.8, mc
                        break
                    words = mc.text.split()
                    if len(words) >= 2 and words[-1][:1].islower():
                        iso2 = _state_of_adj(words[-1])
                        if iso2:
                            iso, rule, conf, first = iso2, "partof.state-adjective", 0.8, mc
                            break
            if iso is None:
                # "l'agence spatiale russe X" seen in the text before a mention
                for mc in e.mentions:
                    window = text[max(0, mc.start - 60):mc.start]
                    mm = re.search(r"(?:agence|m[ée]dia|cha[iî]ne|service|administration|office|banque|arm[ée]e|journal|quotidien)[^,.;:«»]{0,30}?\s(?P<adj>[a-zéèêëàâîïôöûüç-]+)\s+$", window)
                    if mm and _state_of_adj(mm.group("adj")):
                        iso, rule, conf, first = _state_of_adj(mm.group("adj")), "partof.descriptor-adjective", 0.8, mc
                        break
            if iso is None:
                # "Agence mauritanienne d'information", "Institut mauritanien de recherches ...": the
                # state's adjective right after the head of the name
                words = e.label.split()
                if len(words) >= 3 and lx.fold(words[0]) in lx.AGENCY_NAME_HEADS and words[1][:1].islower():
                    iso2 = _state_of_adj(words[1])
                    if iso2:
                        iso, rule, conf = iso2, "partof.name-adjective", 0.75
            if iso is None:
                continue
            kind = e.kind
            # "la compagnie nationale algérienne X", "le chantier naval public indonésien X",
            # "l'agence de presse indonésienne X" (news agencies of a state are its own)
            described = " ".join(lx.fold(mc.extra.get("descriptor", "")) for mc in e.mentions)
            public = bool(re.search(r"\b(?:public|publique|national|nationale|d'etat|etatique|officiel|officielle|gouvernemental)\b", described)) \
                or bool(re.search(r"\bagence\s+de\s+presse\b", described))
            if kind is not None and kind not in lx.PUBLIC_KINDS and not public:
                continue
            if kind is None and not any(lx.fold(w) in lx.AGENCY_NAME_HEADS for w in e.label.split()[:2]):
                continue
            self.ents.ensure_state(iso)
            sent = self._sent_of(first.start)
            self._emit(e.key, "partOf", f"state/{iso}", _ev(sent, first.start, first.end, rule, conf))


def find_posts(text, ents, sentences, cands) -> list[Relation]:
    return PostFinder(text, ents, sentences, cands).run()
