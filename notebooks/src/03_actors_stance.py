# %% [markdown] tags=["key"]
# > **TEACHER'S KEY — do not hand this version out.**
# > It is the student notebook with answers added after each exercise (cells starting with 🔑).
# > The student version is the file without `_key` in its name.

# %% [markdown] tags=["goals"]
# # Lesson 3 — Actors and stance: heroes, villains and victims
#
# *About 40 minutes.*
#
# ## Learning goals
# By the end of this lesson you can:
# - list the **actors** of a news story (people, governments, groups) and notice when one actor is named in several ways;
# - describe the roles a story gives them: **hero**, **villain**, **victim** — and the evidence for each;
# - tell the **agent** (who acts) from the **patient** (who is acted upon) in a sentence, and see how the passive voice can hide the agent;
# - read framing's **stance** score for an actor and check it against the evaluative words it is based on;
# - tell an actor's **role** in the story (what happens in it) from the author's **stance** (what the author's words
#   say about the actor): being killed in a story is a role, not the author's sympathy.

# %% tags=["install"]
# Setup. In Google Colab or VS Code, run this cell first: it installs framing (and its English spaCy model) when it
# is missing. In a checkout of the repository it does nothing. The development version installs from the git
# repository instead: %pip install "framing-analyzer @ git+<repository URL>"
import importlib.util

if importlib.util.find_spec("framing") is None:
    get_ipython().run_line_magic("pip", "install -q framing-analyzer")

# %% [markdown]
# ## 1. Stories have characters
#
# Many news stories, like fairy tales, have a cast: someone who causes harm (a **villain**), someone who is harmed (a
# **victim**) and someone who helps or protects (a **hero**). Reporters rarely say "the villain" — the **roles** come
# from the plot:
#
# * **actions**: who *attacks*, *kills*, *threatens* and who *defends*, *protects*, *helps*;
# * **who is acted upon**: the people who *are killed*, *are forced to flee*.
#
# framing reports each actor's **role** (hero / villain / victim, or none) in a section of its own, `roles`, with the
# verbs it is based on as evidence.
#
# The **stance** is a different question: what do the **author's own words** say about the actor? framing's stance
# comes only from **evaluative language aimed at the actor**:
#
# * **labels and epithets**: *the ruthless general*, *brave volunteers*, *the regime*;
# * **evaluative adjectives and predicates**: *X is corrupt*, *a proud nation*;
# * **praise and blame** with the actor as its target, and a sentence model that judges how the sentence around a
#   mention treats the actor.
#
# The stance runs from −1 (very negative) through 0 (neutral) to +1 (very positive), with the words as evidence. Two
# more numbers say how much it rests on: `stance_strength` (how strong the evidence is) and `stance_evaluated_share`
# (the share of the actor's mentions that carry evaluative words). An actor is **neutral** when the strength is below
# 0.4 — weak or balanced evidence. So a plain report that someone *was killed* makes them a **victim** (a role) but
# says nothing about whether the author likes them: their stance stays neutral.

# %%
# Setup: run this cell first (Shift+Enter). It loads framing and two small display helpers.
import framing
import framing.schema  # actor_cards: one card per actor, with its stance
from framing.widgets import summary, table  # noqa: F401 (summary: offered to the reader for the try-it cells)

print("framing", framing.__version__, "is ready")

# %%
TITLE = "Border villages count the cost of Kestrian strike"
TEXT = """Kestrian drones attacked a convoy near the village of Orsk on Sunday. The strike killed General Teodor Vashti and two farmworkers.

Velmoran soldiers defended the crossing through the night, and volunteers helped families leave their homes.

Villagers said Kestrian troops had threatened farmers near the river for months. Teachers in Orsk protected forty children in a school basement.

Kestria's government praised its pilots. Velmora's Health Ministry said nine people were killed."""

article = framing.load_text(TEXT, title=TITLE)
print(article.text)

