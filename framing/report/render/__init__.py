"""Renderers of the report model: HTML (Jinja templates), PDF (the HTML printed by WeasyPrint), Markdown,
the terminal (rich) and notebooks (``_repr_html_``)."""
