"""slarules benchmarks: ``python -m benchmarks`` (``make bench``) prints one table.

Modules: ``bench_calendar`` (Calendar vs pandas), ``bench_check`` (parse and check vs lark),
``bench_replay`` (replay vs json, and replay memory), the generators ``loggen`` and
``rulegen``, and ``probe`` (one measurement in a fresh interpreter).  Generated inputs live in
``benchmarks/data/`` (git-ignored), or wherever ``SLARULES_BENCH_DATA`` points.  See
docs/performance.md for the last run and what it means.
"""