# %% [markdown] tags=["try-it"]
# ### Try it: cast the story yourself
# Before running the analysis, decide for each actor — Kestria (and its drones, troops, government), Velmora (its
# soldiers, ministry), the villagers and farmers, the volunteers, the teachers, General Vashti — whether the story
# makes them a hero, a villain, a victim, or none. Write it down with the word that made you decide.

# %% [markdown]
# ## 2. framing's actor table
#
# * **mentions** — how often the actor is named (framing tries to merge other names for the same actor, e.g.
#   *Kestria* and *Kestrian*, but does not always manage — and it can miss an actor altogether: check the table
#   against your own list);
# * **agent / patient** — how often the actor does something to someone, and how often something is done to it;
# * **role** — hero / villain / victim from the `roles` section (empty: the story gives it none, or framing is unsure);
# * **stance** and **stance label** — negative / neutral / positive, from evaluative words only;
# * **strength** and **evaluated** — how strong the stance evidence is (neutral below 0.4), and the share of mentions
#   that carry evaluative words;
# * **labels** — the evaluative words the text attaches to the actor.

# %%
analysis = framing.analyze(article)

def n(x):
    return len(x) if isinstance(x, (list, tuple)) else x

def words(labels):
    return ", ".join(str(lab.get("quote") or lab.get("term") or lab.get("label")) if isinstance(lab, dict) else str(lab)
                     for lab in labels or [])

actors = framing.schema.actor_cards(analysis.to_dict())   # one card per actor: name, mentions, agent/patient, stance
roles = {r["name"]: r for r in analysis.to_dict()["roles"]}  # narrative role per actor name, with its evidence

def role_of(name):
    return (roles.get(name) or {}).get("role")

table([{"actor": a["name"], "kind": a.get("kind"), "mentions": n(a.get("mentions")), "agent": a.get("agent"),
        "patient": a.get("patient"), "role": role_of(a["name"]), "stance": a.get("stance"),
        "label": a.get("stance_label"), "strength": a.get("stance_strength"),
        "evaluated": a.get("stance_evaluated_share"), "labels": words(a.get("labels"))}
       for a in actors], caption="Actors")

# %%
import matplotlib.pyplot as plt

shown = [a for a in actors if a.get("stance") is not None][:10]
fig, ax = plt.subplots(figsize=(6, 0.45 * len(shown) + 1))
ax.barh([a["name"] for a in shown], [a["stance"] for a in shown], color="grey", edgecolor="black",
        hatch=["//" if a["stance"] < 0 else "" for a in shown] if shown else None)
ax.axvline(0, color="black", linewidth=0.8)
ax.set_xlim(-1, 1)
ax.set_xlabel("stance (-1 negative ... +1 positive); hatched bars are negative")
ax.set_title("How the text treats each actor")
ax.invert_yaxis()
plt.show()

# %% [markdown] tags=["try-it"]
# ### Where does a stance come from?
# Every stance comes with **evidence**: the exact words in the text and how much each one pushed the score up or down
# (`stance.label` and `stance.evaluative`: an evaluative word aimed at the actor; `stance.target_sentiment`: the
# sentence model). Every role has evidence too: the verbs and nouns that made framing cast the actor.
# Choose an actor by name and compare the two.

# %% tags=["try-it"]
WHO = actors[0]["name"] if actors else ""   # <- type another actor's name from the table
chosen = next((a for a in actors if a["name"] == WHO), None)
if chosen is None:
    print("No actor with that name: copy a name from the table above.")
else:
    display(table([{"words": e.get("quote"), "weight": e.get("weight"), "rule": e.get("rule"),
                    "voice": e.get("voice"), "why": e.get("detail")}
                   for e in chosen.get("evidence", [])], caption=f"Evidence for the stance toward {WHO}"))
    display(table([{"words": e.get("quote"), "why": e.get("detail")}
                   for e in (roles.get(WHO) or {}).get("evidence", [])],
                  caption=f"Evidence for the role of {WHO}: {role_of(WHO) or 'none'}"))

