"""Every CLI command is documented: it has help text and its help ends with an example."""

from __future__ import annotations

import subprocess
import sys

import pytest
import typer.main

from framing.cli import app


def _commands(typer_app, prefix=()):
    group = typer.main.get_command(typer_app)

    def walk(cmd, path):
        sub = getattr(cmd, "commands", None)
        if sub:
            for name, child in sub.items():
                yield from walk(child, path + (name,))
        else:
            yield path, cmd

    yield from walk(group, prefix)


COMMANDS = list(_commands(app))


def test_there_are_commands():
    names = {" ".join(p) for p, _ in COMMANDS}
    for expected in ("read", "score", "evaluate loaded", "evaluate stance", "evaluate attribution", "train loaded", "train stance"):
        assert expected in names


@pytest.mark.parametrize("path,cmd", COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_every_command_has_help_ending_with_an_example(path, cmd):
    help_text = (cmd.help or "").strip()
    assert help_text, f"framing {' '.join(path)} has no help text"
    last = help_text.splitlines()[-1].strip()
    assert last.startswith("Example: framing "), f"help of framing {' '.join(path)} must end with 'Example: framing ...', ends with {last!r}"
    # the example invokes this very command
    assert last.removeprefix("Example: framing ").startswith(" ".join(path))


def test_version_and_help_run():
    out = subprocess.run([sys.executable, "-m", "framing", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.startswith("framing ")
    out = subprocess.run([sys.executable, "-m", "framing", "--help"], capture_output=True, text=True)
    assert out.returncode == 0 and "score" in out.stdout


def test_unknown_command_is_a_usage_error():
    out = subprocess.run([sys.executable, "-m", "framing", "no-such-command"], capture_output=True, text=True)
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
