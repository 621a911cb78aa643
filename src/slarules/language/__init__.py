"""The rule language: rule-file text in, model out, and model back to text.

``parser`` (lark grammar → ``tree`` reader → model), ``syntax`` (the grammar's limits and
the friendly syntax errors), ``literals`` (numbers, durations, percentages, dates),
``printer`` (model → canonical text for ``slarules fmt`` and for every message that quotes a
rule) and ``layout`` (where ``fmt`` puts the comments back).
"""