# %% [markdown] tags=["exercise"]
# ### Exercise 1 — Heroes, villains and victims
# 1. Fill in a table with one row per actor: *your* role (hero / villain / victim / none), the word that decided it,
#    framing's role and framing's stance label.
# 2. Where do you and the tool disagree? Look at the evidence tables for that actor: what did the tool base its role
#    and its stance on?
# 3. The text never uses an insulting label. How does it still make one side look bad? And why is framing's stance
#    neutral for every actor?

# %% [markdown] tags=["key"]
# ### 🔑 Key to exercise 1
# | actor | role | deciding words |
# |---|---|---|
# | Kestria / Kestrian drones, troops, government | villain | *attacked*, *killed*, *had threatened farmers* (agent of harmful verbs) |
# | Velmoran soldiers | hero | *defended the crossing* |
# | volunteers | hero | *helped families* |
# | teachers in Orsk | hero | *protected forty children* |
# | villagers, farmers, farmworkers, children | victims | patients of *killed*, *threatened* |
# | General Vashti | victim here | patient of *killed*; the text says nothing about what he did |
# | Velmora's Health Ministry | none | a source (*said*) |
#
# **The stance is neutral for every actor, and that is right.** Read the text again for evaluative words aimed at an
# actor: there are none. The author never calls anyone *brave*, *ruthless* or a *regime*; the only word of praise,
# *praised*, is Kestria's government praising its pilots — Kestria's judgement, not the author's. The roles come from
# the plot; the stance would need the author's own judgement, and the text gives none.
#
# **What framing actually reports for this text** (checked with this version; re-run and compare):
# * **General Vashti** is a **victim** (patient of *killed*) with a stance of exactly 0.00 and **no stance evidence at
#   all**. This is the lesson's main point: being killed in a story is a role, not the author's sympathy. (Earlier
#   versions of framing counted it as sympathy and called the author "positive" toward him.)
# * The **Velmoran soldiers** appear as a group called *forces*: a **hero** (agent of *defended*), with a neutral
#   stance (about +0.2 from the sentence model, well below the 0.4 strength a stance needs). *Velmoran* is also listed
#   as an organisation, neutral, with no role.
# * **Kestria is missing.** *Kestrian drones*, *Kestria's government* and the *Kestrian strike* in the headline are not
#   found as an actor. Only one *Kestrian* mention is found (in *Kestrian troops had threatened*, inside what the
#   villagers said), listed as a "person" with no role, a stance of 0.00 in the author's voice and about −0.2 (still
#   neutral) in the quoted voice. The main villain of the story gets no role: a clear **tool error**, and a good one
#   for students to find.
# * **Orsk**, a village, is wrongly classed as a *person*; its stance is close to zero and it has no role.
# * The **Health Ministry** is neutral — correct for a source — but framing's role model casts it as a **hero**, with
#   *said* as evidence: another tool error (speaking is not helping).
# * The volunteers, teachers, villagers and farmers are **not** in the table: framing keeps named actors and a few
#   kinds of group (forces, officials, civilians), not every group of people.
#
# The point of question 3: bias can live in **who is shown doing what** — Kestria only attacks and praises its own
# pilots; Velmora only defends and helps — with no loaded adjective at all. That is a matter of **roles** (after
# Rashkin et al., 2016, on the connotations of verbs), and a reader should notice it; framing's stance, which
# measures the author's evaluative words, rightly stays neutral. *Praised its pilots* is neutral in wording but, next
# to the civilian deaths, invites the reader to judge.

# %% tags=["key"]
# Key check: what the key says framing reports for this text, computed from the actor cards and roles (fails if it changes).
card = {a["name"]: a for a in actors}

def about(value, target, tol=0.05):
    return value is not None and abs(value - target) <= tol

assert all(a["stance_label"] == "neutral" and a["stance_strength"] < 0.4 for a in actors), \
    f"key: an actor is no longer neutral: {[(a['name'], a['stance_label']) for a in actors]}"
