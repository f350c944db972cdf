# %% [markdown] tags=["key"]
# > **TEACHER'S KEY — do not hand this version out.**
# > It is the student notebook with answers added after each exercise (cells starting with 🔑).
# > The student version is the file without `_key` in its name.

# %% [markdown] tags=["goals"]
# # Lesson 1 — Loaded language: which words are doing the persuading?
#
# *About 40 minutes. Work alone first, then with a neighbour.*
#
# ## Learning goals
# By the end of this lesson you can:
# - explain what **loaded language** is: words that carry a judgement on top of the facts they report;
# - tell the **author's voice** (the outlet's own words) from the **quoted voice** (words the outlet reports someone else saying);
# - use an automatic tool's highlights as a *second opinion*, not as the truth;
# - measure how far two readers agree with **Cohen's kappa**, and say why it is better than "percent agreement";
# - rewrite a loaded paragraph neutrally, keeping every fact, and check the result.

# %% tags=["install"]
# Setup. In Google Colab or VS Code, run this cell first: it installs framing (and its English spaCy model) when it
# is missing. In a checkout of the repository it does nothing. The development version installs from the git
# repository instead: %pip install "framing-analyzer @ git+<repository URL>"
import importlib.util

if importlib.util.find_spec("framing") is None:
    get_ipython().run_line_magic("pip", "install -q framing-analyzer")

# %% [markdown]
# ## 1. What is loaded language?
#
# Two sentences can report exactly the same event:
#
# * *"The government **cracked down** on **thugs** in the capital."*
# * *"Police arrested 40 protesters in the capital."*
#
# Both could be true. But the first one also tells you **how to feel**: "cracked down" suggests harshness, "thugs" tells you the
# people arrested are violent criminals. Words like these are called **loaded**. They are not lies: they are choices.
# Common kinds:
#
# | kind | examples | a more neutral choice |
# |---|---|---|
# | labels that condemn or glorify | regime, thugs, martyr, hero | government, protesters, person killed |
# | euphemisms / dysphemisms | collateral damage, assassination | civilian deaths, killing |
# | emotional or violent metaphors | unleash, tear through, plunge into chaos | launch, hit, disrupt |
# | intensifiers and absolutes | blatant, utterly, everyone knows | (leave out), many people say |
# | distancing or loaded verbs of speech | boasted, ranted, claimed | said |
#
# A careful reporter keeps judgements in the mouths of the people quoted, not in the reporter's own sentences.

# %%
# Setup: run this cell first (Shift+Enter). It loads framing and two small display helpers.
import framing
from framing.widgets import summary, table

print("framing", framing.__version__, "is ready")

# %% [markdown]
# ## 2. Read first, on your own
#
# Below is a short news-style text written for this lesson. It describes the invented event of the example corpus
# (a drone strike between two fictional countries, Kestria and Velmora). Run the cell and **read it carefully before you
# look at anything the tool says**.

# %%
TITLE = "Kestria's reckless strike plunges the border into chaos"
TEXT = """Kestria's reckless government unleashed a brutal drone attack near the Tamsel River crossing on Sunday, killing General Teodor Vashti and plunging the border into chaos. The so-called precision strike tore through a convoy on a busy farm road.

Kestria's Defence Ministry said four soldiers died. Velmora's Health Ministry said nine people were killed, three of them civilians.

Defence Minister Clara Hollis boasted that the operation had been "a flawless success" and called Vashti "a butcher with blood on his hands."

Everyone knows this blatant act of aggression will only make the region more dangerous. The Velmoran Assembly is due to meet on Monday."""

article = framing.load_text(TEXT, title=TITLE)
print(article.text)

# %% [markdown] tags=["try-it"]
# ### Try it: your own picks
#
# Write every word or phrase that you think is loaded into the list `my_picks` below, exactly as it appears in the text
# (capital letters do not matter), for example `["reckless", "tore through"]`. Include words inside the quotation marks if
# you think they are loaded. Then run the cell. **Do this before scrolling on.**

