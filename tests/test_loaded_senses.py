"""Audit of lexicons/loaded_senses.tsv: for entries of every category, a sentence where the term is loaded (it must
be flagged) and one where the same word is not (it must not be): the part-of-speech column does the separating.

Pairs were written by hand for this test; where the part-of-speech check cannot separate the two uses (a literal
verb and its metaphorical sense are both verbs) the plain case is an ``xfail`` that documents the limit.
"""

from __future__ import annotations

import pytest

from framing.analyzers.loaded_language.rules import SENSES, doc_hits
from framing.ingest import load_text
from framing.nlp import parse
from framing.resources import lexicons

# (term, a sentence where it is loaded, a sentence where the same word is plain)
PAIRS = [
    ("blast", "The senator blasted the plan on Tuesday.", "The blast shattered windows across the street."),
    ("hammer", "Critics hammered the governor over the budget.", "He bought a hammer and some nails."),
    ("torch", "Officials torched the proposal in a long statement.", "The torch was carried through the city."),
    ("rip", "Republicans ripped the administration over the briefing.", "She ripped the paper in half."),
    ("trash", "The candidate trashed the agreement at a rally.", "The trash was collected on Monday."),
    ("cave", "The mayor caved to pressure from the unions.", "The explorers found a cave near the river."),
    ("crow", "The campaign crowed about the poll numbers.", "A crow landed on the fence."),
    ("parrot", "The spokesman parroted the talking points.", "The parrot in the cage repeated a few words."),
    ("rail", "The senator railed against the new tax.", "The train left the rail near the station."),
    ("pounce", "Opponents pounced on the gaffe within minutes.", None),
    ("steamroll", "The majority steamrolled the opposition in the vote.", None),
    ("take out", "The strike took out the commander near the airport.", "She took out a loan to pay for college."),
    ("bring to justice", "The bomber was finally brought to justice.", None),
    ("weasel", "The columnist called the minister a weasel.", None),
    ("dirtbag", "He called the rival candidate a dirtbag.", None),
    ("half-wit", "Only a half-wit would sign such a deal.", None),
    ("rat", "The defector was branded a rat by his former allies.", "A rat ran across the kitchen floor."),
    ("snake", "The aide was a snake who betrayed everyone.", "A snake was found in the garden."),
    ("cheerleader", "The network has become a cheerleader for the war.", "The cheerleader led the crowd at the game."),
    ("cheerleading", "The coverage amounted to cheerleading for the strike.", None),
    ("hack", "Critics called the columnist a party hack.", "The hack exposed millions of passwords."),
    ("bellicose", "The minister gave a bellicose speech on Friday.", None),
    ("breathless", "The breathless coverage of the strike continued all week.", None),
    ("perverse", "The sanctions had a perverse effect on ordinary people.", None),
    ("treachery", "The rebels accused the general of treachery.", None),
    ("specter", "The crisis raised the specter of another war.", None),
    ("circus", "The hearing turned into a circus.", "The circus came to town in June."),
    ("happily", "The group has happily returned to smuggling.", None),
    ("shocking", "It was a shocking decision by the court.", None),
    ("explosive", "The report contained explosive allegations.", None),
    ("outrage", "The outrage over the remarks grew on Monday.", None),
    ("killer", "He was a cold killer of civilians.", "The killer whale swam past the boat."),
    # session 5 additions (general vocabulary; plain uses where the part of speech or context separates them)
    ("scream", "Opponents screamed that the bill would ruin the economy.", "The scream of the siren woke the street."),
    ("deride", "Critics derided the plan as a gimmick.", None),
    ("hurl", "The candidate hurled insults at his rival during the debate.", None),
    ("reek of", "The deal reeks of favoritism, the editorial said.", None),
    ("insinuate", "The spokesman insinuated that the reporters were paid.", None),
    ("glorify", "The film glorifies the militia and its leader.", None),
    ("harass", "Activists say the police harassed the organizers for weeks.", None),
    ("cry foul", "The losing side cried foul after the count.", None),
    ("mire", "The project has been mired in delays since spring.", "The truck was stuck in the mire by the river."),
    ("roil", "The dispute roiled the coalition for a month.", None),
    ("upend", "The ruling upended decades of practice.", None),
    ("devastate", "The new tariffs devastate small exporters, the column argues.", "The devastation after the storm was vast."),
    ("ratchet up", "The ministry ratcheted up its rhetoric on Friday.", None),
    ("wanton", "The report describes wanton destruction of farms.", None),
    ("notorious", "The notorious smuggler was arrested on Monday.", None),
    ("strident", "The strident calls for a boycott grew louder.", None),
    ("indiscriminate", "Residents described indiscriminate shelling of the town.", None),
    ("fawning", "The network's fawning coverage of the visit drew complaints.", None),
    ("thankfully", "Thankfully, the council rejected the proposal.", None),
    ("falsely", "The ad falsely portrays the senator as absent.", None),
    ("quagmire", "Critics warned that the mission would become a quagmire.", None),
    ("amateur hour", "The launch of the website was amateur hour.", None),
    ("stir the pot", "The governor likes to stir the pot before elections.", "Stir the sauce in the pot for two minutes."),
    ("true believer", "Only the true believers still defend the policy.", None),
    ("ugly", "The campaign took an ugly turn last week.", None),
    ("hypocritical", "The senator called the decision hypocritical.", None),
    ("concoct", "The group concocted a story about the missing funds.", None),
    ("sucker", "He said voters were suckers for the slogan.", "The octopus has a sucker on each arm."),
    ("misleading", "The ad makes misleading claims about the tax.", None),
    # moved from loaded_terms (lemma match flagged the noun): the verb accuses, the plural noun names deeds
    ("exploit", "The council exploited the tragedy to raise taxes.", "The pilot's wartime exploits were retold in a film."),
]