vashti = card["Teodor Vashti"]
assert vashti["patient_verbs"] == ["kill"] and role_of("Teodor Vashti") == "victim", (vashti, roles.get("Teodor Vashti"))
assert vashti["stance"] == 0.0 and vashti["evidence"] == [], f"key: Vashti's stance now has evidence: {vashti['evidence']}"
forces = card["forces"]
assert forces["agent_verbs"] == ["defend"] and role_of("forces") == "hero" and about(forces["stance"], 0.2, 0.1), forces
assert card["Velmoran"]["kind"] == "organisation" and role_of("Velmoran") is None
assert not any(a["name"].startswith("Kestria") and a["name"] != "Kestrian" for a in actors), \
    "key: framing now finds Kestria as an actor: update 'Kestria is missing'"
kestrian = card["Kestrian"]
assert (kestrian["kind"], n(kestrian["mentions"]), role_of("Kestrian")) == ("person", 1, None), kestrian
assert about(kestrian["stance_author"], 0.0, 0.01) and about(kestrian["stance_quoted"], -0.2), \
    f"key: Kestrian's stances are {kestrian['stance_author']} (author) and {kestrian['stance_quoted']} (quoted)"
assert kestrian["stance_quoted_label"] == "neutral", kestrian
assert card["Orsk"]["kind"] == "person" and about(card["Orsk"]["stance"], 0.0, 0.02) and role_of("Orsk") is None
assert role_of("Health Ministry") == "hero" and any(e["quote"] == "said" for e in roles["Health Ministry"]["evidence"])
missing = [g for g in ("volunteers", "teachers", "villagers", "farmers") if any(g in a["name"].lower() for a in actors)]
assert not missing, f"key: framing now lists {missing}"
print("key checked:", {a["name"]: (role_of(a["name"]), a["stance"]) for a in actors})

# %% [markdown] tags=["try-it"]
# ## 3. Who acts? Active and passive
#
# The same event can be told with a clear agent, with a hidden agent, or with no agent at all. Run the cell: it analyzes
# four versions of one sentence and counts who is an agent and who is a patient, with each actor's role and stance.

# %% tags=["try-it"]
versions = {
    "active":           "Kestrian soldiers shot two farmers near the river on Sunday.",
    "passive + agent":  "Two farmers were shot by Kestrian soldiers near the river on Sunday.",
    "agentless":        "Two farmers were shot near the river on Sunday.",
    "no action at all": "Two farmers died near the river on Sunday.",
}
rows = []
for name, sentence in versions.items():
    an = framing.analyze(framing.load_text(sentence, title="Farmers killed near border river"))
    cards = framing.schema.actor_cards(an.to_dict())
    cast = {r["name"]: r for r in an.to_dict()["roles"]}
    for a in cards:
        rows.append({"version": name, "actor": a["name"], "agent": a.get("agent"), "patient": a.get("patient"),
                     "role": (cast.get(a["name"]) or {}).get("role"),
                     "harms": (cast.get(a["name"]) or {}).get("harms"),
                     "stance": a.get("stance"), "label": a.get("stance_label")})
    if not cards:
        rows.append({"version": name, "actor": "(no actor found)"})
table(rows, caption="Who acts in each version?")

# %% [markdown] tags=["exercise"]
# ### Exercise 2 — Hiding the agent
# 1. In which versions can a reader tell **who** fired? What happens to the Kestrian soldiers in the table as you go down?
# 2. Which version would a Kestrian government spokesperson prefer? Which would a Velmoran one prefer? Why?
# 3. Write your own four versions of a sentence about a different event (e.g. police and protesters, a company and
#    its workers), put them into `versions`, and run the cell again. Does the tool follow the agent correctly?