# %% tags=["try-it"]
my_picks = []   # <- write your phrases here, e.g. ["reckless", "tore through"]

import re


def spans_of_phrases(phrases, text):
    """Every place in `text` where one of the phrases occurs (whole words only), as (start, end) pairs."""
    found = []
    for p in phrases:
        hits = [(m.start(), m.end()) for m in re.finditer(r"(?<!\w)" + re.escape(p.strip()) + r"(?!\w)", text, flags=re.IGNORECASE)]
        if not hits:
            print(f"note: {p!r} does not occur in the text - check the spelling")
        found += hits
    return found

my_spans = spans_of_phrases(my_picks, article.text)
if not my_picks:
    print("You have not picked any phrases yet: write yours into my_picks and run this cell again.")
else:
    print(f"You marked {len(my_spans)} places in the text.")

# %% [markdown]
# ## 3. What does framing find?
#
# Now run the analysis. `framing.analyze` reads the text once and runs every analyzer. The display shows the text with
# the loaded terms highlighted; the table lists each one with
#
# * **category** — what kind of device it is (label, metaphor, intensifier, ...);
# * **voice** — `author` if the words are the outlet's own, `quoted` if they are inside a quotation;
# * **alternative** — a more neutral word a careful reporter might use (empty when there is no simple swap);
# * **start / end** — the exact position in the text, so every finding can be checked.

# %%
analysis = framing.analyze(article)
analysis

# %%
ll = analysis["loaded_language"]
table([{"phrase": s["quote"], "category": s["category"], "voice": s["voice"], "alternative": s.get("alternative"),
        "start": s["start"], "end": s["end"]} for s in ll["spans"]], caption="Loaded terms found by framing")

# %% [markdown]
# ## 4. Do you and the tool agree?
#
# To compare two readers we cut the text into **words** and give each word a label: 1 if the reader marked it as
# loaded, 0 if not. Then we compare the two lists of labels word by word.
#
# The table below shows only the words where you and the tool **disagree**.

# %%
WORDS = [(m.start(), m.end()) for m in re.finditer(r"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*", article.text)]

def word_labels(spans):
    """1 for every word of the text that overlaps one of the spans, else 0."""
    return [int(any(s < e2 and s2 < e for s2, e2 in spans)) for s, e in WORDS]

tool_spans = [(s["start"], s["end"]) for s in ll["spans"]]
you = word_labels(my_spans)
tool = word_labels(tool_spans)
print(f"{len(WORDS)} words; you marked {sum(you)}, the tool marked {sum(tool)}")
table([{"word": article.text[s:e], "you": a, "tool": b} for (s, e), a, b in zip(WORDS, you, tool) if a != b],
      caption="Words where you and the tool disagree")


# %% [markdown]
# ### Percent agreement is not enough
#
# Most words in any text are *not* loaded. Two readers who never mark anything would still "agree" on about 90% of the
# words. **Cohen's kappa** corrects for the agreement you would expect by chance:
#
# $$\kappa = \frac{P_o - P_e}{1 - P_e}$$
#
# * $P_o$ — observed agreement: the share of words on which both readers gave the same label;
# * $P_e$ — chance agreement: if reader A marks a share $a$ of the words and reader B a share $b$, two random readers
#   with those habits agree on a share $a \cdot b + (1-a)(1-b)$.
#
# $\kappa = 1$ means perfect agreement, $0$ means no better than chance, below 0 worse than chance. A common rough
# guide (Landis & Koch, 1977): 0.21–0.40 fair, 0.41–0.60 moderate, 0.61–0.80 substantial, above 0.80 almost perfect.
# Below we compute kappa **by hand** and then with the `nltk` library: the two numbers should be the same.

