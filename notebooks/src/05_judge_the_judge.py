# %% [markdown] tags=["key"]
# > **TEACHER'S KEY — do not hand this version out.**
# > It is the student notebook with answers added after each exercise (cells starting with 🔑).
# > The student version is the file without `_key` in its name.

# %% [markdown] tags=["goals"]
# # Lesson 5 — Judge the judge: how far can you trust the tool?
#
# *About 40 minutes.*
#
# ## Learning goals
# By the end of this lesson you can:
# - find **false positives** (the tool flags something harmless) and **false negatives** (it misses real bias);
# - run the **symmetry test**: swap the names of two sides and check that the tool's judgement swaps too;
# - name at least three **limits** of automated bias detection, and say what a human reader has to add;
# - check any finding of the tool yourself, using its evidence (exact position and rule).

# %% tags=["install"]
# Setup. In Google Colab or VS Code, run this cell first: it installs framing (and its English spaCy model) when it
# is missing. In a checkout of the repository it does nothing. The development version installs from the git
# repository instead: %pip install "framing-analyzer @ git+<repository URL>"
import importlib.util

if importlib.util.find_spec("framing") is None:
    get_ipython().run_line_magic("pip", "install -q framing-analyzer")

# %% [markdown]
# ## 1. A tool is a reader too
#
# framing finds loaded words with word lists and a statistical model trained on sentences that people labelled. Word
# lists do not understand context, and a model learns whatever its training data teaches it — including its mistakes.
# So we test the tool the way a scientist tests an instrument: with cases where we know the right answer.

# %%
# Setup: run this cell first (Shift+Enter). It loads framing and two small display helpers.
import framing
import framing.schema  # actor_cards: one card per actor, with its stance
from framing.widgets import summary, table

print("framing", framing.__version__, "is ready")

# %% [markdown] tags=["try-it"]
# ## 2. Tricky sentences
# Each sentence below was written to test one weakness. Before running the cell, predict for each: *should* the tool
# flag it, and *will* it?

# %% tags=["try-it"]
tricky = {
    "negation":          "Officials said the group is not a terrorist organisation and never was.",
    "mention, not use":  "The word 'regime' appeared in every statement the ministry issued this week.",
    "technical sense":   "The central bank said the new exchange-rate regime would take effect on Monday.",
    "irony":             "What a wonderful week for the villagers: their houses burned down on Tuesday.",
    "scare quotes":      'The government presented its "peace plan" to the assembly on Tuesday.',
    "sport metaphor":    "The young striker killed the game with a brilliant late goal on Saturday.",
    "plain but one-sided": "Kestria's strike killed nine people. Kestria's president was on holiday at the time.",
}
rows, found = [], {}
for case, sentence in tricky.items():
    an = framing.analyze(framing.load_text(sentence, check_language=False))
    ll = found[case] = an["loaded_language"]
    rows.append({"case": case, "flagged words": ", ".join(f'{s["quote"]} ({s["voice"]})' for s in ll["spans"]),
                 "sentence score": round(max((s["score"] for s in ll["sentences"]), default=0.0), 2),
                 "sentence": sentence})
table(rows, caption="How the tool handles tricky sentences")

# %% [markdown] tags=["exercise"]
# ### Exercise 1 — Catch the tool out
# 1. In the table, find at least one **false positive** (flagged but not loaded here) and one **false negative**
#    (loaded, or one-sided, but not flagged). Explain each in one sentence.
# 2. Write two sentences of your own that fool the tool — one each way — add them to `tricky` and run the cell again.
# 3. Why is the "plain but one-sided" case hard for *any* word-based tool?