# %% [markdown] tags=["key"]
# ### 🔑 Key to exercise 2
# 1. Only the **active** and **passive + agent** versions name the soldiers. framing gets both right: in each it finds
#    the soldiers (as a group called *forces*) as the **agent** of *shoot* (agent = 1, and the roles section counts one
#    harmful act, harms = 1) — the passive with *by* does not fool it. Their stance is **neutral** (about −0.1):
#    the sentence reports a shooting without any evaluative word about the soldiers, and shooting someone is a role
#    in the story, not the author's judgement. A human reader would cast them as villains; framing's role model gives
#    **no role** here (it is not confident enough) — a miss. In the agentless version and the *died* version it finds
#    **no actor at all**: the soldiers have vanished, and so has any sign that someone is responsible. Note what the
#    tool does *not* show: the farmers never appear as patients, because framing does not keep unnamed groups like
#    *two farmers* as actors, and it does not link *Kestrian* to the soldiers.
# 2. A Kestrian spokesperson would prefer the agentless or *died* version (no one is responsible); a Velmoran one the
#    active version (Kestria is the subject of *shot*).
# 3. Watch for students who notice the tool's limits: unusual verbs not in its connotation list get no role; groups
#    that are not named or not one of its known kinds (police and protesters usually are; *workers* may not be) are
#    missing. This is a good bridge to lesson 5.

# %% tags=["key"]
# Key check: the soldiers are found as "forces", agent of shoot, neutral, no role, in the first two versions only.
found = {name: [r for r in rows if r["version"] == name and r["actor"] != "(no actor found)"] for name in versions}
for name in ("active", "passive + agent"):
    assert [(r["actor"], r["agent"], r["patient"], r["harms"]) for r in found[name]] == [("forces", 1, 0, 1)], \
        (name, found[name])
    assert found[name][0]["label"] == "neutral" and abs(found[name][0]["stance"] + 0.1) <= 0.05, \
        f"key: {name} stance is {found[name][0]['stance']} ({found[name][0]['label']})"
    assert found[name][0]["role"] is None, f"key: framing now gives the soldiers a role: {found[name][0]['role']}"
assert found["agentless"] == [] and found["no action at all"] == [], "key: framing now finds actors without an agent"
soldiers = framing.schema.actor_cards(framing.analyze(framing.load_text(versions["active"])).to_dict())[0]
linked = " ".join([soldiers["name"], *soldiers.get("aliases", []), str(soldiers.get("affiliation") or "")])
assert "kestria" not in linked.lower(), f"key: framing now links Kestrian to the soldiers: {linked}"

# %% [markdown] tags=["try-it"]
# ## 4. One actor, two outlets
#
# In the example corpus, different outlets tell the same story. Compare how two of them treat the same person.
# The hawkish and the state-media articles usually differ most.

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
FIRST, SECOND = 1, 3        # <- two article numbers from the table above
PERSON = "Vashti"           # <- part of an actor's name

def stance_of(number, part):
    an = framing.analyze(example_article(number))
    cast = {r["name"]: r for r in an.to_dict()["roles"]}
    for a in framing.schema.actor_cards(an.to_dict()):
        if part.lower() in a["name"].lower() or any(part.lower() in x.lower() for x in a.get("aliases", [])):
            return {"outlet": an["article"]["outlet"], "actor": a["name"], "stance": a.get("stance"),
                    "label": a.get("stance_label"), "strength": a.get("stance_strength"),
                    "labels": words(a.get("labels")), "role": (cast.get(a["name"]) or {}).get("role"),
                    "evidence": [(e["quote"], e["weight"], e.get("voice")) for e in a.get("evidence", [])
                                 if e.get("rule") != "stance.target_sentiment"]}
    return {"outlet": an["article"]["outlet"], "actor": f"({part} not found)"}

table([stance_of(FIRST, PERSON), stance_of(SECOND, PERSON)], caption=f"How two outlets treat {PERSON}")

# %% [markdown] tags=["exercise"]
# ### Exercise 3 — Same person, different character
# 1. With the cell above, compare the stance toward **General Vashti** in two outlets of your choice. Which words does
#    each outlet attach to him? Does his role (victim, hero, none) change with the outlet as much as his stance?
# 2. Do the same for **President Anselm Rook** or **Kestria**. Is one outlet negative about everyone, or only about one side?
# 3. In one sentence each, describe the "story" each outlet tells: who is the hero, who the villain?

