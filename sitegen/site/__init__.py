"""Rendering: a ``Briefing`` -> pages (``Rendered``: output file -> HTML bytes).
The page plan, what each page shows, templates and HTML pieces, and the page cache."""
