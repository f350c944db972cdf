# %% [markdown] tags=["key"]
# > **TEACHER'S KEY — do not hand this version out.**
# > It is the student notebook with answers added after each exercise (cells starting with 🔑).
# > The student version is the file without `_key` in its name.

# %% [markdown] tags=["goals"]
# # Lesson 2 — Who speaks? Quotes, reporting verbs and hidden sources
#
# *About 40 minutes.*
#
# ## Learning goals
# By the end of this lesson you can:
# - tell a **direct quote** (the speaker's exact words) from **reported speech** (the reporter's summary of them);
# - explain how the **reporting verb** — *said*, *claimed*, *admitted*, *revealed*, *slammed* — colours a quote;
# - recognise **anonymous sources** and **vague attributions** ("critics say", "many believe") and judge when they are acceptable;
# - find **unattributed claims**: statements the author makes with no source at all;
# - describe *whose* voices a story includes and whose it leaves out.

# %% tags=["install"]
# Setup. In Google Colab or VS Code, run this cell first: it installs framing (and its English spaCy model) when it
# is missing. In a checkout of the repository it does nothing. The development version installs from the git
# repository instead: %pip install "framing-analyzer @ git+<repository URL>"
import importlib.util

if importlib.util.find_spec("framing") is None:
    get_ipython().run_line_magic("pip", "install -q framing-analyzer")

# %% [markdown]
# ## 1. Why it matters who speaks
#
# A news story is built from other people's words. The reporter decides
#
# * **who** is quoted at all, and who gets the first and the last word;
# * **how much** each speaker gets;
# * **how** each quote is introduced. Compare:
#
# | verb | what it suggests | class in framing |
# |---|---|---|
# | *said*, *stated*, *announced* | nothing: a plain report | neutral |
# | *revealed*, *confirmed*, *pointed out* | the statement is true | endorsing |
# | *claimed*, *alleged*, *insisted* | the statement may not be true | distancing |
# | *boasted*, *slammed*, *ranted* | judges the speaker's manner | loaded |
#
# * and whether the source is **named**, **anonymous** ("a senior official"), **vague** ("critics", "many", "the whole
#   world"), or **missing** — the author simply asserts it.

# %%
# Setup: run this cell first (Shift+Enter). It loads framing and two small display helpers.
import framing
from framing.widgets import summary, table

print("framing", framing.__version__, "is ready")

# %%
TITLE = "Velmora vows response as Kestria defends border strike"
TEXT = """Velmora's president promised on Monday to respond to the drone strike that killed General Teodor Vashti, as Kestria insisted that the attack had been necessary.

"The blood of our soldiers will not be forgotten," President Mirela Santov said in a speech to the Velmoran Assembly.

Kestrian President Anselm Rook said the general had been planning new attacks. "We acted to protect our people," he told reporters in Halden. Rook claimed that Kestrian intelligence had tracked the convoy for days, but he did not show any evidence.

A senior Kestrian official, who spoke on condition of anonymity, admitted that the strike had been approved in a hurry.

Critics say the strike broke international law. Many believe the region is now closer to war than at any time in a decade.

The strike was the deadliest attack on the border in ten years.

Nine people died, according to Velmora's Health Ministry.

Concord of Nations Secretary-General Lukas Brenner urged both sides to show restraint."""

article = framing.load_text(TEXT, title=TITLE)
analysis = framing.analyze(article)
print(article.text)

# %% [markdown] tags=["try-it"]
# ### Try it: before you look
# On paper, make three lists: (1) every **named** speaker and the verb that introduces them, (2) every **unnamed** source,
# (3) every sentence where the author states something **without saying who says so**. Then run the next cells.