# %%
def kappa_by_hand(a, b):
    n = len(a)
    p_o = sum(x == y for x, y in zip(a, b)) / n
    share_a, share_b = sum(a) / n, sum(b) / n
    p_e = share_a * share_b + (1 - share_a) * (1 - share_b)
    return float("nan") if p_e == 1 else (p_o - p_e) / (1 - p_e)

from nltk.metrics.agreement import AnnotationTask


def kappa_nltk(labels_by_reader, a, b):
    data = [(reader, i, lab) for reader, labs in labels_by_reader.items() for i, lab in enumerate(labs)]
    try:
        return AnnotationTask(data=data).kappa_pairwise(a, b)
    except ZeroDivisionError:   # both readers gave every word the same label: kappa is undefined
        return float("nan")

agree = sum(x == y for x, y in zip(you, tool)) / len(you)
print(f"percent agreement, you vs tool: {agree:.0%}")
print(f"kappa by hand:                  {kappa_by_hand(you, tool):.2f}")
print(f"kappa with nltk:                {kappa_nltk({'you': you, 'tool': tool}, 'you', 'tool'):.2f}")

# %% [markdown]
# ### Three classmates
#
# Here are the picks of three (invented) classmates who did the same task. The table shows kappa for every pair of
# readers, including you and the tool. **Krippendorff's alpha** is a related measure for more than two readers at once.

# %%
classmates = {
    "Ana":   ["reckless", "unleashed", "brutal", "chaos", "boasted", "blatant act of aggression", "Everyone knows"],
    "Ben":   ["reckless government", "brutal drone attack", "so-called", "tore through", "butcher", "aggression"],
    "Chloe": ["reckless", "brutal", "so-called", "boasted", "blatant", "flawless success", "blood on his hands",
              "Everyone knows"],
}
readers = {name: word_labels(spans_of_phrases(picks, article.text)) for name, picks in classmates.items()}
readers["tool"] = tool
if my_picks:
    readers["you"] = you

names = list(readers)
table([{"reader A": a, "reader B": b, "kappa": round(kappa_nltk(readers, a, b), 2)}
       for i, a in enumerate(names) for b in names[i + 1:]], caption="Cohen's kappa for each pair of readers")

# %%
humans = {k: v for k, v in readers.items() if k != "tool"}
data = [(reader, i, lab) for reader, labs in humans.items() for i, lab in enumerate(labs)]
print(f"Krippendorff's alpha among the human readers: {AnnotationTask(data=data).alpha():.2f}")

# %% [markdown] tags=["exercise"]
# ### Exercise 1 — How far do you agree?
# 1. Make sure `my_picks` holds your own choices (section 2) and re-run the cells of section 4.
# 2. Ask a neighbour for their list, put it into the cell below as `neighbour_picks`, and compute kappa between the two of you.
# 3. Compare: is your kappa with your neighbour higher or lower than your kappa with the tool? Why might that be?
# 4. Choose **one** word the tool marked that you did not, and **one** you marked that the tool did not. For each, write
#    two sentences: who is right, and why?

# %% tags=["try-it"]
neighbour_picks = []   # <- your neighbour's list
if neighbour_picks and my_picks:
    pair = {"you": you, "neighbour": word_labels(spans_of_phrases(neighbour_picks, article.text))}
    print(f"kappa you vs neighbour: {kappa_nltk(pair, 'you', 'neighbour'):.2f}")
else:
    print("Fill in my_picks and neighbour_picks first.")

