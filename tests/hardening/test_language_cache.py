"""Language detection from the cached, decompressed py3langid model (issue 21, cold start): the same languages and
probabilities as py3langid's own loader, the cache written once and ignored when damaged or switched off."""

from __future__ import annotations

from pathlib import Path

from framing.ingest import language

REPO = Path(__file__).resolve().parents[2]
TEXTS = [
    "The council approved the budget on Tuesday after a long debate about schools and roads.",
    "Der Stadtrat hat am Dienstag nach langer Debatte den Haushalt beschlossen.",
    "Le conseil municipal a adopté le budget mardi après un long débat.",
    "El consejo aprobó el presupuesto el martes tras un largo debate.",
    "Совет утвердил бюджет во вторник после долгих дебатов.",
    "ok",
    "",
] + [p.read_text(encoding="utf-8")[:5000] for p in sorted((REPO / "corpora" / "example").glob("*.txt"))[:5]]


def _classify_all(monkeypatch, cache: str) -> list[tuple[str, float]]:
    monkeypatch.setenv("FRAMING_CACHE_DIR", cache)
    language._identifier.cache_clear()
    try:
        return [language.detect_language(t) for t in TEXTS]
    finally:
        language._identifier.cache_clear()


def test_cached_model_gives_py3langid_results(monkeypatch, tmp_path):
    plain = _classify_all(monkeypatch, "off")
    first = _classify_all(monkeypatch, str(tmp_path))  # writes the cache
    files = list(tmp_path.glob("py3langid-*.npz"))
    assert len(files) == 1 and files[0].stat().st_size > 10_000_000
    again = _classify_all(monkeypatch, str(tmp_path))  # reads it
    assert plain == first == again
    assert plain[0][0] == "en" and plain[1][0] == "de" and plain[2][0] == "fr"


def test_damaged_cache_falls_back_to_py3langid(monkeypatch, tmp_path):
    plain = _classify_all(monkeypatch, "off")
    _classify_all(monkeypatch, str(tmp_path))
    (path,) = tmp_path.glob("py3langid-*.npz")
    path.write_bytes(b"not a model")
    assert _classify_all(monkeypatch, str(tmp_path)) == plain


def test_cache_switched_off_writes_nothing(monkeypatch, tmp_path):
    monkeypatch.setenv("FRAMING_CACHE_DIR", "off")
    assert language.cache_dir() is None
    monkeypatch.setenv("FRAMING_CACHE_DIR", str(tmp_path / "c"))
    assert language.cache_dir() == tmp_path / "c"