# session 6: entries mined systematically (reference lists x how often BABE/MBIC/PTC/BASIL mark the word) and
# headline idioms / multiword insults; a loaded use, and a plain use of the same word where one exists
PAIRS_S6 = [
    ("tyrannical", "The council passed a tyrannical curfew law.", None),
    ("despotic", "The despotic rule of the governor ended in 1990.", None),
    ("scandalize", "The remarks scandalized the diplomats at the dinner.", None),
    ("humiliate", "The vote was a humiliating defeat for the coalition.", None),
    ("humiliation", "The retreat was a humiliation for the party.", None),
    ("wrath", "The mayor faced the wrath of the unions.", None),
    ("cowardice", "The editorial blamed the senators' cowardice.", None),
    ("torment", "The new rules torment small farmers.", None),
    ("zeal", "The minister pursued the reform with ideological zeal.", None),
    ("zealotry", "The zealotry of the campaign alarmed donors.", None),
    ("pernicious", "The column warned of the pernicious influence of lobbyists.", None),
    ("dreadful", "The agency did a dreadful job with the rollout.", None),
    ("filth", "The pundit called the film filth.", None),
    ("manipulative", "The ads were manipulative, the group said.", None),
    ("rampant", "Corruption is rampant in the ministry.", None),
    ("baffling", "It was a baffling decision by the board.", None),
    ("hater", "The coach dismissed his critics as haters.", None),
    ("anarchy", "The city descended into anarchy after the vote.", None),
    ("petty", "The feud was driven by petty jealousy.", "He was convicted of petty theft in 2010."),
    ("vilification", "The vilification of the judge continued online.", None),
    ("obscene", "The bank reported obscene profits this year.", "He was charged with sending obscene material."),
    ("scandalous", "The award to the donor was scandalous.", None),
    ("mockery", "The trial was a mockery of justice.", None),
    ("trumpet", "The governor trumpeted the new jobs figures.", "She played the trumpet in the school band."),
    ("stingy", "The stingy budget left schools short.", None),
    ("spurn", "The union spurned the offer on Friday.", None),
    ("bluster", "The threats were mostly bluster.", None),
    ("hell-bent", "The board seemed hell-bent on closing the plant.", None),
    ("ruinous", "The tariffs proved ruinous for farmers.", None),
    ("hatemonger", "The host called the activist a hatemonger.", None),
    ("malevolent", "The report described a malevolent campaign against the press.", None),
    ("farcical", "The hearing was farcical from the start.", None),
    ("overzealous", "Overzealous inspectors closed the market.", None),
    ("immorality", "The sermon condemned the immorality of the policy.", None),
    ("testy", "The two leaders had a testy exchange.", None),
    ("foolish", "It was a foolish decision by the council.", None),
    ("frivolous", "The company called it a frivolous lawsuit.", None),
    ("pig", "The columnist said the mogul was a pig.", "The farmer sold a pig at the market."),
    ("rapacious", "Rapacious landlords raised rents again.", None),
    ("unrelenting", "The unrelenting attacks on the agency continued.", None),
    ("assail", "The senator assailed the plan in a speech.", None),
    ("vengeance", "The raid was an act of vengeance, the column said.", None),
    ("unethical", "The payments were unethical, the editorial argued.", None),
    ("wreck", "The tariffs wrecked the local economy.", "Divers explored the wreck off the coast."),
    ("freak", "His former aide said he was a control freak.", "A freak storm closed the airport."),
    ("childish", "The minister's childish insults drew criticism.", None),
    ("abomination", "The senator called the bill an abomination.", None),
    ("deceiver", "The pamphlet calls the mayor a deceiver.", None),
    ("inhuman", "The camps were inhuman, the editorial said.", None),
    ("absurdity", "The absurdity of the rule was plain.", None),
    ("brutalize", "The guards brutalized the prisoners.", None),
    ("malicious", "The malicious rumours about the candidate spread quickly.", "Malicious software infected the servers."),
    ("naive", "The plan was naive about the costs.", None),
    ("nasty", "The campaign turned nasty in October.", None),
    ("sketchy", "The sketchy evidence did not convince the jury.", None),
    ("embattled", "The embattled minister resigned on Friday.", None),
    ("rampage", "The rioters went on a rampage through downtown.", None),
    ("meaningless", "The pledge was meaningless, critics said.", None),
    ("treasonous", "The host called the leak treasonous.", None),
    ("demon", "The ads painted the governor as a demon.", "The film is about a demon in an old house."),
    ("darling", "The senator became the darling of the donors.", None),
    ("pious", "The minister gave a pious lecture on thrift.", None),
    ("debauchery", "The report described a week of debauchery at the resort.", None),
    ("surreal", "It was a surreal scene at the airport.", None),
    ("slut", "The troll called the reporter a slut.", None),
    ("prick", "He called the referee a prick.", "The test needs only a finger prick."),
    ("bitch", "The caller called the judge a bitch.", None),
    ("shit", "He said the deal was shit.", None),
    ("shithole", "He reportedly called the countries shitholes.", None),
    ("lay into", "The senator laid into the nominee during the hearing.", None),
    ("hit out at", "The coach hit out at the referees after the game.", None),
    ("sound the alarm", "Doctors sounded the alarm about the shortages.", None),
    ("pour cold water on", "The bank poured cold water on hopes of a rate cut.", None),
    ("moral high ground", "Both parties claimed the moral high ground.", None),
    ("pie in the sky", "The budget plan is pie in the sky.", None),
    ("tin-pot", "The column called him a tin-pot dictator.", None),
    ("banana republic", "Critics said the country was becoming a banana republic.", None),
    ("lapdog", "The paper called the regulator a lapdog of the industry.", None),
    ("hatchet man", "The aide served as the governor's hatchet man.", None),
    ("toady", "The minister was called a toady of the president.", None),
    ("chest-thumping", "The chest-thumping speech won applause.", None),
    ("scaremonger", "The minister called the doctors scaremongers.", None),
    ("scaremongering", "The campaign accused its rival of scaremongering.", None),
    ("lowlife", "The host called the protesters lowlifes.", None),
    ("sleazy", "The sleazy deal enriched the mayor's friends.", None),
    ("con man", "The columnist called the developer a con man.", None),
    ("elitist", "The plan was attacked as elitist.", None),
    ("bend the knee", "The party refused to bend the knee to the donors.", None),
    ("mow down", "Soldiers mowed down the protesters in the square.", None),
    ("snuff out", "The crackdown snuffed out the protest movement.", None),
    ("gun down", "Police said the guard was gunned down outside the bank.", None),
    ("stab in the back", "The union called the deal a stab in the back.", None),
    ("sweetheart deal", "The contract was a sweetheart deal for the mayor's ally.", None),
    ("gravy train", "The board members rode the gravy train for years.", None),
    ("cash grab", "Drivers called the new toll a cash grab.", None),
    ("hot air", "The summit's pledges were hot air.", None),
    ("empty promise", "Voters are tired of empty promises.", None),
    ("dog whistle", "The ad was a dog whistle to extremists.", None),
    ("gunboat diplomacy", "The columnist denounced the gunboat diplomacy of the fleet.", None),
    ("cowboy", "The senator called the general a cowboy.", "The cowboy rode across the ranch."),
    ("loose cannon", "The adviser was a loose cannon.", None),
    ("trigger-happy", "The trigger-happy guards fired at the car.", None),
    ("shellacking", "The party took a shellacking in the midterms.", None),
    ("drubbing", "The team suffered a drubbing at home.", None),
    ("gaslighting", "The campaign is gaslighting voters about the economy.", None),
    ("bamboozle", "The company bamboozled investors with rosy forecasts.", None),
    ("fleece", "The scheme fleeced pensioners of their savings.", "She wore a fleece on the hike."),
    ("swindle", "The scheme swindled pensioners of their savings.", None),
    ("cozy up to", "The minister wants to cozy up to the oil companies.", None),
    ("cozied up to", "The minister cozied up to the oil companies.", None),
    ("gaslit", "They gaslit the public for years.", None),
    ("in bed with", "The regulator is in bed with the banks.", None),
    ("puppet master", "The billionaire was cast as the puppet master of the party.", None),
    ("apparatchik", "A party apparatchik ran the agency.", None),
    ("armchair general", "The armchair generals on television urged an invasion.", None),
    ("spin doctor", "The spin doctors worked through the night.", None),
    ("dirty trick", "The campaign was accused of dirty tricks.", None),
    ("dirty work", "The militia did the government's dirty work.", None),
    ("tinpot", "The regime was run by a tinpot general.", None),
    ("sleazebag", "The tabloid called the lobbyist a sleazebag.", None),
    ("backstab", "He said his deputy would backstab him.", None),
    ("backstabbing", "The former allies accused each other of backstabbing.", None),
    ("fever pitch", "Tensions reached fever pitch after the vote.", None),
    ("lipstick on a pig", "The reform is lipstick on a pig, the union said.", None),
    ("bull in a china shop", "The new envoy acted like a bull in a china shop.", None),
    ("shoot from the hip", "The president tends to shoot from the hip on trade.", None),
    ("gaslight", "Officials tried to gaslight the families.", None),
    ("cosy up to", "The party wants to cosy up to business leaders.", None),
    ("bigwig", "Party bigwigs met at the hotel.", None),
    ("pencil pusher", "The reform was written by pencil pushers in the capital.", None),
    ("talking head", "The talking heads on cable predicted a landslide.", None),
    ("dirty war", "The dirty war of the junta left thousands missing.", None),
    ("silly", "The minister dismissed it as a silly idea.", None),
    ("gall", "The senator had the gall to blame the voters.", None),
    ("gleefully", "The rivals gleefully shared the video.", None),
    ("spiteful", "The cuts were spiteful, the mayor said.", None),
    ("aghast", "Diplomats were aghast at the remarks.", None),
    ("devilishly", "The scheme was devilishly complex.", None),
    ("obtuse", "The ministry was obtuse about the risks.", "The two walls meet at an obtuse angle."),
    ("wretched", "The refugees lived in wretched camps.", None),
    ("insidious", "The column warned of an insidious campaign.", None),
    ("hideous", "The new tower is hideous, the critic wrote.", None),
    ("ungrateful", "The president called the allies ungrateful.", None),
    ("depraved", "The prosecutor called the attack depraved.", None),
    ("imperiously", "The chairman imperiously dismissed the question.", None),
    ("loathsome", "The host called the remarks loathsome.", None),
    ("slanderous", "The party called the report slanderous.", None),
    ("obnoxious", "The ads were obnoxious, viewers said.", None),
    ("disdainful", "The envoy was disdainful of the talks.", None),
    ("banal", "The speech was banal and forgettable.", None),
    ("oppressor", "The rebels called the army the oppressors.", None),
    ("fallacious", "The ruling rests on a fallacious argument.", None),
    ("delusional", "The forecast is delusional, the economist said.", None),
    ("laughably", "The budget was laughably small.", None),
    ("debasement", "The column decried the debasement of public debate.", None),
    ("bloated", "The bloated bureaucracy cost billions.", None),
    ("melodramatic", "The senator gave a melodramatic speech.", None),
    ("hysteric", "The host called the protesters hysterics.", None),
    ("irresponsibly", "The bank acted irresponsibly, the report says.", None),
    ("comical", "The rollout of the website was comical.", None),
    ("miserably", "The plan to fix the roads failed miserably.", None),
    ("gibberish", "The senator called the bill gibberish.", None),
    ("freakish", "It was a freakish result in the district.", None),
    ("whimper", "The party whimpered about the ruling.", None),
    ("maniacally", "The host laughed maniacally at the clip.", None),
    ("busybody", "The regulator was called a busybody.", None),
    ("malice", "The critics acted out of malice, he said.", None),
    ("inglorious", "The war ended in an inglorious retreat.", None),
    ("squander", "The city squandered the grant on consultants.", None),
    ("disastrously", "The launch went disastrously wrong.", None),
    ("craziness", "The craziness of the campaign continued.", None),
    ("instigator", "The police blamed outside instigators.", None),
    ("temerity", "The aide had the temerity to object.", None),
    ("babble", "The pundit's babble filled the hour.", None),
    ("degenerate", "The poster called the singer a degenerate.", "The patient has a degenerate disc in his spine."),
    ("haughty", "The haughty envoy refused to answer.", None),
    ("lecherous", "The film portrays a lecherous producer.", None),
    ("ineptitude", "The ineptitude of the agency was plain.", None),
    ("cranky", "The cranky senator walked out.", None),
    ("adoring", "The candidate spoke to adoring crowds.", None),
    ("sensational", "The team had a sensational season.", None),
    ("blistering", "The senator launched a blistering attack on the plan.", None),
    ("ominously", "The minister ominously warned of consequences.", None),
    ("squirm", "The question made the nominee squirm.", None),
    # dysphemism / euphemism pairs for the same referent (killing, withdrawing, concern, display)
    ("eliminate", "The unit eliminated the commander in a night raid.", "The bill eliminates the tariff on steel."),
    ("liquidate", "The regime liquidated its opponents in the 1930s.", "The firm liquidated its assets last year."),
    ("whack", "The mob boss ordered his men to whack the rival leader.", None),
    ("rub out", "The gang rubbed out a rival dealer.", None),
    ("bump off", "The plot was to bump off the witness before the trial.", None),
    ("bloodlust", "The column blamed the bloodlust of the militias.", None),
    ("homicidal", "The host called the leader homicidal.", None),
    ("warpath", "The senator is on the warpath over the budget.", None),
    ("drums of war", "The drums of war are beating in the capital.", None),
    ("drumbeat of war", "The drumbeat of war grew louder in the capital.", None),
    ("peacenik", "The general called the senator a peacenik.", None),
    ("cut and run", "The senator said the plan would cut and run from the region.", None),
    ("paper tiger", "The alliance is a paper tiger, the column says.", None),
    ("death squad", "The report blamed death squads for the killings.", None),
    ("hit squad", "A hit squad was sent to the city, the paper said.", None),
    ("police state", "Critics said the country had become a police state.", None),
    ("tough talk", "The tough talk from the minister worried investors.", None),
    ("soft on", "The ad says the senator is soft on crime.", None),
    ("climbdown", "The decision was a climbdown for the government.", None),
    ("photo op", "The visit to the border was a photo op.", None),
    ("lip service", "The company paid lip service to safety.", None),
    ("crocodile tears", "The minister shed crocodile tears for the workers.", None),
    ("hand-wringing", "The hand-wringing over the deficit continued.", None),
    ("pearl-clutching", "The column mocked the pearl-clutching over the show.", None),
    ("empty gesture", "The boycott was an empty gesture, critics said.", None),
    ("outburst", "The senator apologised for the outburst at the hearing.", None),
    ("political theater", "The hearing was political theater, the chairman said.", None),
    ("political theatre", "The hearing was political theatre, the chairman said.", None),
    ("security theater", "Critics called the new checks security theater.", None),
    ("fabrication", "The minister said the story was a fabrication.", "The plant does metal fabrication for the navy."),
]

