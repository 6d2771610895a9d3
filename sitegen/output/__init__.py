"""Writing: rendered pages -> the output folder, swapped in whole (``WriteResult``).
Atomic write, feed, sitemap, ``briefing.json``, the pagefind search index, the stamp."""
