"""``python -m framing`` runs the CLI."""

from framing.cli import main

if __name__ == "__main__":  # pragma: no cover
    main()
