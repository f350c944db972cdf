"""Hand-made sentences for the small loaded-language classifier runs of the tests: six plainly loaded, six plainly
factual (written for the tests; no actor names)."""

LOADED = ["The corrupt thugs spewed vile lies again.", "A shameful, disgusting stunt by radical zealots.",
          "Their bizarre rant was utterly ridiculous.", "The vicious mob unleashed chaos on the town.",
          "Crazed fanatics pushed their sinister agenda.", "The brazen liars slammed the heroic volunteers."]
FACTUAL = ["The council met on Tuesday to discuss the budget.", "The report was published in March.",
           "Officials said the bridge will reopen next week.", "The company hired 40 new workers this year.",
           "The committee voted to approve the measure.", "Rainfall in the region was close to average."]