# %% [markdown]
# ## 2. What framing finds
#
# The table lists every attribution framing found:
#
# * **type** — `direct` (inside quotation marks), `indirect` (*X said that ...*), `according_to`, or `agentless`
#   (*it is believed that ...*, no speaker at all);
# * **speaker** and **speaker kind** — a named person, an organisation, a government, `anonymous` or `vague`;
# * **cue** — the words that introduce the quote, and the **cue class** from the table above.

# %%
at = analysis["attribution"]
text = article.text
table([{"type": q["type"], "speaker": q.get("speaker"), "speaker kind": q.get("speaker_kind"), "cue": q.get("cue"),
        "cue class": q.get("cue_class"), "what was said": text[q["start"]:q["end"]][:90]} for q in at["quotes"]],
      caption="Attributions")

# %%
for name in ("anonymous_sources", "vague_attributions", "unattributed_claims"):
    display(table([{"text": item["quote"], "start": item["start"], "end": item["end"]} for item in at[name]],
                  caption=name.replace("_", " ")))

# %% [markdown]
# ### Who gets the words?
# The summary counts how much of the text is in other people's words, and how that share is split between speakers.

# %%
summ = at["summary"]
display(table([{"figure": k.replace("_", " "), "value": v} for k, v in summ.items() if isinstance(v, (int, float))],
              caption="Attribution summary (counts; quoted share = share of the words inside quotes or reported speech)"))
shares = summ.get("quoted_words_by_actor") or {}
table([{"speaker": k, "share of quoted words": f"{v:.0%}"} for k, v in sorted(shares.items(), key=lambda kv: -kv[1])],
      caption="Who gets the words")

# %% [markdown] tags=["exercise"]
# ### Exercise 1 — A ledger of voices
# 1. Using the tables above, list every speaker with their kind and the verbs used for them.
# 2. Which country's officials get **more** space, and which get the **first** and the **last** word?
# 3. Whose voice is **missing** from this story? Name at least two kinds of people who could have been quoted.
# 4. Compare with your paper lists from the start: what did framing find that you missed, and what did it miss?

# %% [markdown] tags=["key"]
# ### 🔑 Key to exercise 1
# * Speakers: **Mirela Santov** (named person, direct quote, *said* — neutral); **Anselm Rook** (named person: *said* —
#   neutral; direct quote with *told reporters* — neutral; *claimed* — distancing); **a senior Kestrian official**
#   (anonymous, *admitted* — framing calls it endorsing: the verb presents the statement as a damaging truth);
#   **critics** and **many** (vague, *say*, *believe*); **Velmora's Health Ministry** (framing: organisation,
#   *according to*); **Lukas Brenner** (named person, *urged* — neutral); **Velmora's president**, i.e. Santov
#   (*promised* — neutral). Kestria's *insisted* in the first sentence is distancing.
# * Kestrian voices get more of the words: in framing's share table Rook (three statements) has about a quarter, and
#   with the anonymous official and Kestria's *insisted* the Kestrian side has about 44 %, against about a quarter for
#   Santov. The headline's *vows response* names what Velmora said without reporting its words, so framing counts those
#   words as the writer's, not Velmora's. Velmora has the first word (the headline, the lede and Santov's quote); the
#   Concord of Nations has the last.
# * Missing: the families of the two farmworkers, villagers near the crossing, the independent casualty monitor,
#   military or legal experts who could judge the "international law" question, Kestrian opposition voices.
# * What framing gets right here (checked with this version): both direct quotes, every reporting verb in the body,
#   the anonymous official, the two vague sources — and the pronoun in *he told reporters*, which it links to Rook.
#   It also credits *Velmora's president promised ...* to **Mirela Santov**: it knows from the next paragraph who
#   Velmora's president is. What it gets wrong, and students may spot:
#   * Lukas Brenner's appeal is credited to **Concord**, an *organisation*, not to Brenner: the long title
#     *Concord of Nations Secretary-General* before his name misleads it. Brenner is a named person speaking for
#     the Concord of Nations; the key marks that as a **tool error** (the check below asserts the current output);
#   * the headline is read as one statement, *Velmora vows*, whose "what was said" runs over the whole headline,
#     Kestria's half (*Kestria defends border strike*) included — and the table calls Velmora an *organisation*
#     while it calls Kestria a *government*;
#   * the anonymous official's entry in the *speaker* column drags the whole clause *who spoke on condition of
#     anonymity* along with it, so the share table lists that long phrase as if it were a name.