# %% [markdown] tags=["key"]
# ### 🔑 Key to exercise 1
# * Plainly loaded in the **author's voice**: *reckless*, *unleashed*, *brutal*, *plunging ... into chaos*, *so-called*,
#   *tore through*, *boasted*, *Everyone knows*, *blatant*, *act of aggression*. In the **quoted voice** (Hollis):
#   *flawless*, *butcher*, *blood on his hands*. The two ministry sentences and the last sentence are factual.
#   framing's table (checked in the next cell) agrees that *Everyone knows*, *blatant act*, *aggression* and
#   *dangerous* are in the **author's** voice: "everyone knows" only dresses the writer's own judgement up as common
#   knowledge, and nobody is quoted, so framing records no quotation by a source called "Everyone". It differs on two
#   points worth raising: it does not flag Hollis's *flawless*, and it adds *precision strike* as a euphemism in the
#   author's voice.
# * The invented classmates agree only at kappa ≈ 0.45 (Ana–Chloe) and ≈ 0.2 (Ben with either), although all three
#   found *reckless*, *brutal* and *aggression*. Two reasons worth discussing: Ben marked whole phrases (*brutal drone
#   attack*, *reckless government*) where the others marked single words — the **unit** of annotation matters — and
#   Ben missed the headline's *reckless* and *chaos*. Kappa between two humans is often *not* higher than with the
#   tool: people disagree about borderline words (*chaos*, *aggression*, *flawless*) just as a tool does — here Ana
#   and Chloe each agree better with the tool (kappa ≈ 0.6) than with each other.
# * Good answers to step 4 discuss **context**: e.g. *attack* can be neutral in a military report; *so-called* is loaded
#   because it signals that the writer doubts the name "precision strike"; a word in the quotation belongs to Hollis,
#   and marking it says nothing about the outlet's own voice.
# * Watch for the misconception "the tool is the right answer". Both the tool and the students are readers; kappa
#   measures agreement, not correctness.

# %% tags=["key"]
# Key check: what the key above says about framing's output, computed from the analysis (fails if it changes).
flagged = {(s["quote"].lower(), s["voice"]) for s in ll["spans"]}
for phrase in ("reckless", "unleashed", "brutal", "so-called", "boasted", "everyone knows", "blatant act", "aggression",
               "dangerous"):
    assert (phrase, "author") in flagged, f"key: framing should flag {phrase!r} in the author's voice"
for phrase in ("butcher", "blood on his hands"):
    assert (phrase, "quoted") in flagged, f"key: framing should put {phrase!r} in the quoted voice"
assert not any(q in ("blatant act", "aggression", "dangerous") for q, v in flagged if v == "quoted"), flagged
assert ("precision strike", "author") in flagged, "key: framing should flag 'precision strike' (author's voice)"
assert not any("flawless" in q for q, _ in flagged), "key: framing should not flag 'flawless'"
everyone = [q for q in analysis["attribution"]["quotes"] if "Everyone knows" in q["quote"]]
assert everyone == [], f"key: framing now reads 'Everyone knows ...' as a quotation: {everyone}"
k = {(a, b): kappa_nltk(readers, a, b) for a, b in [("Ana", "Chloe"), ("Ana", "Ben"), ("Ben", "Chloe"),
                                                   ("Ana", "tool"), ("Chloe", "tool")]}
assert abs(k["Ana", "Chloe"] - 0.45) < 0.05, f"key: kappa Ana-Chloe is {k['Ana', 'Chloe']:.2f}, not about 0.45"
assert all(abs(k[p] - 0.2) < 0.05 for p in [("Ana", "Ben"), ("Ben", "Chloe")]), f"key: Ben's kappas are not about 0.2: {k}"
assert k["Ana", "tool"] > k["Ana", "Chloe"] and k["Chloe", "tool"] > k["Ana", "Chloe"], f"key: kappas with the tool {k}"
print("key checked:", {f"{a}-{b}": round(v, 2) for (a, b), v in k.items()})

# %% [markdown]
# ## 5. Sentence scores
#
# Besides single words, framing gives every sentence a score between 0 and 1: the probability that a reader would call
# the sentence biased. It comes from a classifier trained on thousands of news sentences that people labelled as
# biased or not (the BABE data set, Spinde et al., 2021), combined with the word lists. A score of 0.5 or more
# counts as "loaded".

