"""Event logs: the event types, the vocabulary a rule file gives them, and the readers.

``types`` holds the event record and its field parsers, ``vocabulary`` the names a rule
file makes valid (SLAs, tiers, metrics, event types), ``reader`` the JSON Lines readers
(a fast path for well-formed lines and a detailed path that names every problem).
"""