# %% [markdown] tags=["key"]
# ### 🔑 Key to exercise 1
# What framing reports (checked with this version; if your results differ, have students report what they see):
# * **negation**: *terrorist organisation* **is** flagged. framing's matcher does notice the negation — the span
#   carries `negated: True` (print `an["loaded_language"]["spans"]` to see it; the table does not show that field) —
#   but it is still listed, so a reader of the table sees a false positive. It is put in the **quoted** voice, because
#   the sentence reports what officials said. *never* is rightly **not** flagged: here it is part of the denial, not
#   an absolute claim.
# * **mention, not use**: *regime* is flagged — a **false positive**: the word is talked *about*, not used as a
#   label. framing puts it in the **quoted** voice (it sits in quotation marks), so at least it is not blamed on the
#   author, but it is still listed. *every* is rightly not flagged: *every statement the ministry issued* counts
#   statements, it is not a sweeping claim.
# * **technical sense**: *regime* in *exchange-rate regime* is flagged — a **false positive** (a neutral economics
#   term), put in the central bank's quoted voice.
# * **irony**: nothing flagged — a **false negative**. *wonderful* is not in the word lists and the tool does not see
#   the bitterness. The sentence model gives a middling score (about 0.4).
# * **scare quotes**: nothing flagged; the doubt signalled by the quotation marks around *peace plan* is missed
#   (false negative).
# * **sport metaphor**: *killed the game* is **not** flagged (good: no false positive there), but *brilliant* is flagged
#   as emotive in the author's voice — praise in a match report, arguably harmless.
# * **plain but one-sided**: no word flagged. The sentence score (about 0.6) comes from the first sentence, about the
#   deaths; the sentence about the president's holiday scores lower (about 0.3) — the model reacts to violent content,
#   not to the juxtaposition. Bias by **selection and juxtaposition** is invisible to word counts — only comparison with
#   other coverage (lesson 4) or a human reader can catch it.
# * Notice also that the **sentence scores** are all between about 0.2 and 0.65, for harmless and loaded sentences
#   alike: on single short sentences the sentence model does not separate them well.

# %% tags=["key"]
# Key check: each case as the key describes it, computed from the analyses above (fails if the output changes).
def flags(case):
    """(quote, voice, category) of every span flagged in a case."""
    return {(s["quote"], s["voice"], s["category"]) for s in found[case]["spans"]}

def scores(case):
    return [s["score"] for s in found[case]["sentences"]]

negation = {s["quote"]: s for s in found["negation"]["spans"]}
assert set(negation) == {"terrorist organisation"}, f"key: negation now flags {set(negation)}"
assert negation["terrorist organisation"].get("negated") is True, "key: the negation is no longer marked negated"
assert negation["terrorist organisation"]["voice"] == "quoted", negation
assert flags("mention, not use") == {("regime", "quoted", "pejorative_label")}, flags("mention, not use")
assert {(q, v) for q, v, _ in flags("technical sense")} == {("regime", "quoted")}, flags("technical sense")
assert flags("irony") == set() and abs(scores("irony")[0] - 0.4) <= 0.05, (flags("irony"), scores("irony"))
assert flags("scare quotes") == set(), flags("scare quotes")
assert flags("sport metaphor") == {("brilliant", "author", "emotive")}, flags("sport metaphor")
one_sided = scores("plain but one-sided")
assert flags("plain but one-sided") == set() and abs(one_sided[0] - 0.6) <= 0.05 and abs(one_sided[1] - 0.3) <= 0.05, \
    f"key: one-sided scores {one_sided}"
every_score = [x for case in tricky for x in scores(case)]
assert min(every_score) >= 0.15 and max(every_score) <= 0.65, f"key: sentence scores now span {every_score}"

# %% [markdown]
# ## 3. The symmetry test
#
# A fair instrument must not take sides. If we take a text and **swap the names** of the two sides — every *Kestria*
# becomes *Velmora* and the other way round — a fair tool should report the **swapped** stances: whatever it said
# about Kestria it should now say about Velmora. If the stance changed just because of a name, the tool (its word lists
# or its training data) would have a built-in preference for one side.
#
# framing's own test suite runs this test on many texts, including real ones with pairs like United States / Iran.
# Here you can run it yourself.

# %%
import re


