"""Report builders: one module per analysis section, plus the comparison's parts.

* :mod:`.analysis` — the single-article report: a summary, the highlighted text,
  one report section per analysis section (its own builder from :data:`.analysis.BUILDERS`,
  or the generic findings table of :mod:`.generic` for any other section), the methodology;
* :mod:`.loaded_language`, :mod:`.actors` (with :mod:`.stance`), :mod:`.attribution` — the built-in sections' builders;
* :mod:`.generic` — a findings table from any section's ``evidence()``;
* :mod:`.comparison` — the comparison report; :mod:`.text` the highlight marks; :mod:`.methodology`.

Builders read an analysis's JSON form (``Analysis.to_dict()``), the contract every
face shares, so a number in the report is the number ``framing score --json`` prints.
"""
