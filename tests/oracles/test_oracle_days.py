"""The oracles find China's make-up workdays (调休) in any locale.

They read a make-up day from the English label of the day off it moves ("Day off
(substituted from 01/26/2025)"). The `holidays` package names days in the language of the
environment (LANGUAGE, LC_ALL, LC_MESSAGES, LANG) unless told one, so under a Chinese locale
the labels were Chinese and an oracle that did not ask for English found no make-up day at
all — and disagreed with slarules (whose calendar reads dates, not names) for a reason that
was the oracle's.
"""

from __future__ import annotations

from datetime import date

import pytest

from .support import load_oracle

# The State Council's 2025 schedule: Sunday 26 January and Saturday 8 February are worked
# (Spring Festival), Sunday 27 April (Labour Day), Sunday 28 September and Saturday
# 11 October (National Day).
MAKE_UP_2025 = [date(2025, 1, 26), date(2025, 2, 8), date(2025, 4, 27), date(2025, 9, 28)]

WORKDAY = {
    "fujian_scjg_2023.py": "is_workday",
    "fujian_slt_2024.py": "is_workday",
    "guangxi_gat_2024_time.py": "is_china_workday",
}


@pytest.mark.parametrize("locale", ["zh_CN", "en_US", ""])
@pytest.mark.parametrize("oracle", sorted(WORKDAY))
def test_make_up_days_are_workdays_in_any_locale(
    oracle: str, locale: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.setenv(variable, f"{locale}.UTF-8" if locale else "")
    module = load_oracle(oracle)
    days = module._china_year if hasattr(module, "_china_year") else module._china
    days.cache_clear()
    try:
        is_workday = getattr(module, WORKDAY[oracle])
        assert all(is_workday(day) for day in MAKE_UP_2025)
        assert not is_workday(date(2025, 1, 29))  # 春节
    finally:
        days.cache_clear()  # the next test reads the days afresh, in its own locale


@pytest.mark.parametrize("locale", ["zh_CN", ""])
def test_sichuan_make_up_days_are_not_rest_days_in_any_locale(
    locale: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.setenv(variable, f"{locale}.UTF-8" if locale else "")
    module = load_oracle("sichuan_sthjt_2025.py")
    module._china.cache_clear()
    try:
        assert not any(module._rest_day(day) for day in MAKE_UP_2025)
        assert module._rest_day(date(2025, 1, 29))
    finally:
        module._china.cache_clear()
