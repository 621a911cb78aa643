"""The static checks behind ``slarules check`` (SPEC §6, §9), one module per concern.

Each module has ``run(checker)``; ``slarules.check`` runs them in order, then applies the
file's acknowledgements. Codes and their severities live in ``codes.py``; every code is
explained for rule-file authors in ``docs/diagnostics.md``.
"""
