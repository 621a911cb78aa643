"""Scoring: from the evidence of a replay to the results of every scorecard and payment.

``evaluator`` walks the periods and scorecards; ``items`` scores one item, ``aggregates``
computes counts and means over tickets, ``composite`` evaluates expressions, ``payment`` and
``schedule`` the payment clauses; ``results`` holds the result types.
"""