# %% tags=["key"]
# Key check: every statement above about framing's tables, computed from the analysis (fails if the output changes).
def credited(speaker, cue):
    """The attributions framing credits to `speaker` with the reporting verb `cue`."""
    return [q for q in at["quotes"] if q.get("speaker") == speaker and q.get("cue") == cue]

expected = [  # (speaker, cue, type or None, speaker kind, cue class)
    ("Mirela Santov", "said", "direct", "named_person", "neutral"),
    ("Anselm Rook", "said", "indirect", "named_person", "neutral"),
    ("Anselm Rook", "told", "direct", "named_person", "neutral"),
    ("Anselm Rook", "claimed", None, "named_person", "distancing"),
    ("Critics", "say", None, "vague", "neutral"),
    ("Many", "believe", None, "vague", "neutral"),
    ("Health Ministry", "according to", "according_to", "organisation", "neutral"),
    ("Concord", "urged", None, "organisation", "neutral"),   # tool error: Brenner's appeal, credited to "Concord"
    ("Kestria", "insisted", None, "government", "distancing"),
    ("Mirela Santov", "promised", None, "named_person", "neutral"),   # Velmora's president is Santov
]
for speaker, cue, kind, speaker_kind, cue_class in expected:
    found = credited(speaker, cue)
    assert found, f"key: no attribution of {speaker!r} with {cue!r} any more"
    q = found[0]
    assert (q["speaker_kind"], q["cue_class"]) == (speaker_kind, cue_class), f"key: {speaker}/{cue} is now {q}"
    assert kind is None or q["type"] == kind, f"key: {speaker}/{cue} is now of type {q['type']}"
official = next(q for q in at["quotes"] if q.get("cue") == "admitted")
assert official["speaker_kind"] == "anonymous" and official["cue_class"] == "endorsing", official
assert "who spoke on condition of anonymity" in official["speaker"], "key: the official's speaker entry changed"
headline = [q for q in at["quotes"] if q["start"] < len(TITLE)]
assert [(q["speaker"], q["speaker_kind"], q["cue"]) for q in headline] == [("Velmora", "organisation", "vows")], headline
assert headline[0]["end"] == len(TITLE), "key: the headline statement should run over the whole headline"
assert credited("Kestria", "insisted")[0]["speaker_kind"] == "government"
assert not [q for q in at["quotes"] if q.get("speaker") == "Lukas Brenner"], "key: Brenner is now credited: fix the key"
assert not credited("Velmora", "promised"), "key: the president's promise is credited to the country again"
shares = at["summary"]["quoted_words_by_actor"]
kestria_side = shares["Anselm Rook"] + shares["Kestria"] + shares[official["speaker"]]
velmora_side = shares.get("Velmora", 0.0) + shares["Mirela Santov"]  # the headline's "vows response": writer's words
assert abs(shares["Anselm Rook"] - 0.25) < 0.03, f"key: Rook's share is {shares['Anselm Rook']:.0%}, not about a quarter"
assert abs(kestria_side - 0.44) < 0.03 and abs(velmora_side - 0.24) < 0.03, (kestria_side, velmora_side)
print(f"key checked: Rook {shares['Anselm Rook']:.0%}, Kestrian side {kestria_side:.0%}, Velmora {velmora_side:.0%}")

# %% [markdown] tags=["try-it"]
# ## 3. One verb changes the story
#
# Run the cell below: it swaps the reporting verbs in the text and analyzes the result again. Then edit the
# `swaps` yourself: try making one side *reveal* and *point out* while the other side *claims* and *insists*.