# plain uses the part-of-speech check cannot separate (documented limits, not hidden)
KNOWN_LIMITS = {"rip"}


def _loaded_terms(text: str) -> set[str]:
    """Lemmas of the tokens inside a shown loaded-term hit (either loaded lexicon; some forms, e.g. "blasted", were
    already in loaded_terms), plus the hit terms themselves."""
    p = parse(load_text(text, check_language=False))
    out = set()
    for h in doc_hits(p):
        if h.lexicon in (SENSES, "loaded_terms") and h.reported:
            out.add(h.term)
            out.update(t.lemma_.lower() for t in p.doc if h.start <= t.idx < h.end)
    return out


def _first(term: str) -> str:
    return term.replace("-", " ").split()[0]


@pytest.mark.parametrize(("term", "loaded", "plain"), [p for p in PAIRS if p[1]], ids=[p[0] for p in PAIRS if p[1]])
def test_loaded_use_is_flagged(term, loaded, plain):
    assert _first(term) in _loaded_terms(loaded), f"{term!r} not flagged in {loaded!r}"


@pytest.mark.parametrize(("term", "plain"), [(p[0], p[2]) for p in PAIRS if p[2] and p[0] not in KNOWN_LIMITS],
                         ids=[p[0] for p in PAIRS if p[2] and p[0] not in KNOWN_LIMITS])
