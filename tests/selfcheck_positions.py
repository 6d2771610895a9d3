"""Self-check: positions and sticking points on the seeds against the answer key.

Run: PYTHONPATH=. python3 tests/selfcheck_positions.py [-v]

Uses the real ingest and parties modules; people come from the real module when
it finds any, else from the answer key's names (a stand-in, this script only).
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import yaml

from sitegen.brief.stickingpoints import fold_sticking_points
from sitegen.extract.issues import find_issues, load_taxonomy
from sitegen.extract.parties import find_parties
from sitegen.extract.people import find_people
from sitegen.extract.positions import find_positions
from sitegen.ingest.articles import read_article
from sitegen.models import ArticleFacts, Mention, PersonRef

ROOT = Path(__file__).resolve().parents[1]
GOLD = Path("/work/shared/eval/seeds-gold.yaml")
SIDES = {"Russia": "russia", "Ukraine": "ukraine", "United States": "united-states"}


def _score_module():
    spec = importlib.util.spec_from_file_location("score", "/work/shared/eval/score.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def gold_people(article, gold_article) -> list[PersonRef]:
    people = []
    for g in gold_article.get("actors", []):
        names = [g["name"], *g.get("aliases", [])]
        ref = PersonRef(key=g["name"], name=g["name"], side=SIDES.get(g.get("side") or ""))
        for s in article.sentences:
            taken: list[tuple[int, int]] = []
            for n in names:
                for m in re.finditer(re.escape(n), s.text):
                    if not any(a <= m.start() < b for a, b in taken):
                        taken.append((m.start(), m.end()))
                        ref.mentions.append(Mention(s.index, m.start(), m.end(), n))
        people.append(ref)
    return people


def main() -> int:
    verbose = "-v" in sys.argv
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    by_file = {g["file"]: g for g in gold["articles"]}
    tax = load_taxonomy()
    articles, facts = [], []
    export: dict = {"articles": [], "parties": [], "actors": [], "positions": []}
    party_names: dict[str, set[str]] = {}
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        art = read_article(path, ROOT)
        parties = find_parties(art)
        people = find_people(art, parties) or gold_people(art, by_file[path.name])
        positions = find_positions(art, people, parties, taxonomy=tax)
        issues = find_issues(art, positions, taxonomy=tax)
        articles.append(art)
        facts.append(ArticleFacts(art.id, people, parties, [], positions, issues))
        export["articles"].append({"id": art.id, "file": f"seeds/{path.name}"})
        for p in parties:
            party_names.setdefault(p.id, set()).update(m.text for m in p.mentions)
            party_names[p.id].add(p.name)
        for p in positions:
            text = art.sentences[p.sentence].text
            export["positions"].append(
                {
                    "article": art.id,
                    "party": p.party,
                    "stance": p.stance,
                    "sentence": text,
                    "issue": p.issue,
                    "actor": p.person,
                }
            )
            if verbose:
                print(
                    f"{art.id[:3]} s{p.sentence} {p.party} {p.stance} [{p.issue}] "
                    f"person={p.person} :: {p.object[:70]}"
                )
        if verbose:
            for r in issues:
                print(f"{art.id[:3]} s{r.sentence} ISSUE {r.issue} ({r.cue})")
    export["parties"] = [
        {"id": pid, "name": pid.replace("-", " ").title(), "aliases": sorted(names)}
        for pid, names in party_names.items()
    ]
    points = fold_sticking_points(articles, facts, tax)
    by_id = {a.id: a for a in articles}
    export["sticking_points"] = [
        {
            "id": sp.id,
            "label": sp.label,
            "evidence": [
                {"article": e.article, "sentence": by_id[e.article].sentences[e.sentence].text}
                for e in sp.evidence
            ],
        }
        for sp in points
    ]
    score = _score_module()
    m = score.score(gold, export)
    for k, v in m.items():
        if k.startswith(("positions", "sticking")):
            print(f"{k:34} {v}")
    print("sticking points:", [(sp.id, len(sp.evidence)) for sp in points])
    # misses and false positives, for reading
    ex = score.Export(export, list(by_file))
    for ga in gold["articles"]:
        aid = ex.article_of.get(ga["file"])
        preds = ex.in_article(export["positions"], aid)
        for g in ga.get("positions", []):
            hits = [
                p
                for p in preds
                if score.contains(p["sentence"], g["evidence"])
                and score.same_party(ex.party_names(p["party"]), g["party"])
            ]
            if not hits:
                print(f"MISS {ga['file'][:3]} {g['party']} {g['stance']}: {g['evidence']}")
            elif not any(p["stance"] == g["stance"] for p in hits):
                print(
                    f"STANCE {ga['file'][:3]} {g['party']} {g['stance']} got "
                    f"{[p['stance'] for p in hits]}: {g['evidence']}"
                )
        for p in preds:
            if not any(
                score.contains(p["sentence"], g["evidence"])
                and score.same_party(ex.party_names(p["party"]), g["party"])
                for g in ga.get("positions", [])
            ):
                print(f"EXTRA {ga['file'][:3]} {p['party']} {p['stance']}: {p['sentence'][:120]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
