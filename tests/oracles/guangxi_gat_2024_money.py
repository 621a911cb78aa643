"""The guangxi oracle's money over the whole term (tests/oracles/guangxi_gat_2024.py): every
instalment of "付款方式" (when it falls due, in which 考核周期, its amount, or that it still
waits), the one bond (held, deducted, returned: when and how much), and the scores the
purchaser or a department gives directly (`score` events), written from the contract and
the walkthrough's readings (docs/rulesets/guangxi-gat-2024.md), imports nothing of slarules.

付款方式: "合同签订后5个工作日内，中标人须向采购人指定账户交纳合同金额的3%作为履约保证金（中小微
企业为合同金额的2%）。…确认项目通过科信办组织的阶段验收后，在10个工作日内向中标人支付合同金额的
25%；…中标人维护过程中无重大事故发生，2025年下半年根据项目实施服务情况再支付合同金额的25%；中标人
按照合同要求做好维护工作至维护期满并经最终验收合格后10个工作日内，支付合同金额的50%，并将履约保证金
全额退回（不计利息）。…如出现处罚条款所列事故，则按处罚条款要求扣除履约保证金（履约保证金不足以支付
处罚款项时，采购人有权向中标人追回已支付的合同款或直接从应付合同款中相应扣减）。"
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

D = Decimal
CENT = D("0.01")


def money(x: Decimal) -> Decimal:
    """SPEC §4: "rounded half-up to 0.01 once per reported line"."""
    return x.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass
class Line:
    """One money line: ``amount`` None while it waits (an event not logged yet, a
    condition checked at a due time still to come); ``due`` None for a line waiting for
    its event."""

    name: str
    due: datetime | None
    amount: Decimal | None


@dataclass
class CycleMoney:
    instalments: list[Line] = field(default_factory=list)
    returns: list[Line] = field(default_factory=list)
    deduction: Decimal = D(0)
    bond_opening: Decimal = D(0)
    bond_deducted: Decimal = D(0)
    bond_remaining: Decimal = D(0)
    cash: Decimal | None = D(0)
    payable: Decimal | None = D(0)
    refund: Decimal | None = D(0)


def shares(total: Decimal) -> tuple[Decimal, Decimal, Decimal]:
    """Reading 13: "each instalment is its share of the schedule" — 25% / 25% / 50% rounded
    so that they add up to 合同金额 to the cent (cumulative share less the shares before)."""
    cumulative = [money(total * D(p) / 100) for p in (25, 50, 100)]
    return cumulative[0], cumulative[1] - cumulative[0], cumulative[2] - cumulative[1]


def instalments(
    milestones: list[tuple[datetime, str]],
    accidents: list[datetime],
    total: Decimal,
    as_of: datetime,
    cycle_of: Any,
    due_after_10_workdays: Any,
    mid_due: datetime,
    mid_cycle: int,
    last: int,
) -> dict[int, list[Line]]:
    """Per cycle, the instalments due in it as a report at ``as_of`` lists them.

    - "阶段验收后，在10个工作日内…支付合同金额的25%" and "最终验收合格后10个工作日内，支付合同
      金额的50%": one line per `accepted` / `final_accepted` event logged by ``as_of``
      (docs/language.md §6, "One line per milestone event"), in the cycle of the event
      (reading 13; before the term the first, after it the last, reading 15), due at 24:00
      of the 10th working day after the event's day. It is listed as soon as the event is
      logged, even when it falls due after ``as_of``: its amount and date are fixed.
    - Not logged yet: the term's last cycle lists the instalment as waiting for its event
      (reading 15), an earlier cycle does not.
    - "无重大事故发生，2025年下半年…再支付合同金额的25%" (reading 14): due 2025-12-31 24:00,
      in the cycle that holds that day; a report before then cannot know whether the
      condition holds (an accident may still come), so the line waits; from then on it is
      the share, or 0.00 after a 重大事故 logged before the due time.
    """
    first, second, third = shares(total)
    out: dict[int, list[Line]] = {k: [] for k in range(1, last + 1)}
    schedule = (("阶段验收款", "accepted", first), ("最终验收款", "final_accepted", third))
    for name, event, share in schedule:
        logged = [at for at, what in milestones if what == event]
        for at in logged:
            out[cycle_of(at)].append(Line(name, due_after_10_workdays(at), share))
        if not logged:
            out[last].append(Line(name, None, None))
    withheld = any(at < mid_due for at in accidents)
    amount = None if mid_due > as_of else (D(0) if withheld else second)
    out[mid_cycle].append(Line("中期款", mid_due, amount))
    return out


def settle(
    lines: list[Line],
    finals: list[datetime],
    due_after_10_workdays: Any,
    deduction: Decimal,
    bond: Decimal,
    taken_before: Decimal,
    waiting_return: bool,
) -> tuple[CycleMoney, Decimal]:
    """One cycle's money, and what it took from the bond (deducted or given back).

    Reading 13: the base is the cash due in the cycle (unknown while an instalment waits);
    the 表3 deduction is taken from the bond first, then from the cash ("直接从应付合同款中
    相应扣减"); what the cash cannot cover is owed back (a refund). Reading 16: one bond for
    the term; "全额退回" with the final 50%: each `final_accepted` of the cycle lists a
    return of what the deductions left, due with the 50%. Round 8: a returned bond is gone —
    the purchaser holds nothing after it, so a later deduction finds the bond "不足以支付
    处罚款项" (opening 0.00) and is taken from the cash, and a second return gives 0.00.
    """
    result = CycleMoney(instalments=lines, deduction=deduction)
    opening = bond - taken_before
    from_bond = min(deduction, opening)
    result.bond_opening, result.bond_deducted = opening, from_bond
    result.bond_remaining = opening - from_bond
    left = result.bond_remaining
    returned = D(0)
    for at in finals:
        result.returns.append(Line("bond returned", due_after_10_workdays(at), left))
        returned += left
        left = D(0)
    if waiting_return:
        result.returns.append(Line("bond returned", None, None))
    if any(line.amount is None for line in lines):
        result.cash = result.payable = result.refund = None
    else:
        cash = sum((line.amount for line in lines if line.amount is not None), D(0))
        rest = deduction - from_bond
        result.cash = cash
        result.payable, result.refund = max(cash - rest, D(0)), max(rest - cash, D(0))
    return result, from_bond + returned


def given_scores(
    scores: list[tuple[datetime, dict[str, Any]]], k: int, cycle_of_score: Any
) -> dict[tuple[str, str | None], Decimal]:
    """The scores given for 考核周期:k, by (scorecard, assessor): the latest in the cycle
    wins, ties in file order (SPEC §5 "ties in file order"; docs/events.md "The latest …
    in a period counts"). A score counts in the cycle its ``period`` names, else the one
    holding its ``at``; before or after the term in none (docs/events.md, Evidence after
    the contract's term). With ``assessor`` it is that department's (or the supervisor's)
    sheet of the scorecard; without, the scorecard's own score (SPEC §5: "a score given
    directly, e.g. by the purchaser's own form"; walkthrough, Not encoded: 备注1's
    deductions "give the sheet's score with a `score` event")."""
    out: dict[tuple[str, str | None], Decimal] = {}
    for at, e in scores:  # in time order, ties in file order: the last one wins
        if cycle_of_score(at, e) == k:
            out[(e["scorecard"], e.get("assessor"))] = D(str(e["score"]))
    return out