def test_plain_use_is_not_flagged(term, plain):
    assert _first(term) not in _loaded_terms(plain), f"{term!r} flagged in a plain use: {plain!r}"


@pytest.mark.xfail(reason="literal and metaphorical senses share the part of speech; only context could separate them",
                   strict=True)
@pytest.mark.parametrize("term", sorted(KNOWN_LIMITS))
def test_known_limit_plain_use_is_still_flagged(term):
    plain = next(p[2] for p in PAIRS if p[0] == term)
    assert _first(term) not in _loaded_terms(plain)


def test_every_entry_has_a_category_direction_strength_alternative_and_pos():
    lex = lexicons.load(SENSES)
    assert len(lex.entries) >= 339
    assert lex.columns == ("term", "category", "direction", "strength", "alternative", "pos", "note")
    for e in lex.entries:
        assert e["category"] in {"pejorative_label", "glorifying_label", "dysphemism", "euphemism", "violent_metaphor",
                                 "emotive", "loaded_verb", "accusation", "distancing"}, e
        assert e["direction"] in ("negative", "positive", "neutral"), e
        assert 0 < e["strength"] <= 1, e
        assert e["alternative"].strip(), e
        assert e["pos"] in ("VERB", "NOUN", "ADJ", "ADV", "PRED", "any"), e