# %%
text = article.text
table([{"score": round(s["score"], 2), "sentence": text[s["start"]:s["end"]]} for s in ll["sentences"]],
      caption="Sentence scores (0 = neutral, 1 = loaded)")

# %% [markdown] tags=["try-it"]
# ## 6. Rewrite it neutrally
#
# The cell below holds a copy of the text. Rewrite it so that the **author's voice** is neutral, while keeping **every
# fact**: who did what, where, when, and all the numbers. Leave the quotation as it is — you cannot change what
# Hollis said, only how you introduce it. Run the cell to score your version next to the original.

# %% tags=["try-it"]
MY_TITLE = "Kestria's reckless strike plunges the border into chaos"
MY_REWRITE = """Kestria's reckless government unleashed a brutal drone attack near the Tamsel River crossing on Sunday, killing General Teodor Vashti and plunging the border into chaos. The so-called precision strike tore through a convoy on a busy farm road.

Kestria's Defence Ministry said four soldiers died. Velmora's Health Ministry said nine people were killed, three of them civilians.

Defence Minister Clara Hollis boasted that the operation had been "a flawless success" and called Vashti "a butcher with blood on his hands."

Everyone knows this blatant act of aggression will only make the region more dangerous. The Velmoran Assembly is due to meet on Monday."""

rewrite = framing.analyze(framing.load_text(MY_REWRITE, title=MY_TITLE))
keys = ["loaded_terms_author", "loaded_per_1000_author", "loaded_terms_quoted", "share_sentences_loaded"]
before, after = summary(analysis), summary(rewrite)
table([{"measure": k, "original": before[k], "your rewrite": after[k]} for k in keys], caption="Before and after")

# %%
rewrite   # the highlights that remain in your version

# %% [markdown] tags=["exercise"]
# ### Exercise 2 — A neutral rewrite
# 1. Edit `MY_TITLE` and `MY_REWRITE` above until the tool finds **no loaded terms in the author's voice**
#    (`loaded_terms_author` = 0) — *without* deleting any fact. Check yourself: are the numbers 4, 9 and 3 still
#    there? Vashti, Hollis, the Tamsel River crossing, Sunday and Monday?
# 2. Did you also have to change the word *boasted*? Which verb did you choose instead, and why?
# 3. Is a text with a score of 0 automatically fair? Give one way a text could still favour one side
#    (think about **what** is reported, not **how**).

# %% [markdown] tags=["key"]
# ### 🔑 Key to exercise 2
# A model rewrite (one of many good ones) is scored in the next cell. Points to look for:
# * *reckless government unleashed a brutal drone attack* → *Kestria's military carried out a drone strike*;
#   *plunging the border into chaos* → describe the consequence instead (*traffic at the crossing stopped*) or drop it
#   if no fact supports it; *so-called precision strike tore through* → *the strike hit*; *boasted* → *said*;
#   *Everyone knows this blatant act of aggression will only ...* → attribute the judgement to someone who made it, or
#   leave it out.
# * The quotation stays word for word: changing it would misreport Hollis. Its loaded words are still counted, but as
#   `quoted`, so they do not count against the author's voice.
# * Question 3: yes — by **selection and omission**: leaving out the civilian deaths, quoting only one government,
#   putting one side's figures in the headline. Word lists cannot see what is missing (lessons 4 and 5).

# %% tags=["key"]
MODEL_TITLE = "Kestrian drone strike kills Velmoran general near border"
MODEL_REWRITE = """A Kestrian drone struck a convoy near the Tamsel River crossing on Sunday, killing General Teodor Vashti. The strike hit vehicles on a road used by farmworkers.

Kestria's Defence Ministry said four soldiers died. Velmora's Health Ministry said nine people were killed, three of them civilians.

Defence Minister Clara Hollis said the operation had been "a flawless success" and called Vashti "a butcher with blood on his hands."

Velmora's government said the strike would make the region more dangerous. The Velmoran Assembly is due to meet on Monday."""

