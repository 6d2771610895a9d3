"""Write a benchmark corpus: N raw articles for sitegen, the same as Markdown for Pelican and Hugo.

    python bench/make_corpus.py N OUT [--dense]

writes ``OUT/sitegen/`` (a project: ``site.yaml`` and ``seeds/*.txt`` in the
scraped format of the real seeds), ``OUT/pelican/`` (``content/*.md`` and a
``pelicanconf.py``) and ``OUT/hugo/`` (``content/posts/*.md``, ``hugo.toml`` and
a tiny layout). Every article is generated from templates with a seeded random
generator, so the same N always gives the same bytes. People are invented from
syllables; places and countries are real, as in the news. About N/5 rounds of
talks are held at 20 venues over several years, about five articles each: a
preview, the opening, the second day, the close and the reaction.

``--dense`` writes a desk's archive instead (``dense.py``): one process followed
for years, every article of about 700 words naming the same dozen people and the
same few issues, with quotations and stances in most paragraphs. Pages that list
what one person said, or everything about one issue, grow with the corpus there.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path


def _words(text: str) -> list[str]:
    return text.split()


FIRST = _words(
    "Arman Leyla Tomas Imani Farid Selin Mateo Nadia Kofi Ilse Rauf Amara Yusuf Elif Darius "
    "Zara Henrik Mariam Osei Lucia Anouk Bakari Soraya Emeka Ingrid Tariq Ines Oleksa Miren "
    "Halvard Nuria Kwame Lina Ruben Sahar Teodor Aylin Jomo Vesna Idris"
)
STEMS = _words("Kar Mel Tor Bas Ned Vol Sar Lin Oru Dem Hal Ris Gav Mab Ost Fen Quar Lod Brav Ter")
ENDS = _words("ovan strom ani essa ado ik berg ulu ensen ar imov eda ouri aldo enko abi")
FORBIDDEN = _words(
    "umerov peskov witkoff kushner dmitriev ushakov kostyukov budanov davityan tykhyi "
    "klitschko fedorov rubio zelensk putin trump musk"
)
"""Names of the seeds' people, which the corpus must never produce."""

TRACKS = (
    ("Armenia", "Azerbaijan", "the United States"),
    ("Sudan", "South Sudan", "Saudi Arabia"),
    ("the Democratic Republic of Congo", "Rwanda", "Qatar"),
    ("Ethiopia", "Eritrea", "the African Union"),
    ("Serbia", "Kosovo", "the European Union"),
)
VENUES = _words(
    "Geneva Doha Jeddah Istanbul Vienna Oslo Muscat Nairobi Riyadh Cairo Washington Brussels "
    "Luanda Helsinki Stockholm Rome Ankara Kigali Lusaka Montreux"
)
ROLES = (
    "chief negotiator",
    "foreign minister",
    "defence minister",
    "deputy foreign minister",
    "national security adviser",
    "head of the delegation",
    "presidential spokesperson",
    "special envoy",
)
ISSUES = (
    "a ceasefire",
    "prisoner exchanges",
    "border demarcation",
    "sanctions relief",
    "humanitarian access",
    "security guarantees",
    "the return of displaced people",
    "control of the transit corridor",
    "the withdrawal of troops",
    "monitoring of the truce",
)
ADJECTIVES = _words("constructive difficult frank substantive productive tense detailed serious")
ORDINALS = _words("first second third fourth fifth sixth seventh eighth ninth tenth")
FURNITURE = (
    "Advertisement",
    "Comments 0",
    "Load Next Story",
    "SOURCE: AFP",
    "Read more: what is at stake in the talks",
    "Sign up for our newsletter",
)
STAGES = ("preview", "opening", "second day", "close", "reaction")


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    party: str
    role: str


@dataclass(slots=True)
class Round:
    number: int
    track: tuple[str, str, str]
    venue: str
    start: dt.date
    people: list[Person] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.venue} talks {self.start.isoformat()}"


@dataclass(slots=True)
class Story:
    id: str
    date: dt.date
    headline: str
    standfirst: str
    paragraphs: list[str]
    furniture: list[str]
    dateline: bool
    actors: list[str]
    round: str
    track: str


def _people(rng: random.Random, count: int) -> list[str]:
    names: set[str] = set()
    while len(names) < count:
        last = rng.choice(STEMS) + rng.choice(ENDS)
        name = f"{rng.choice(FIRST)} {last}"
        if not any(bad in name.lower() for bad in FORBIDDEN):
            names.add(name)
    return sorted(names)