def test_no_entry_repeats_one_of_loaded_terms():
    old = {e["term"].lower() for e in lexicons.load("loaded_terms").entries}
    dup = [e["term"] for e in lexicons.load(SENSES).entries if e["term"].lower() in old]
    assert not dup, dup


def test_the_issue_examples_are_covered():
    """Terms the issue lists as missed are now flagged (in sentences written for this test, not from the gold)."""
    for text, term in [("The bill steamrolls the opposition.", "steamroll"),
                       ("Police said the drone took out the convoy.", "take out"),
                       ("The op-ed praised the raid that brought justice to the victims.", "bring justice"),
                       ("His cheerleading for the war drew criticism.", "cheerleading"),
                       ("Her bellicose tone alarmed diplomats.", "bellicose"),
                       ("The pundit called him a weasel and a half-wit.", "weasel")]:
        assert _first(term) in _loaded_terms(text), (term, text)


def _flagged(term: str, text: str) -> bool:
    """The term, or its first word's lemma, is inside a shown loaded-term hit of ``text``."""
    p = parse(load_text(text, check_language=False))
    for h in doc_hits(p):
        if h.lexicon not in (SENSES, "loaded_terms") or not h.reported:
            continue
        words = {t.lemma_.lower() for t in p.doc if h.start <= t.idx < h.end} | {
            t.lower_ for t in p.doc if h.start <= t.idx < h.end}
        if h.term == term or _first(term) in words:
            return True
    return False