# %% tags=["try-it"]
swaps = {"insisted that": "said that", "claimed that": "said that", "admitted that": "said that"}

changed = TEXT
for old, new in swaps.items():
    changed = changed.replace(old, new)
changed_analysis = framing.analyze(framing.load_text(changed, title=TITLE))

def cue_classes(an):
    return [(q.get("speaker"), q.get("cue"), q.get("cue_class")) for q in an["attribution"]["quotes"]]

table([{"speaker": s, "cue": c, "class": k} for s, c, k in cue_classes(changed_analysis)],
      caption="Cues after the swap")

# %% [markdown] tags=["exercise"]
# ### Exercise 2 — The verb experiment
# 1. Make two versions of the text: version A where every **Kestrian** statement is introduced with a distancing
#    verb (*claimed*, *insisted*, *alleged*) and every **Velmoran** one with an endorsing verb (*revealed*,
#    *confirmed*); version B the other way round. Use the `swaps` cell.
# 2. Read both versions aloud to a neighbour. Which side does each version favour? Did any fact change?
# 3. Does framing's `cue class` column pick up the difference? Report what it shows for each version.

# %% [markdown] tags=["key"]
# ### 🔑 Key to exercise 2
# Below, version A is built and analyzed. Expected: the facts are identical, but version A makes Kestria sound
# untrustworthy and Velmora credible, and version B the reverse. framing classifies *claimed*, *insisted*, *alleged* as
# **distancing** and *revealed*, *confirmed* as **endorsing**, so the cue-class column flips between the versions —
# the tool measures *how* a quote is introduced, whichever side it is. Point out to students that *said* is the
# professional default precisely because it carries no judgement.

# %% tags=["key"]
version_a = (TEXT.replace("Kestria insisted that", "Kestria claimed that")
                 .replace("Rook said the general", "Rook alleged that the general")
                 .replace("admitted that", "claimed that")
                 .replace("Santov said", "Santov confirmed"))
a = framing.analyze(framing.load_text(version_a, title=TITLE))
display(table([{"speaker": s, "cue": c, "class": k} for s, c, k in cue_classes(a)],
              caption="Version A (Kestria distanced)"))

# Key check: in version A every Kestrian statement is distancing and Santov's is endorsing; in the original they are not.
before_a = {(s, c): k for s, c, k in cue_classes(analysis)}
after_a = {(s, c): k for s, c, k in cue_classes(a)}
for speaker_cue in [("Kestria", "claimed"), ("Anselm Rook", "alleged"), ("Anselm Rook", "claimed")]:
    assert after_a.get(speaker_cue) == "distancing", f"key: version A {speaker_cue} is {after_a.get(speaker_cue)}"
assert after_a.get(("Mirela Santov", "confirmed")) == "endorsing", "key: 'Santov confirmed' should be endorsing"
assert before_a[("Mirela Santov", "said")] == "neutral" and before_a[("Anselm Rook", "said")] == "neutral"

# %% [markdown]
# ## 4. Anonymous and vague sources
#
# * An **anonymous source** is a real person the reporter knows but does not name ("a senior official who spoke on
#   condition of anonymity"). Good outlets explain *why* the person is not named. The reader has to trust the outlet.
# * A **vague attribution** points at no one in particular: *critics say*, *many believe*, *experts warn*,
#   *the whole world knows*. Nobody can be asked whether they really said it.
# * An **unattributed claim** has no source at all: the author states a number, a cause or a judgement as fact.
#
# All three can be legitimate, but each one asks the reader for trust. Counting them is a quick check of how a story
# supports what it says.