def swap_names(text, pairs):
    """Swap every name in `pairs` with its partner, whole words only, in one pass."""
    mapping = {}
    for a, b in pairs:
        mapping[a], mapping[b] = b, a
    pattern = re.compile(r"\b(" + "|".join(sorted(map(re.escape, mapping), key=len, reverse=True)) + r")\b")
    return pattern.sub(lambda m: mapping[m.group(0)], text)

PAIRS = [("Kestria", "Velmora"), ("Kestrian", "Velmoran"), ("Anselm Rook", "Mirela Santov"), ("Rook", "Santov"),
         ("Halden", "Ardenza")]
TEXT = """Kestrian troops shelled a Velmoran village on Friday, killing six civilians, and the brutal assault drew condemnation.

Velmoran soldiers defended the bridge and helped families escape. President Anselm Rook praised the operation, while President Mirela Santov thanked the rescuers.

Officials in Halden threatened further strikes. In Ardenza, volunteers protected children in a school."""

def stance_table(text, pairs):
    original = framing.analyze(framing.load_text(text, title="Fighting at the border"))
    swapped = framing.analyze(framing.load_text(swap_names(text, pairs), title="Fighting at the border"))
    by_name = {a["name"]: a for a in framing.schema.actor_cards(swapped.to_dict())}
    rows = []
    for a in framing.schema.actor_cards(original.to_dict()):
        partner = by_name.get(swap_names(a["name"], pairs))
        if partner is None or a.get("stance") is None:
            continue
        rows.append({"actor": a["name"], "stance": round(a["stance"], 2),
                     "partner after swap": partner["name"], "partner's stance": round(partner["stance"], 2),
                     "difference": round(abs(a["stance"] - partner["stance"]), 2)})
    return rows

print(swap_names(TEXT, PAIRS)[:200], "...")
table(stance_table(TEXT, PAIRS), caption="Symmetry test: each actor's stance before, and its partner's after the swap")

# %% [markdown]
# Read the table: in each row, the actor's stance in the **original** text should equal the **partner's** stance in the
# swapped text (a difference of at most about 0.1). For example, President Rook's stance before the swap should equal
# President Santov's after it — because now Santov is the one who praised the operation. Groups such as *officials*
# or *civilians* keep their names in the swap, so they are compared with themselves.
#
# Look also at which actors are **missing**: the table has no row for Kestria or Velmora. framing does not find the
# *Kestrian troops* who shelled the village at all, and it lists the *Velmoran soldiers* as a group called *forces*.
# The symmetry test only checks the actors the tool finds — a tool can be perfectly even-handed and still miss the
# main actor.

# %% [markdown] tags=["exercise"]
# ### Exercise 2 — Run your own symmetry test
# 1. Write a short text of your own (4–6 sentences) about two sides in any conflict — two football clubs, two
#    companies, two political parties — with clear heroes and villains. Put it in `MY_TEXT` and the name pairs in
#    `MY_PAIRS` below.
# 2. Run the test. Do the stances swap? Report the largest difference.
# 3. Now try it with real names, e.g. `("United States", "Iran"), ("American", "Iranian"), ("Washington", "Tehran")`.
#    Why is this test especially important for real countries and parties?

# %% tags=["try-it"]
MY_PAIRS = [("Northside", "Southside")]
MY_TEXT = """Northside fans attacked the Southside coach after the match on Saturday, and police arrested twelve people.

Southside players helped injured fans and protected children near the gate. Northside officials praised their supporters."""

table(stance_table(MY_TEXT, MY_PAIRS), caption="Your symmetry test")