@pytest.mark.parametrize(("term", "loaded"), [(p[0], p[1]) for p in PAIRS_S6], ids=[p[0] for p in PAIRS_S6])
def test_session6_entry_loaded_use_is_shown(term, loaded):
    assert _flagged(term, loaded), f"{term!r} not shown in {loaded!r}"


@pytest.mark.parametrize(("term", "plain"), [(p[0], p[2]) for p in PAIRS_S6 if p[2]],
                         ids=[p[0] for p in PAIRS_S6 if p[2]])
def test_session6_entry_plain_use_is_not_shown(term, plain):
    assert not _flagged(term, plain), f"{term!r} shown in a plain use: {plain!r}"


def test_every_session6_entry_has_an_audit_sentence():
    """Each entry added from the systematic mining (version 1.2.0) has a loaded example above."""
    entries = [e["term"] for e in lexicons.load(SENSES).entries]
    start = entries.index("tyrannical")
    later = {p[0] for p in PAIRS_S7}
    assert sorted(set(entries[start:]) - later) == sorted({p[0] for p in PAIRS_S6})


# session 7 (version 1.3.0): killing called an execution, and "take down" as a euphemism for killing -- a category
# of the dysphemism/euphemism pairs for one referent (kill / take out / take down / execute / assassinate), with the
# sense checks of rules.literal_sense (a person as object or possessor, no court's sentence in the sentence).
# (term, a sentence where it is loaded, plain sentences where the same word is not)
PAIRS_S7 = [
    ("execution", "Militiamen carried out the execution of the village elder in the square.",
     ("The execution of the plan took three weeks.", "The inmate's execution was set after the court rejected his appeal.")),
    ("execute", "Militiamen executed the village elder in the square.",
     ("The team executed the plan without a hitch.", "The prisoner was executed after his conviction for murder.")),
    ("take down", "Special forces took down the militia commander in a night raid.",
     ("The company took down the website after the leak.", "Workers took down the scaffolding on Friday.")),
    # headline verbs of criticism that are also verbs of hitting: only "knocked X over Y" / "rapped for Y"
    # ("knock" was in the mild band, never shown; it is now shown in that frame only)
    ("knock", "The governor knocked the senator over the budget vote.",
     ("Someone knocked on the door after midnight.", "The boxer knocked his opponent out in the third round.",
      "The storm knocked down power lines across the county.")),
    ("rap", "The minister was rapped by colleagues for skipping the vote.",
     ("She rapped on the window to get his attention.", "He rapped about his childhood on the new album.")),
]


@pytest.mark.parametrize(("term", "loaded", "plain"), PAIRS_S7, ids=[p[0] for p in PAIRS_S7])
def test_session7_entries_loaded_and_plain_uses(term, loaded, plain):
    assert _flagged(term, loaded), f"{term!r} not shown in {loaded!r}"
    for text in plain:
        assert not _flagged(term, text), f"{term!r} shown in a plain use: {text!r}"


def test_every_session7_entry_has_an_audit_pair():
    entries = [e["term"] for e in lexicons.load(SENSES).entries]
    assert set(entries[entries.index("execution"):]) <= {p[0] for p in PAIRS_S7}


def test_technical_compounds_are_not_verdicts():
    """"petty crime", "petty officer", "malicious software" name categories (rules._TERM_HEADS); the same adjectives
    on other nouns are shown."""
    assert not _flagged("petty", "A petty officer testified at the hearing.")
    assert not _flagged("malicious", "The update removed malicious code from the app.")
    assert _flagged("petty", "The senator's petty insults angered colleagues.")
    assert _flagged("malicious", "The minister spread malicious lies about the judge.")
