"""PDF is an extra (``framing-analyzer[pdf]``): without WeasyPrint or Pango, one line naming what is missing and the
install command (exit 2, before any work); ``demo`` still writes HTML and JSON and says the PDF was skipped.

The missing library is simulated: ``sys.modules["weasyprint"] = None`` makes ``import weasyprint`` fail as when the
package is absent; a meta-path finder that raises OSError stands for WeasyPrint failing to load Pango with cffi.
"""

from __future__ import annotations

import importlib.abc
import sys

import pytest

from tests.cli_run import run_cli
from tests.hardening.conftest import error_line


class _NoPango(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "weasyprint" or name.startswith("weasyprint."):
            raise OSError("cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open shared object file")
        return None


@pytest.fixture(params=["no_weasyprint", "no_pango"])
def no_pdf(request, monkeypatch):
    for name in [m for m in sys.modules if m == "weasyprint" or m.startswith("weasyprint.")]:
        monkeypatch.delitem(sys.modules, name)
    if request.param == "no_weasyprint":
        monkeypatch.setitem(sys.modules, "weasyprint", None)
    else:
        monkeypatch.setattr(sys, "meta_path", [_NoPango(), *sys.meta_path])
    return request.param


def test_score_pdf_without_support_is_one_line_before_work(no_pdf, story, tmp_path, capsys, monkeypatch):
    import framing

    monkeypatch.setattr(framing, "analyze", lambda *a, **k: pytest.fail("analysed before checking PDF support"),
                        raising=False)
    code, _out, err = run_cli(["score", str(story), "--pdf", str(tmp_path / "r.pdf")], capsys)
    line = error_line(err)
    assert code == 2
    assert ("WeasyPrint" in line) if no_pdf == "no_weasyprint" else ("Pango" in line and "libpango-1.0-0" in line)
    assert "pip install 'framing-analyzer[pdf]'" in line
    assert not (tmp_path / "r.pdf").exists()


def test_score_html_needs_no_pdf_support(no_pdf, story, tmp_path, capsys):
    code, _out, err = run_cli(["score", str(story), "--html", str(tmp_path / "r.html")], capsys)
    assert code == 0, err
    assert (tmp_path / "r.html").stat().st_size > 1000


@pytest.mark.slow
def test_demo_without_pdf_support_writes_html_and_json(tmp_path, capsys, monkeypatch):
    for name in [m for m in sys.modules if m == "weasyprint" or m.startswith("weasyprint.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    out = tmp_path / "reports"
    code, _stdout, err = run_cli(["demo", "--out", str(out), "--db", str(tmp_path / "s.sqlite"), "--workers", "1", "-q"],
                                capsys)
    assert code == 0, err
    assert (out / "example-comparison.html").is_file() and (out / "example-comparison.json").is_file()
    assert not (out / "example-comparison.pdf").exists()
    skipped = [ln for ln in err.splitlines() if "PDF skipped" in ln]
    assert len(skipped) == 1 and "pip install 'framing-analyzer[pdf]'" in skipped[0]
    assert "Traceback" not in err and "internal error" not in err


def test_info_reports_pdf_support_and_model_files(no_pdf, tmp_path, capsys):
    import json

    code, out, err = run_cli(["info", "--json", "--db", str(tmp_path / "none.sqlite")], capsys)
    assert code == 0, err
    report = json.loads(out)
    assert report["pdf"]["available"] is False and "pip install 'framing-analyzer[pdf]'" in report["pdf"]["reason"]
    assert all(name.endswith(".npz") for name in report["model_files"].values())
