#!/usr/bin/env python3
"""Check dev gold files: JSON loads, ids unique, references exist, every alias occurs in the
article's visible text (HTML: <article> body text + <title>), quote_starts occur in the text."""
import json, re, sys, html, glob, os
from html.parser import HTMLParser

ROOT = os.path.dirname(os.path.abspath(__file__))

class Vis(HTMLParser):
    def __init__(self):
        super().__init__(); self.depth = 0; self.skip = 0; self.out = []; self.title = False; self.titles = []
    def handle_starttag(self, tag, attrs):
        if tag == "article": self.depth += 1
        if tag in ("script", "style"): self.skip += 1
        if tag == "title": self.title = True
    def handle_endtag(self, tag):
        if tag == "article": self.depth -= 1
        if tag in ("script", "style"): self.skip -= 1
        if tag == "title": self.title = False
        if tag in ("p", "h1", "h2", "h3", "li", "blockquote", "div", "figcaption", "time", "span", "a"): self.out.append(" ")
    def handle_data(self, data):
        if self.title: self.titles.append(data)
        if self.depth > 0 and not self.skip: self.out.append(data)

def norm(s):
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u00a0", " ").replace("\u202f", " ")
    return re.sub(r"\s+", " ", s)

def visible(path):
    raw = open(path, encoding="utf-8").read()
    if path.endswith((".html", ".htm")):
        v = Vis(); v.feed(raw)
        return norm(" ".join(v.titles) + " \n " + "".join(v.out))
    return norm(raw)

tot = {"entities": 0, "required_entities": 0, "relations": 0, "statements": 0, "dates": 0}
bad = 0
for g in sorted(glob.glob(os.path.join(ROOT, "gold", "*.json"))):
    d = json.load(open(g, encoding="utf-8"))
    doc = os.path.join(ROOT, "..", "..", "..", d["document"])
    doc = os.path.normpath(os.path.join(ROOT, "articles", os.path.basename(d["document"])))
    text = visible(doc)
    errs = []
    ids = [e["id"] for e in d["entities"]]
    if len(ids) != len(set(ids)): errs.append(f"duplicate ids {[i for i in ids if ids.count(i) > 1]}")
    seen = {}
    for e in d["entities"]:
        if not e.get("optional") and e.get("type") not in ("Person", "State", "Agency", "Agreement"):
            errs.append(f"bad type {e}")
        for a in e["aliases"]:
            if norm(a) not in text: errs.append(f"alias not in text: {e['id']}: {a!r}")
            k = norm(a).casefold()
            if k in seen and seen[k] != e["id"]: errs.append(f"alias shared {a!r}: {seen[k]} / {e['id']}")
            seen[k] = e["id"]
    for n in d.get("negatives", []):
        if n.casefold() in seen: errs.append(f"negative is an alias: {n}")
    idset = set(ids)
    for r in d["relations"]:
        if r["s"] not in idset or r["o"] not in idset: errs.append(f"bad relation ref {r}")
        if r["p"] not in ("affiliatedWith", "partOf", "party"): errs.append(f"bad predicate {r}")
    keys = [(r["s"], r["p"], r["o"]) for r in d["relations"]]
    if len(keys) != len(set(keys)): errs.append("duplicate relation")
    for s in d.get("statements", []):
        if s["speaker"] not in idset: errs.append(f"bad speaker {s}")
        if norm(s["quote_starts"]) not in text: errs.append(f"quote not in text: {s['quote_starts']!r}")
    for x in d.get("agreement_dates", []):
        if x["agreement"] not in idset: errs.append(f"bad date ref {x}")
    if d.get("published") and d["published"] not in os.path.basename(doc): errs.append("published != file date")
    tot["entities"] += len(d["entities"]); tot["required_entities"] += sum(not e.get("optional") for e in d["entities"])
    tot["relations"] += len(d["relations"]); tot["statements"] += len(d.get("statements", [])); tot["dates"] += len(d.get("agreement_dates", []))
    words = len(re.sub(r"<[^>]+>", " ", text).split())
    print(f"{os.path.basename(g)}: {len(d['entities'])} ent, {len(d['relations'])} rel, {len(d.get('statements', []))} stm, ~{words} words", "OK" if not errs else "")
    for e in errs: print("   ", e); bad += 1
print(tot)
sys.exit(1 if bad else 0)
