"""``sitegen init [DIR]``: a new negotiation's project folder, ready for its articles.

Every ``site.yaml`` key is written out with what it does, so that a new user
never has to read ``config.py`` to learn the schema; nothing that exists is
ever overwritten.
"""

from __future__ import annotations

from pathlib import Path

from sitegen.errors import BuildError

SITE_YAML = """\
# The settings of this briefing. Every key is optional: delete a line to get
# its default. 'sitegen build --help' explains the commands.

# The site's name: in every page's header, the browser tab and the feed.
title: "Negotiation briefing"

# A sentence or two under the title on the home page (and in search engines).
description: "A briefing on the talks, built from news articles by sitegen."

# The address the site will be served at, with its path, ending in '/':
#   base_url: "https://example.org/briefing/"
# Links then work under that path, and the sitemap and the feed are written
# (they need a full address). Left empty, the site works from any folder's root
# but has no sitemap and no feed. 'sitegen build --base-url URL' overrides it.
base_url: ""

# The language of the articles and pages, as an HTML language code.
language: "en"

# The feed's author (empty: the title).
author: ""

# Issues (sticking points) to look for beside the built-in ones (territory,
# ceasefire, prisoners, sanctions, security guarantees, elections, ...).
# Each entry has an id (a slug: the issue page's address), a label (the words
# shown on the site) and keywords (words or phrases that name the issue in an
# article, matched as whole words in any case). An entry whose id is built in
# renames that issue and adds its keywords. For example:
#   issues:
#     - id: water-rights
#       label: water rights
#       keywords: [water, river, dam, irrigation]
issues: []
"""

EXAMPLE_NOTE = """\
---
title: About this briefing
# about: round:ROUND-ID     shows the note on that round's page instead of the
#                           notes list (also actor:ID, party:ID, issue:ID,
#                           article:ID; the ids are the last part of each page's
#                           address once the site is built)
# date: 2026-01-31          the day the note speaks of
# draft: true               leaves the note out of the site
---
This is an editor's note, `content/about.md`: Markdown, after its settings
between two `---` lines. Edit it or delete it. Notes are where the desk adds
what the articles do not say.

Link to anything in the briefing as `[[actor:ID]]`, `[[round:ID]]`,
`[[party:ID]]`, `[[issue:ID]]` or `[[article:ID]]`. A link or an `about:` that
names no known id stops the build, with the closest ids in the message.

To correct an actor, write `content/actors/ID.md` with any of `name:`,
`roles:`, `side:`, `aliases:` and `not_aliases:`: the editor's word wins.
"""

GITIGNORE = """\
# sitegen's output and its cache
_site/
.cache/
"""

FILES = {
    "site.yaml": SITE_YAML,
    "content/about.md": EXAMPLE_NOTE,
    ".gitignore": GITIGNORE,
}


def init_project(folder: Path) -> list[str]:
    """Write a new project into ``folder`` (made if missing); return what was made.

    Refuses, writing nothing, when any of its files is already there."""
    if folder.exists() and not folder.is_dir():
        raise BuildError(f"{folder} is a file, not a folder")
    taken = [name for name in FILES if (folder / name).exists()]
    if taken:
        raise BuildError(
            f"{folder} already has {', '.join(taken)}; sitegen init never overwrites a file "
            "(move them away, or start in an empty folder)"
        )
    made = []
    for name in ("seeds", "content"):
        if not (folder / name).is_dir():
            (folder / name).mkdir(parents=True)
            made.append(f"{name}/")
    for name, text in FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
        made.append(name)
    return made


def next_steps(folder: Path, made: list[str]) -> str:
    """What ``sitegen init`` prints: what it made and the commands to run next."""
    where = str(folder)
    arg = "" if where == "." else f" {where}"
    listing = "\n".join(f"  {name}" for name in made)
    return (
        f"created a sitegen project in {where}:\n{listing}\n\n"
        "next:\n"
        f"  1. put the news articles in {folder / 'seeds'}/, one plain-text .txt file each\n"
        f"  2. set the title and description in {folder / 'site.yaml'}\n"
        f"  3. sitegen build{arg}      writes the site into {folder / '_site'}/\n"
        f"     sitegen serve{arg}      previews it at http://127.0.0.1:8000/ as you edit\n"
    )
