"""A shorter full name inside exactly one longer one is the same person."""

from __future__ import annotations

from sitegen.brief.contained import contained_pairs


def test_dropped_first_or_last_name_joins() -> None:
    names = [["Jon Ivo Marten"], ["Ivo Marten"], ["Salva Tor Mayen"], ["Salva Tor"]]
    sides: list[set[str]] = [{"astoria"}, set(), set(), {"belmar"}]
    assert sorted(contained_pairs(names, sides)) == [(0, 1), (2, 3)]


def test_sides_against_or_two_owners_keep_apart() -> None:
    names = [
        ["Jon Ivo Marten"],
        ["Ivo Marten"],
        ["Ana Ivo Marten"],
        ["Piet Oberg Lind"],
        ["Piet Oberg"],
    ]
    sides: list[set[str]] = [set(), set(), set(), {"astoria"}, {"belmar"}]
    assert contained_pairs(names, sides) == []


def test_particles_and_accents() -> None:
    # "bin X" alone is no full name; accents fold ("Nicolás" inside "Nicolas")
    names = [["Faris bin Sami Al Odeh"], ["bin Sami"], ["Rafael Nicolás Ordaz"], ["Nicolas Ordaz"]]
    assert contained_pairs(names, [set(), set(), set(), set()]) == [(2, 3)]