# %% [markdown] tags=["key"]
# ### 🔑 Key to exercise 2
# * The differences should be 0 or very small (≤ 0.1): framing's word lists and models carry no side, and its test
#   suite checks this property. With this version, the border text gives differences of 0.00–0.02 and the football
#   example 0.00 for the rows it shows. Notice also that every stance in both texts is **neutral**: the texts tell who
#   attacked and who helped (narrative roles, lesson 3) but the author never judges anyone in evaluative words —
#   *brutal* in the border text judges the assault, and framing counts it as evidence for no actor. But look at what is
#   missing: *Northside* is found in the original (stance about −0.2, neutral, from the sentence model on the sentence
#   about the attack) and has **no row**, because after the swap framing does not find *Southside* in that sentence
#   at all. That is an actor found in one version and not the other — a detection
#   failure, not a preference for one club, but it does mean the tool's report is not perfectly symmetric. Differences
#   like this come from detection (for instance when a name is also a common word, or sits at the start of a
#   sentence), not from the stance model.
# * With real names the stakes are higher: a model trained on real news may have learned that some names appear
#   more often near negative words. If the stance changed with the names, the tool would be repeating the bias of its
#   training data — exactly what it claims to measure. This is why the symmetry test is part of the test suite.
# The next cell runs the real-name version of the border text. With real names framing finds more actors — the
# United States, Iran, *American troops* and *Iranian soldiers* — and every difference is 0.00. All their stances are
# neutral (within ±0.2), though the roles differ: framing casts the *American troops* who shelled the village as
# **villains** and the *Iranian soldiers* who defended the bridge as **heroes** — roles from the plot, not the
# author's judgement. (Rook and Santov are not swapped in this version, so each is compared with itself.)

# %% tags=["key"]
real_pairs = [("Kestria", "United States"), ("Velmora", "Iran")]
real_text = swap_names(TEXT, [("Kestrian", "American"), ("Velmoran", "Iranian")])
real_text = swap_names(real_text, real_pairs)   # the same text with real names
real_rows = stance_table(real_text, [("United States", "Iran"), ("American", "Iranian")])
display(table(real_rows, caption="Symmetry with real names"))

# Key check: the differences and the missing rows the key describes.
def actor_cards(text):
    return framing.schema.actor_cards(framing.analyze(framing.load_text(text, title="Fighting at the border")).to_dict())

border, football = stance_table(TEXT, PAIRS), stance_table(MY_TEXT, MY_PAIRS)
assert max(r["difference"] for r in border) <= 0.02, f"key: border differences {[r['difference'] for r in border]}"
assert {r["actor"] for r in border}.isdisjoint({"Kestrian", "Velmoran", "Kestria", "Velmora"}), "key: a side has a row"
assert all(r["difference"] == 0 for r in football) and "Northside" not in {r["actor"] for r in football}, football
northside = next(a for a in actor_cards(MY_TEXT) if a["name"] == "Northside")
assert abs(northside["stance"] + 0.2) <= 0.05 and northside["stance_label"] == "neutral", \
    f"key: Northside's stance is {northside['stance']} ({northside['stance_label']})"
assert all(a["stance_label"] == "neutral" for text in (TEXT, MY_TEXT) for a in actor_cards(text))
assert not any("brutal" in e["quote"] for a in actor_cards(TEXT) for e in a["evidence"]
               if e["rule"] != "stance.target_sentiment"), "key: 'brutal' is now evidence for an actor"
assert "Southside" not in {a["name"] for a in actor_cards(swap_names(MY_TEXT, MY_PAIRS))}, "key: Southside is now found"
real = {r["actor"]: r for r in real_rows}
assert {"United States", "Iran", "American troops", "Iranian soldiers"} <= set(real), sorted(real)
real_cards = actor_cards(real_text)
assert all(a["stance_label"] == "neutral" and abs(a["stance"]) <= 0.2 for a in real_cards), real_cards
real_roles = {r["name"]: r["role"] for r in
              framing.analyze(framing.load_text(real_text, title="Fighting at the border")).to_dict()["roles"]}
assert real_roles["American troops"] == "villain" and real_roles["Iranian soldiers"] == "hero", real_roles
assert all(r["difference"] == 0 for r in real_rows), f"key: differences {[r['difference'] for r in real_rows]}"

