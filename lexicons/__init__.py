"""Lexicons shipped with framing (TSV data files; see framing.lexicons loader in framing/lexicon.py)."""