def _rounds(rng: random.Random, n: int) -> list[Round]:
    """About n/5 rounds over several years, each with its own cast from a shared pool."""
    count = max(1, n // 5)
    names = _people(rng, max(24, n // 4))
    pool: dict[str, list[Person]] = {}
    for i, name in enumerate(names):
        track = TRACKS[i % len(TRACKS)]
        party = track[i // len(TRACKS) % 3]
        pool.setdefault(track[0], []).append(Person(name, party, rng.choice(ROLES)))
    days = max(count * 2, 365 * 3)
    start = dt.date(2019, 1, 7)
    out = []
    for number in range(count):
        track = TRACKS[number % len(TRACKS)]
        offset = number * days // count + rng.randrange(0, 2)
        cast = rng.sample(pool[track[0]], k=min(6, len(pool[track[0]])))
        out.append(Round(number, track, rng.choice(VENUES), start + dt.timedelta(offset), cast))
    return out


def _quote(rng: random.Random, issue: str) -> str:
    return rng.choice(
        (
            f"We came here to reach an agreement on {issue}, and we will not leave without one",
            f"The talks were {rng.choice(ADJECTIVES)} and {rng.choice(ADJECTIVES)}",
            f"There can be no lasting peace without {issue}",
            f"Our position on {issue} has not changed",
            f"We are closer than ever, but {issue} remains open",
            f"Nobody should expect a breakthrough on {issue} this week",
        )
    )


def _story(rng: random.Random, index: int, rnd: Round, stage: int) -> Story:
    a, b, mediator = rnd.track
    first, second = rnd.people[0], rnd.people[1 % len(rnd.people)]
    third = rnd.people[2 % len(rnd.people)]
    issue, other = rng.sample(ISSUES, 2)
    date = rnd.start + dt.timedelta(stage - 1)
    weekday = date.strftime("%A")
    nth = ORDINALS[rnd.number // len(TRACKS) % len(ORDINALS)]
    sa, sb = a[0].upper() + a[1:], b[0].upper() + b[1:]
    headline = {
        "preview": f"{sa} and {sb} to hold new round of talks in {rnd.venue}",
        "opening": f"{sa} and {sb} open {nth} round of talks in {rnd.venue}",
        "second day": f"Talks between {a} and {b} enter second day in {rnd.venue}",
        "close": f"{rnd.venue} talks end with no deal on {issue}",
        "reaction": f"{sa} says {rnd.venue} talks were {rng.choice(ADJECTIVES)}",
    }[STAGES[stage]]
    standfirst = f"Negotiators are divided over {issue} and {other}."
    paragraphs = [
        f"Negotiators from {a} and {b} met in {rnd.venue} on {weekday} for the {nth} round "
        f"of talks mediated by {mediator}, officials said.",
        f"{first.name}, {first.party}'s {first.role}, said the discussions had been "
        f'"{rng.choice(ADJECTIVES)}" and that {issue} was at the top of the agenda.',
        f'"{_quote(rng, issue)}," {second.name}, the {second.role} of {second.party}, '
        "told reporters.",
        f"Both sides say {issue} is one of the main outstanding issues, while {other} "
        "has divided the delegations since the talks began.",
        f"{third.name}, {third.party}'s {third.role}, rejected the latest proposal, "
        f'calling it "{rng.choice(ADJECTIVES)} but not enough".',
        f'"{_quote(rng, other)}," {first.name} said after the session.',
        f"Diplomats in {rnd.venue} said a further round could follow within weeks if the "
        f"two sides narrow their differences on {other}.",
    ]
    middle = paragraphs[3:6]
    rng.shuffle(middle)
    paragraphs[3:6] = middle
    cast = sorted({first.name, second.name, third.name})
    return Story(
        id=f"a{index:05d}",
        date=date,
        headline=headline,
        standfirst=standfirst,
        paragraphs=paragraphs[: rng.randrange(5, 8)],
        furniture=rng.sample(FURNITURE, k=rng.randrange(0, 3)),
        dateline=rng.random() < 0.5,
        actors=cast,
        round=rnd.label,
        track=f"{a} and {b}",
    )


def stories(n: int, seed: int = 1) -> list[Story]:
    """The corpus, deterministic for (n, seed)."""
    rng = random.Random(seed)
    rounds = _rounds(rng, n)
    return [_story(rng, i, rounds[i * len(rounds) // n], i % 5) for i in range(n)]


def raw_text(story: Story) -> str:
    """The article as a scraper saves it: dateline on some, headline, standfirst, furniture."""
    head = [f" date {story.date.isoformat()} WORLD"] if story.dateline else []
    head += [story.headline, story.standfirst]
    body = list(story.paragraphs)
    for i, line in enumerate(story.furniture):
        body.insert(min(len(body), 2 + 2 * i), line)
    return "\n".join(head) + "\n\n" + "\n\n".join(body) + "\n"


def _yaml_list(items: list[str]) -> str:
    return "[" + ", ".join('"' + s.replace('"', '\\"') + '"' for s in items) + "]"


def pelican_text(story: Story) -> str:
    tags = ", ".join([*story.actors, story.round])
    meta = [
        f"Title: {story.headline}",
        f"Date: {story.date.isoformat()}",
        f"Slug: {story.id}",
        f"Category: {story.track}",
        f"Tags: {tags}",
        f"Summary: {story.standfirst}",
    ]
    return "\n".join(meta) + "\n\n" + "\n\n".join(story.paragraphs) + "\n"


def hugo_text(story: Story) -> str:
    title = story.headline.replace('"', '\\"')
    front = [
        "---",
        f'title: "{title}"',
        f"date: {story.date.isoformat()}",
        f"slug: {story.id}",
        f"actors: {_yaml_list(story.actors)}",
        f"rounds: {_yaml_list([story.round])}",
        "---",
    ]
    return "\n".join(front) + "\n\n" + "\n\n".join(story.paragraphs) + "\n"


PELICANCONF = """\
AUTHOR = "Bench"
SITENAME = "Benchmark briefing"
SITEURL = ""
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_PAGINATION = 10
"""

HUGO_CONFIG = """\
baseURL = "https://example.org/"
title = "Benchmark briefing"
disableKinds = ["RSS"]
[taxonomies]
actor = "actors"
round = "rounds"
"""

HUGO_LAYOUTS = {
    "baseof.html": (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        "<title>{{ .Title }} | {{ site.Title }}</title></head><body>"
        '<header><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a></header>'
        '<main>{{ block "main" . }}{{ end }}</main></body></html>\n'
    ),
    "single.html": (
        '{{ define "main" }}<article><h1>{{ .Title }}</h1>'
        '<time>{{ .Date.Format "2 January 2006" }}</time>{{ .Content }}'
        '<p>Actors: {{ range .GetTerms "actors" }}'
        '<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>'
        '<p>Round: {{ range .GetTerms "rounds" }}'
        '<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</p>'
        "</article>{{ end }}\n"
    ),
    "list.html": (
        '{{ define "main" }}<h1>{{ .Title }}</h1><ul>'
        "{{ range .Paginator.Pages }}"
        '<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> '
        '{{ .Date.Format "2006-01-02" }}</li>{{ end }}</ul>'
        '{{ template "_internal/pagination.html" . }}{{ end }}\n'
    ),
    "taxonomy.html": (
        '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Data.Terms.Alphabetical }}'
        '<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a> ({{ .Count }})</li>'
        "{{ end }}</ul>{{ end }}\n"
    ),
}


def write_corpus(n: int, out: Path, seed: int = 1, dense: bool = False) -> list[Story]:
    """Write all three trees under ``out`` (replacing any earlier corpus there);
    ``dense``: the desk's archive of ``dense.py`` instead of the five processes."""
    if dense:
        from dense import dense_stories  # bench/dense.py, beside this file

        corpus = dense_stories(n, seed)
    else:
        corpus = stories(n, seed)
    for sub in ("sitegen", "pelican", "hugo"):
        shutil.rmtree(out / sub, ignore_errors=True)
    seeds = out / "sitegen" / "seeds"
    pelican = out / "pelican" / "content"
    hugo = out / "hugo" / "content" / "posts"
    layouts = out / "hugo" / "layouts"
    for folder in (seeds, pelican, hugo, layouts):
        folder.mkdir(parents=True)
    (out / "sitegen" / "site.yaml").write_text('title: "Benchmark briefing"\n', encoding="utf-8")
    (out / "pelican" / "pelicanconf.py").write_text(PELICANCONF, encoding="utf-8")
    (out / "hugo" / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    for name, text in HUGO_LAYOUTS.items():
        (layouts / name).write_text(text, encoding="utf-8")
    for story in corpus:
        (seeds / f"{story.id}.txt").write_text(raw_text(story), encoding="utf-8")
        (pelican / f"{story.id}.md").write_text(pelican_text(story), encoding="utf-8")
        (hugo / f"{story.id}.md").write_text(hugo_text(story), encoding="utf-8")
    return corpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="how many articles")
    parser.add_argument("out", type=Path, help="folder to write the corpus into")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--dense",
        action="store_true",
        help="one process over years: the same dozen people and few issues in every article",
    )
    args = parser.parse_args()
    corpus = write_corpus(args.n, args.out, args.seed, args.dense)
    print(f"wrote {len(corpus)} articles into {args.out}/{{sitegen,pelican,hugo}}")


if __name__ == "__main__":
    main()
