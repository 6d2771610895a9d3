"""Gathering: every article's facts + the editor's content -> one ``Briefing``.
Merges people, groups and dates rounds, lists sticking points, applies overrides, caches."""