model = framing.analyze(framing.load_text(MODEL_REWRITE, title=MODEL_TITLE))
m = summary(model)
display(table([{"measure": k, "original": before[k], "model rewrite": m[k]} for k in keys],
              caption="Original vs the model rewrite"))

# Key check: the model rewrite reaches the exercise's goal, and the quotation's words stay counted as quoted.
assert before["loaded_terms_author"] > 0 and m["loaded_terms_author"] == 0, \
    f"key: the model rewrite should have no loaded terms in the author's voice, has {m['loaded_terms_author']}"
model_quoted = {s["quote"] for s in model["loaded_language"]["spans"] if s["voice"] == "quoted"}
assert {"butcher", "blood on his hands"} <= model_quoted, f"key: Hollis's words should stay quoted, got {model_quoted}"

# %% [markdown] tags=["exercise"]
# ### Exercise 3 — Whose words are they?
# Hollis calls Vashti *"a butcher with blood on his hands."*
# 1. Look at the `voice` column of the table in section 3. How does the tool treat these words, and why is that the
#    right thing to do?
# 2. Does an outlet that quotes these words share Hollis's view? Write two arguments for "no" and one for "sometimes".
# 3. Look at the verb that introduces the quote in the original (*boasted*). Whose voice is that verb in?

# %% [markdown] tags=["key"]
# ### 🔑 Key to exercise 3
# 1. The words inside the quotation marks are marked `quoted`: they are Hollis's choice, not the outlet's. framing reports
#    loaded terms per 1,000 words for the author's voice and for quotes separately for this reason. But look at whom
#    the report credits with the second quotation: its legend lists the speaker as **operation** (kind *unknown*), not
#    Hollis — a tool error: *called Vashti "a butcher ..."* shares its subject, Hollis, with *boasted*, and framing
#    takes *the operation* from the clause before instead (checked below).
# 2. *No*: reporting what a minister said is news; readers need to know how a government talks about its enemy. *No*:
#    the outlet may quote the other side just as fully. *Sometimes*: **which** quotes are chosen (only the most
#    inflammatory ones from one side, none from the other) is itself a framing choice — lesson 2 looks at this.
# 3. *Boasted* is in the **author's voice**: the reporter chose it instead of *said*. It tells the reader that Hollis was
#    proud in an unpleasant way. This is why reporting verbs get their own lesson.

# %% tags=["key"]
# Key check: the butcher quotation is credited to "operation" (kind unknown), the boasted one to Hollis.
by_cue = {q.get("cue"): q for q in analysis["attribution"]["quotes"]}
assert by_cue["boasted"]["speaker"] == "Clara Hollis" and by_cue["boasted"]["cue_class"] == "loaded", by_cue["boasted"]
butcher = next(q for q in analysis["attribution"]["quotes"] if "butcher" in article.text[q["start"]:q["end"]]
               and q["type"] == "direct")
assert (butcher["speaker"], butcher["speaker_kind"]) == ("operation", "unknown"), \
    f"key: the butcher quote is now credited to {butcher['speaker']!r} ({butcher['speaker_kind']}): update the key"
butcher_spans = [s for s in ll["spans"] if s["quote"] in ("butcher", "blood on his hands")]
assert butcher_spans and all(s["voice"] == "quoted" for s in butcher_spans), "key: Hollis's words should be quoted"

# %% [markdown]
# ## Summary
# * Loaded words add a judgement to a fact. They are choices, not necessarily lies.
# * Separate the **author's voice** from **quoted voices** before you judge an outlet.
# * Two readers (or a reader and a tool) can be compared with **Cohen's kappa**, which corrects for chance agreement.
# * A neutral rewrite keeps every fact and moves judgements into the mouths of the people who made them.
#
# **Next lesson:** who gets to speak in a news story, and how the reporter introduces them.
