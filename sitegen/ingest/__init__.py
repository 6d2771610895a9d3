"""Reading: the raw files of ``seeds/`` -> ``Article`` records (dateline, headline, sentences).
Decodes, drops page furniture, splits sentences; imports only ``models``, ``errors``, ``data``."""
