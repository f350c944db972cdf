"""Finding mentions: state names, institution and group units, named entities, repeated names, affiliations.

Each step is one method of :class:`Finder` and one rule id of the actors
analyzer (``actors.state_name``, ``actors.unit``, ``actors.entity``,
``actors.name_repeat``); the module docstring of :mod:`framing.analyzers.actors`
states the rules.
"""

from __future__ import annotations

from framing.analyzers.actors.draft import POSS_MARKS, POSSESSIVE_PRONOUNS, Draft, is_possessive, trim
from framing.analyzers.actors.names import Tables, acronym, clean_tokens
from framing.schema.sections.actors import Mention

ENTITY_LABELS = {"PERSON", "ORG", "NORP", "GPE"}


class Finder:
    """The mention-finding state of one article: drafts by key, tokens taken, country and unit tokens."""

    def __init__(self, parsed, t: Tables) -> None:
        self.parsed = parsed
        self.doc = parsed.doc
        self.text = parsed.article.text
        self.t = t
        self.drafts: dict[str, Draft] = {}
        self.taken = [False] * len(self.doc)  # tokens already inside a named mention
        self.country_at: dict[int, str] = {}  # token index -> draft key of a country mention
        self.unit_of_token: dict[int, str] = {}  # token index -> draft key of a unit mention
        self.ent_label = [""] * len(self.doc)
        for ent in self.doc.ents:
            for tok in ent:
                self.ent_label[tok.i] = ent.label_

    def draft(self, key: str, name: str, kind: str, plural: bool = False) -> Draft:
        d = self.drafts.get(key)
        if d is None:
            d = self.drafts[key] = Draft(key, name, kind, plural)
        return d

    def add(self, d: Draft, i: int, j: int, rule: str, head: int | None = None) -> Mention | None:
        """Add the (trimmed) token range [i, j) as a named mention of ``d``."""
        doc, text = self.doc, self.text
        i, j = trim(doc, i, j)
        if i >= j:
            return None
        s, e = doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)
        h = head if head is not None else doc[i:j].root.i
        m = Mention(s, e, text[s:e], h, rule, False, is_possessive(doc, h))
        d.mentions.append(m)
        d.forms[m.text] += 1
        return m

    # ------------------------------------------------------------------ 1. state names
    def state_names(self) -> None:
        """``actors.state_name``: lexicon names, case-sensitive on token text; a capital only when it acts."""
        doc, t = self.doc, self.t
        phrases = t.phrases()
        i, n = 0, len(doc)
        while i < n:
            k = self._state_name_at(i, phrases.get(doc[i].text))
            if k:
                i += k
                continue
            tok = doc[i]
            # hyphenated forms such as "anti-American", "US-backed" in one token ("Iran-backed")
            if "-" in tok.text and not self.taken[i]:
                for part in tok.text.split("-"):
                    canon = t.alias_to_country.get(part) if part[:1].isupper() else None
                    if canon:
                        off = tok.idx + tok.text.index(part)
                        d = self.draft("country:" + canon, canon, t.country_kind.get(canon, "country"))
                        d.mentions.append(Mention(off, off + len(part), part, i, "actors.state_name"))
                        d.forms[part] += 1
                        self.country_at[i] = d.key
                        break
            i += 1

    def _state_name_at(self, i: int, cands) -> int:
        """Match a state name starting at token ``i``; the number of tokens taken (0: none)."""
        doc = self.doc
        if not cands or self.ent_label[i] == "PERSON":
            return 0
        for toks, canon, is_cap in cands:
            k = len(toks)
            if tuple(x.text for x in doc[i : i + k]) != toks:
                continue
            root = doc[i : i + k].root
            if is_cap and (self.ent_label[i] in ("FAC", "ORG") or not (
                    root.dep_ in ("nsubj", "nsubjpass", "poss", "agent") or is_possessive(doc, root.i))):
                continue
            d = self.draft("country:" + canon, canon, self.t.country_kind.get(canon, "country"))
            self.add(d, i, i + k, "actors.state_name", head=root.i)
            for x in range(i, i + k):
                self.taken[x] = True
                self.country_at[x] = d.key
            return k
        return 0

    # ------------------------------------------------------------------ 2. units
    def units(self) -> None:
        """``actors.unit``: institution / armed-body / group nouns, affiliated with a modifying state."""
        for tok in self.doc:
            if tok.pos_ not in ("NOUN", "PROPN") or self.taken[tok.i]:
                continue
            entry = self.t.unit_nouns.get(tok.lemma_.lower()) or self.t.unit_nouns.get(tok.lower_)
            if entry is None or tok.dep_ == "compound":  # "government forces": the head noun names the unit
                continue
            self._unit(tok, *entry)

    def _unit(self, tok, ukind: str, canon: str) -> None:
        doc, text = self.doc, self.text
        plural = tok.tag_ in ("NNS", "NNPS") or tok.lower_ in ("police", "people", "military")
        state_key = None
        lo, hi = tok.i, tok.i + 1
        for ch in tok.children:
            if ch.i < tok.i and ch.dep_ in ("compound", "amod", "nmod", "poss") and ch.i in self.country_at:
                state_key = state_key or self.country_at[ch.i]
                lo = min(lo, ch.left_edge.i)
            elif ch.i > tok.i and ch.dep_ == "prep" and ch.lower_ == "of":
                objs = [g for g in ch.children if g.dep_ == "pobj"]
                if objs and objs[0].i in self.country_at and not any(c.dep_ == "conj" for c in objs[0].children):
                    state_key = state_key or self.country_at[objs[0].i]
                    if ch.i == tok.i + 1:
                        hi = max(hi, objs[0].right_edge.i + 1)
        if state_key is None:
            # unmodified: only plural group nouns and capitalised institutions
            if ukind == "group" and plural and canon not in ("people", "leaders", "allies"):
                key, name = "unit::" + canon, canon
            elif (ukind == "government" and tok.text[:1].isupper() and canon in ("parliament", "congress", "senate")
                  and tok.i > 0 and doc[tok.i - 1].is_sent_start is not True):
                key, name = "unit::" + canon, canon.capitalize()
            else:
                return
            d = self.draft(key, name, "group" if ukind == "group" else "government", plural=True)
        else:
            state = self.drafts[state_key].name
            if canon in ("people",) and not plural:
                return
            if canon == "forces" and tok.lemma_.lower() == "force" and not plural:
                return
            key = f"unit:{state}:{canon}"
            if key not in self.drafts:
                # the name: the trimmed surface text of the first mention, e.g. "Iraqi Parliament", "US forces"
                a, b = trim(doc, lo, hi)
                surface = text[doc[a].idx : doc[b - 1].idx + len(doc[b - 1].text)]
                self.draft(key, surface, "group" if ukind == "group" else "government", plural=plural or ukind == "group")
            d = self.drafts[key]
            d.aff_votes[state] += 5
        self.add(d, lo, hi, "actors.unit", head=tok.i)
        self.unit_of_token[tok.i] = d.key

    # ------------------------------------------------------------------ 3. named entities
    def entities(self) -> None:
        """``actors.entity``: spaCy PERSON/ORG/NORP/GPE entities not already taken, titles stripped."""
        for ent in self.doc.ents:
            if ent.label_ in ENTITY_LABELS:
                self._entity(ent)

    def _entity(self, ent) -> None:
        doc, text, t, taken = self.doc, self.text, self.t, self.taken
        start = ent.start  # split on an internal possessive: "Iran's Quds Force"
        for x in ent:
            if x.text in POSS_MARKS and x.i > ent.start:
                start = x.i + 1
        i, j = trim(doc, start, ent.end)
        if i >= j or any(taken[x] for x in range(i, j)) or any(x in self.unit_of_token for x in range(i, j)):
            return
        words = [doc[x].text for x in range(i, j)]
        if any("/" in w for w in words):
            return  # "Baghdadi/Soleimani": two names glued by a slash
        stripped = t.strip_titles(words)
        if len(stripped) == len(words) and words and words[0].lower() in t.titles and len(words) == 1:
            return
        if all(w.lower() in t.titles or not any(c.isalnum() for c in w)
               or ("-" in w and all(p.lower() in t.titles for p in w.split("-"))) for w in words):
            return  # a bare title tagged as an entity ("Major-General")
        label = ent.label_
        root = doc[i:j].root
        if (label in ("NORP", "ORG") and root.dep_ == "compound" and root.head.pos_ == "PROPN" and root.head.i >= j
                and all(doc[x].pos_ == "PROPN" and not taken[x] for x in range(j, root.head.i + 1))):
            j = root.head.i + 1  # "Communist Ghadar Party": the name continues past the entity
            words = [doc[x].text for x in range(i, j)]
            stripped = t.strip_titles(words)
            label = "ORG"
        elif label == "NORP" and (root.pos_ == "ADJ" or root.dep_ in ("amod", "compound")):
            return  # an adjective ("West Asian region") describes, it does not name an actor
        i = j - len(stripped)
        surface = text[doc[i].idx : doc[j - 1].idx + len(doc[j - 1].text)]
        if label == "PERSON":
            d = self.draft("person:" + surface, surface, "person")
        elif label == "ORG":
            d = self.draft("org:" + surface.lower(), surface, "organisation")
        elif label == "NORP":
            d = self.draft("group:" + surface.lower().rstrip("s"), surface, "group", plural=True)
        else:  # GPE not in the lexicon: a city or region; an actor only if it acts
            if doc[i:j].root.dep_ not in ("nsubj", "nsubjpass", "agent"):
                return
            d = self.draft("place:" + surface.lower(), surface, "government")
        if self.add(d, i, j, "actors.entity") is not None:
            for x in range(i, j):
                taken[x] = True

    # ------------------------------------------------------------------ 5. repeated names
    def name_repeats(self) -> None:
        """``actors.name_repeat``: proper nouns (or capitalised words the tagger read as common nouns: "Trump is")
        repeating a known surname or acronym that the NER missed."""
        key_by_word: dict[str, str] = {}
        for d in self.drafts.values():
            if d.kind == "person":
                for f in d.forms:
                    toks = self.t.strip_titles(clean_tokens(f.split()))
                    if toks:
                        key_by_word.setdefault(toks[-1], d.key)
            elif d.kind == "organisation":
                acr = acronym(d.name)
                if len(acr) >= 3:
                    key_by_word.setdefault(acr, d.key)
        for tok in self.doc:
            if ((tok.pos_ in ("PROPN", "NOUN") or tok.text.isupper()) and tok.text[:1].isupper() and not self.taken[tok.i]
                    and tok.text in key_by_word
                    and tok.i not in self.country_at):
                self.add(self.drafts[key_by_word[tok.text]], tok.i, tok.i + 1, "actors.name_repeat", head=tok.i)
                self.taken[tok.i] = True

    # ------------------------------------------------------------------ 7. affiliations
    def affiliations(self) -> None:
        """Affiliation votes of persons, organisations and groups from their own noun phrases."""
        for d in self.drafts.values():
            if d.kind in ("person", "organisation", "group"):
                for m in d.mentions:
                    self._vote_affiliation(m, d)

    def _vote_affiliation(self, m: Mention, d: Draft) -> None:
        doc, country_at, drafts = self.doc, self.country_at, self.drafts
        head = doc[m.head]
        # left modifiers inside the noun phrase (including the title chain "US President Donald Trump")
        for x in range(head.left_edge.i, head.i):
            if x in country_at and doc[x].dep_ in ("compound", "amod", "nmod", "poss"):
                ck = country_at[x]
                if ck in drafts and drafts[ck].name != d.name:
                    d.aff_votes[drafts[ck].name] += 1
        for ch in head.children:
            if ch.dep_ == "prep" and ch.lower_ == "of":
                for g in ch.children:
                    if g.dep_ != "pobj":
                        continue
                    if g.i in country_at and country_at[g.i] in drafts:
                        d.aff_votes[drafts[country_at[g.i]].name] += 1
                    elif g.i in self.unit_of_token and self.unit_of_token[g.i] in drafts:
                        d.aff_units[self.unit_of_token[g.i]] += 1
            if ch.dep_ == "appos" and ch.i in country_at and country_at[ch.i] in drafts:
                d.aff_votes[drafts[country_at[ch.i]].name] += 1


__all__ = ["ENTITY_LABELS", "POSSESSIVE_PRONOUNS", "Finder"]