# %% [markdown]
# ## 4. Limits you cannot test away
#
# Some limits come from what a tool *is*:
#
# * **Context and world knowledge.** *Regime* can be a label or an economics term; *terrorist* can be a fair legal
#   description or an insult. The tool sees words, not the world.
# * **Irony, sarcasm, humour** — the literal words mean the opposite of what is meant.
# * **Selection and omission.** Which facts appear, in which order, next to what. Word counts cannot see what is
#   missing; comparing with other coverage helps (lesson 4).
# * **Training data.** The sentence model learned from news sentences labelled by a particular group of people at a
#   particular time (mostly US news). Their sense of "biased" is built in.
# * **Language.** framing only reads English.
# * **Pictures, headlines on social media, what is on the front page** — none of this is in the text.
#
# This is why every finding comes with **evidence**: the exact words (start and end position in the text) and the
# **rule** that produced it. You can always check a finding — and dispute it.

# %%
an = framing.analyze(framing.load_text(TEXT, title="Fighting at the border"))
text = an["article"]["text"]
table([{"words": s["quote"], "start": s["start"], "end": s["end"], "check": text[s["start"]:s["end"]],
        "rule": s.get("rule"), "category": s.get("category")} for s in an["loaded_language"]["spans"]],
      caption="Every finding points at exact words: 'check' is cut from the text at start..end")

# %% [markdown] tags=["exercise"]
# ### Exercise 3 — A perfectly biased text that scores zero
# 1. Write a short news paragraph (4–5 sentences) about the example event that is clearly one-sided to a human reader
#    but in which framing finds **no loaded terms in the author's voice**. Use the cell below to check it.
# 2. Explain which technique(s) you used (selection, order, omission, whose quotes, juxtaposition, numbers without
#    context ...).
# 3. Write a short paragraph for a newspaper: "What automatic bias detectors can and cannot do". Use at least two
#    examples from this lesson.

# %% tags=["try-it"]
MY_BIASED = """Kestria's government says its strike on Sunday was lawful. Kestria's president has won three elections. Velmora's general had commanded the Northern Command for years.

Kestrian officials said the convoy carried weapons. Markets in Kestria rose on Monday."""

check = framing.analyze(framing.load_text(MY_BIASED, title="Kestria defends strike"))
summary(check)

# %% [markdown] tags=["key"]
# ### 🔑 Key to exercise 3
# The example in the cell is one model answer: every sentence is neutral in wording, yet only Kestria's side speaks,
# its president is shown as legitimate (*three elections*), the civilian deaths and Velmora's figures are omitted, and
# a good-news sentence (*markets rose*) closes the story. Techniques: **selection**, **omission**, **one-sided sourcing**,
# **order**. framing reports **no** loaded terms, in the author's or the quoted voice (0 per 1,000 words); it counts one
# anonymous source (*Kestrian officials said*). The comparison of lesson 4 would flag the omitted casualty figures and
# the missing Velmoran voices.
# A good newspaper paragraph says: detectors are fast, consistent and show their evidence, and they are good at
# *word choice*; they miss irony, context and what is left out, and they inherit the views of the people who built
# their word lists and labelled their training data — so they support a careful reader, they do not replace one.

# %% tags=["key"]
# Key check: the model answer scores zero loaded terms and one anonymous source.
s = summary(check)
assert (s["loaded_terms_author"], s["loaded_terms_quoted"], s["loaded_per_1000_words"]) == (0, 0, 0), s
assert [x["quote"] for x in check["attribution"]["anonymous_sources"]] == ["Kestrian officials"], \
    check["attribution"]["anonymous_sources"]

# %% [markdown]
# ## Summary
# * Test a tool with cases where you know the answer: false positives and false negatives both happen.
# * The symmetry test checks that a tool does not take sides; framing passes it by design and tests it.
# * No tool sees irony, world knowledge or omission well — every finding is evidence to check, not a verdict.
#
# **Next:** the teachers' notebook shows how to run framing on any text you choose.
