"""The rule language: rule-file text in, model out, and model back to text.

``parser`` (lark grammar → the ``tree``, ``money_tree``, ``sla_tree`` and ``scorecard_tree``
readers → model), ``syntax`` (the grammar's limits and the friendly syntax errors),
``literals`` (numbers, durations, percentages, dates), ``printer`` (model → canonical text for
``slarules fmt``), ``texts`` (the text functions the printer and every message that quotes a
rule use; ``printer`` re-exports them) and ``layout`` (where ``fmt`` puts the comments back).
"""