# %% [markdown] tags=["key"]
# ### 🔑 Key to exercise 3
# The example corpus's key (`corpora/example/KEY.md`, shipped with framing) lists the devices each article uses.
# The articles were written so that the **state media** article of Velmora makes Vashti a hero and martyr (*heroic
# commander*, *martyred*) and Kestria the villain (*aggressors*, *regime*, *cowardly terrorist act*); the **hawkish**
# article does the reverse (Vashti as a *mastermind* of attacks, Kestria acting to protect its people); the wire reports
# stay neutral. Students should notice that the *same facts* support both stories.
#
# What framing reports for Vashti (the next cell; checked with this version), read against the texts:
# * **Velmoran News Agency**: **positive** (about +0.4), from *martyred hero* in the headline and *the heroic
#   commander*. It also counts *the fallen general* as a negative word — a **tool error**: in a state funeral report
#   *fallen* is an honour, not a blame.
# * **The Kestrian Sentinel**: **negative** (about −0.45), from *the terror mastermind*.
# * **The Daily Blaze**: the most **negative** (about −0.65): *most feared warlord* and *Vashti's thugs* in the
#   author's voice. *The bloodthirsty general* and *wiped out* are in a sentence the tabloid attributes to Kestrian
#   defence chiefs, so framing counts them in the **quoted** voice, apart from the author's.
# * The two wire reports (Continental Press Agency, Northgate), the dovish Meridian Post and the partisan Counterpoint
#   Weekly are **neutral**: they report that he was killed without an evaluative word about him — right, because
#   reporting a death is not sympathy. Northgate and Counterpoint cast him as a **victim** (a role), still with a
#   neutral stance: exactly the difference between role and stance.
#
# So the tool finds the split, with the words behind it. For Kestria and Rook, see the stance table in lesson 4; its
# key gives (and checks) the figures.

# %% tags=["key"]
vashti_rows = [stance_of(i, "Vashti") for i in range(len(example_rows))]
display(table(vashti_rows, caption="Vashti in every article of the example corpus"))

# Key check: the figures and words quoted above.
v = {r["outlet"]: r for r in vashti_rows}

def quotes(outlet, voice="author"):
    return {q for q, _, vc in v[outlet]["evidence"] if vc == voice}

vna, sentinel, blaze = v["Velmoran News Agency"], v["The Kestrian Sentinel"], v["The Daily Blaze"]
assert vna["label"] == "positive" and abs(vna["stance"] - 0.4) <= 0.05 and {"hero", "heroic commander"} <= quotes(
    "Velmoran News Agency"), vna
assert any(q == "fallen" and w < 0 for q, w, _ in vna["evidence"]), "key: 'fallen' no longer counts as negative"
assert sentinel["label"] == "negative" and abs(sentinel["stance"] + 0.45) <= 0.05 and "mastermind" in sentinel["labels"]
assert blaze["label"] == "negative" and abs(blaze["stance"] + 0.65) <= 0.05, blaze
assert {"feared", "thugs"} <= quotes("The Daily Blaze"), quotes("The Daily Blaze")
assert {"bloodthirsty general", "wiped out"} <= quotes("The Daily Blaze", "quoted"), blaze["evidence"]
assert min(vashti_rows, key=lambda r: r["stance"])["outlet"] == "The Daily Blaze"
for outlet in ("Continental Press Agency", "Northgate Broadcasting", "The Meridian Post", "Counterpoint Weekly"):
    assert v[outlet]["label"] == "neutral" and v[outlet]["evidence"] == [], (outlet, v[outlet])
assert v["Northgate Broadcasting"]["role"] == "victim" and v["Counterpoint Weekly"]["role"] == "victim"

# %% [markdown]
# ## Summary
# * Stories cast actors as heroes, villains and victims through actions and who is acted upon: these are **roles**.
# * The author's **stance** is something else: the evaluative words aimed at an actor. Being killed in a story makes
#   someone a victim, not someone the author likes.
# * The passive voice and verbs like *died* can hide who is responsible.
# * framing's stance and roles are only as good as their evidence — always look at the words behind them.
#
# **Next lesson:** the same event in many outlets — word choice, and what each one leaves out.