# %% [markdown] tags=["exercise"]
# ### Exercise 3 — What would you need to check?
# 1. Find the sentences where the **author** states a fact or a judgement without saying who says so. (The
#    *unattributed claims* table above may help, but the tool can miss some: read the text too.) For each, write who
#    could confirm it (a ministry? a monitoring group? historical records?).
# 2. Rewrite the two vague sentences ("Critics say ...", "Many believe ...") so that a reader could check them. You may
#    invent a plausible named source for the fictional world, but say what kind of source it is.
# 3. When is an anonymous source acceptable? Give one situation where it is and one where it is not.

# %% [markdown] tags=["key"]
# ### 🔑 Key to exercise 3
# 1. *The strike was the deadliest attack on the border in ten years* — the author's own claim, with no source; it
#    needs records of earlier attacks (the Tamsel Civilian Harm Monitor in the example corpus, or the defence
#    ministries' figures). framing's *unattributed claims* table is empty for this text, so it misses this one: a
#    **false negative** worth discussing (lesson 5).
#    The *closer to war* sentence is attributed to "many", a vague source — still uncheckable.
# 2. E.g. *"The strike broke international law, said Helena Voss, who studies the border dispute at the Marlow
#    Institute."*; *"Most respondents in a poll by ... said they expect more fighting."* Named, checkable, and the
#    reader can judge the source's expertise or interest.
# 3. Acceptable: the source would lose their job or be in danger, the information is important and the outlet has
#    checked it another way (and says so). Not acceptable: the anonymous person only offers an opinion or an insult,
#    or is used to put a claim in print that no one will stand behind.

# %% tags=["key"]
# Key check: framing finds no unattributed claim here (so it misses the "deadliest attack" sentence); "many" is vague.
assert at["unattributed_claims"] == [], f"key: framing now finds unattributed claims: {at['unattributed_claims']}"
assert [x["quote"] for x in at["vague_attributions"]] == ["Critics", "Many"], at["vague_attributions"]

# %% [markdown] tags=["try-it"]
# ## 5. Try a full article
# The example corpus has several articles about the same invented event. Pick one by its number and look at its
# sources. Which article relies most on anonymous or vague sources?

# %%
# The example corpus ships inside framing: six or more articles about ONE invented event,
# each written in a different style. All countries, people and outlets in it are fictional.
import json
from importlib.resources import files

corpus_dir = files("framing.corpora").joinpath("example")
example_rows = [json.loads(line) for line in corpus_dir.joinpath("articles.jsonl").read_text(encoding="utf-8").splitlines()
                if line.strip()]

def example_article(i):
    """Article number i of the example corpus, loaded with its outlet and lean."""
    row = example_rows[i]
    return framing.load_text(row["text"], title=row["title"], outlet=row.get("outlet_normalized") or row.get("outlet"),
                             published=row.get("date"), url=row.get("url"),
                             meta={"id": row["id"], "lean": row.get("lean") or ""})

table([{"number": i, "outlet": r.get("outlet_normalized") or r.get("outlet"), "lean": r.get("lean"),
        "headline": r["title"]} for i, r in enumerate(example_rows)], caption="The example corpus")

# %% tags=["try-it"]
NUMBER = 0    # <- try other numbers from the table above
other = framing.analyze(example_article(NUMBER))
oat = other["attribution"]
print(other["article"]["outlet"], "-", other["article"]["title"])
display(table([{"speaker": q.get("speaker"), "kind": q.get("speaker_kind"), "cue": q.get("cue"), "class": q.get("cue_class")}
               for q in oat["quotes"]], caption="Sources"))
table([{"figure": k.replace("_", " "), "value": v} for k, v in summary(other).items()], caption="Figures")

# %% [markdown]
# ## Summary
# * Who is quoted, how much, and with which verb are all choices that frame a story.
# * *said* is neutral; *claimed* distances, *revealed* endorses, *boasted* judges.
# * Anonymous sources, vague attributions and unattributed claims each ask the reader for trust: count them.
#
# **Next lesson:** the actors of a story — who acts, who is acted upon, and who comes out as hero, villain or victim.
