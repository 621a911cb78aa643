"""A settled ticket as the bytes the ticket store keeps, and back (``ticket_store.py``).

The store writes every settled ticket of a large replay once and reads it back two or three
times (a later event, scoring's pass over its period, the report's pass), so what a record
costs to make and to read is most of what spilling costs (docs/performance.md, *The spill's
CPU cost*). Two formats:

- **Flat** (``R``, ``S``, ``T``): a :class:`~.evidence.TicketResult` alone or a
  :class:`~.settled.SettledTicket` (most kept tickets) as one ``marshal`` of plain values:
  texts, numbers, tuples, each distinct instant as its 10-byte ``datetime`` state (what
  ``pickle`` keeps of it, fold included), and the record's time zone and repeated names as
  numbers into the codec's tables (:class:`Flat`). Reading it back is one C call for the
  values, one ``datetime`` per distinct instant (shared by every field that held it, as in
  the result before it was written), and one Python function that sets the slots of the
  result, its targets and its event references through the slots' own descriptors: about
  twice as fast as unpickling the objects, a third faster to write, two thirds the bytes.
  A packed :class:`~.clocks.TicketState` (``T``) keeps its result flat beside a pickle of
  its other slots.
- **Pickled** (``r``, ``s``, ``t``): what the flat format cannot name: a ticket whose
  instants are in more than one zone (a calendar of its own), a value ``marshal`` refuses
  (a subclass of ``str``, say). A ``TicketState`` is reduced to its slots and its SLA's
  plan by name; results, targets and event references to tuples of their fields
  (``_FAST``).

Both rebuild the texts every result repeats (SLA, metric, tier and status names, role
letters, ``"line"``) as one shared object each, so that a ticket read back costs the memory
it cost before it was written. The records are ours, written and read by this process only
(never untrusted input): ``marshal`` and ``pickle`` are safe here, and a record does not
outlive the process (the store's database is unlinked at once).
"""

from __future__ import annotations

import io
import marshal
import operator
import pickle
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta, tzinfo
from typing import Any

import attrs

from ..events.types import EventRef
from .clocks import NO_AGREEMENTS, SETTLED, SlaPlan, TicketState
from .evidence import TargetResult, TicketResult
from .settled import Kept, SettledTicket

_RESULT, _SETTLED, _STATE = b"r", b"s", b"t"
_FLAT_RESULT, _FLAT_SETTLED, _FLAT_STATE = b"R", b"S", b"T"

_SET = object.__setattr__
_NEW = object.__new__
# Texts and tuples every result repeats (SLA, metric, tier and status names, role letters,
# ``"line"``): one object each, as in a result that never left memory. Bounded by the rule
# file's names and the role patterns (a few dozen), not by the log.
_SHARED: dict[Any, Any] = {}
_share = _SHARED.setdefault
_MICROSECOND = timedelta(microseconds=1)


class _NotFlat(Exception):
    """The result has an instant the flat format cannot name: the pickled one is used."""


# -- the flat format ---------------------------------------------------------------------------

_TICKET_VALUES = operator.attrgetter("ticket", "excluded", "notes", "assessor", "fields")
_TICKET_NAMES = operator.attrgetter("sla", "tier", "tiers_seen")
_TARGET_VALUES = operator.attrgetter("days_late", "met_by_downgrade", "agreed")
_TARGET_NAMES = operator.attrgetter("metric", "status", "tier", "unit", "roles")
_TARGET_INSTANTS = operator.attrgetter("start", "deadline", "stop")
_REF_VALUES = operator.attrgetter("line", "id", "where")
_LINE = "line"


def _slot_setters(cls: type) -> dict[str, Callable[[Any, Any], None]]:
    """Each attrs slot's ``__set__``: what ``object.__setattr__`` does, without its name
    lookup (the classes are frozen: their own ``__setattr__`` refuses)."""
    return {a.name: cls.__dict__[a.name].__set__ for a in attrs.fields(cls)}


_T = _slot_setters(TicketResult)
_G = _slot_setters(TargetResult)
_E = _slot_setters(EventRef)
(_t_ticket, _t_sla, _t_tier, _t_opened, _t_excluded, _t_targets, _t_tiers_seen, _t_closed,
 _t_events, _t_notes, _t_assessor, _t_fields) = (_T[name] for name in _T)  # fmt: skip
(_g_metric, _g_status, _g_start, _g_deadline, _g_stop, _g_elapsed, _g_days_late,
 _g_met_by_downgrade, _g_intervals, _g_events, _g_tier, _g_unit, _g_agreed,
 _g_roles) = (_G[name] for name in _G)  # fmt: skip
_e_line, _e_id, _e_where = _E["line"], _E["id"], _E["where"]


class _Table:
    """What repeats across a codec's records, numbered: the time zones (by identity, so a
    ticket read back has its instants' very zone object) and the tuples of names every
    result repeats (its SLA, tier and tiers seen; a target's metric, status, tier, unit and
    roles), each kept once, so that a record holds a number for them and one read back
    shares them as a result that never left memory does. Bounded by the rule file's names
    and the role patterns of the log (a few dozen), not by the number of tickets."""

    __slots__ = ("_codes", "values")

    def __init__(self) -> None:
        self.values: list[Any] = []
        self._codes: dict[Any, int] = {}

    def code(self, key: Any, value: Any) -> int:
        code = self._codes.get(key)
        if code is None:
            code = self._codes[key] = len(self.values)
            self.values.append(value)
        return code


class Flat:
    """Results as plain values and back, the names and zones numbered in one codec's
    tables (see module docstring)."""

    __slots__ = ("names", "zones")

    def __init__(self) -> None:
        self.names = _Table()
        self.zones = _Table()

    def result(self, result: TicketResult) -> tuple[Any, ...]:
        """``result`` as plain values; raises ``_NotFlat``. Its events are their lines when
        each is a line of the log without an id (a replay's), (line, id, where) triples
        otherwise; a target's events are their places among them (a target event that is
        not among the ticket's, which the clocks never make, is added after). Every
        instant is its place among the record's distinct instants (-1: None), found by
        identity, so that one read back is shared where the result shared it."""
        name = self.names.code
        events = result.events
        ref_places = {id(ref): n for n, ref in enumerate(events)}
        extra: list[EventRef] = []
        instants: list[datetime | None] = [result.opened, result.closed]
        targets = []
        for target in result.targets:
            refs = []
            for ref in target.events:
                found = ref_places.get(id(ref))
                if found is None:
                    found = ref_places[id(ref)] = len(events) + len(extra)
                    extra.append(ref)
                refs.append(found)
            instants += _TARGET_INSTANTS(target)
            spans = target._intervals
            if spans is not None:
                for span in spans:
                    instants += span
            elapsed = target._elapsed
            names = _TARGET_NAMES(target)
            targets.append(
                (
                    name(names, names),
                    _TARGET_VALUES(target),
                    None if elapsed is None else elapsed // _MICROSECOND,
                    None if spans is None else len(spans),
                    tuple(refs),
                )
            )
        every_ref = events + tuple(extra) if extra else events
        if all(ref.id is None and ref.where == _LINE for ref in every_ref):
            refs_values: tuple[Any, ...] = tuple([ref.line for ref in every_ref])
        else:
            refs_values = (None, *map(_REF_VALUES, every_ref))
        places, states, zone = _distinct_instants(instants)
        ticket_names = _TICKET_NAMES(result)
        return (
            _TICKET_VALUES(result),
            name(ticket_names, ticket_names),
            refs_values,
            len(events),
            tuple(targets),
            places,
            states,
            self.zones.code(id(zone), zone),
        )

    def result_from(self, values: tuple[Any, ...]) -> TicketResult:
        """The result ``result`` wrote."""
        texts, names_code, refs, event_count, flat_targets, places, states, zone_code = values
        ticket, excluded, notes, assessor, fields = texts
        names = self.names.values
        zone = self.zones.values[zone_code]
        distinct: list[datetime | None] = [datetime(state, zone) for state in states]  # type: ignore[call-arg]
        distinct.append(None)  # place -1
        instants = [distinct[place] for place in places]
        made = []
        if refs and refs[0] is None:
            for line, ident, where in refs[1:]:
                ref = _NEW(EventRef)
                _e_line(ref, line)
                _e_id(ref, ident)
                _e_where(ref, _share(where, where))
                made.append(ref)
        else:
            for line in refs:
                ref = _NEW(EventRef)
                _e_line(ref, line)
                _e_id(ref, None)
                _e_where(ref, _LINE)
                made.append(ref)
        targets = []
        at = 2  # instants: opened, closed, then each target's start, deadline, stop and spans
        for code, (late, downgraded, agreed), elapsed, span_count, target_refs in flat_targets:
            metric, status, target_tier, unit, roles = names[code]
            target = _NEW(TargetResult)
            _g_metric(target, metric)
            _g_status(target, status)
            _g_start(target, instants[at])
            _g_deadline(target, instants[at + 1])
            _g_stop(target, instants[at + 2])
            at += 3
            _g_elapsed(target, None if elapsed is None else timedelta(0, 0, elapsed))
            _g_days_late(target, late)
            _g_met_by_downgrade(target, downgraded)
            if span_count is None:
                _g_intervals(target, None)
            else:
                ends = iter(instants[at : at + 2 * span_count])
                _g_intervals(target, tuple(zip(ends, ends, strict=True)))
                at += 2 * span_count
            _g_events(target, tuple([made[n] for n in target_refs]))
            _g_tier(target, target_tier)
            _g_unit(target, unit)
            _g_agreed(target, agreed)
            _g_roles(target, roles)
            targets.append(target)
        sla, tier, tiers_seen = names[names_code]
        result = _NEW(TicketResult)
        _t_ticket(result, ticket)
        _t_sla(result, sla)
        _t_tier(result, tier)
        _t_opened(result, instants[0])
        _t_excluded(result, excluded)
        _t_targets(result, tuple(targets))
        _t_tiers_seen(result, tiers_seen)
        _t_closed(result, instants[1])
        _t_events(result, tuple(made[:event_count]) if len(made) > event_count else tuple(made))
        _t_notes(result, notes)
        _t_assessor(result, assessor)
        _t_fields(result, fields)
        return result


def _distinct_instants(
    instants: list[datetime | None],
) -> tuple[tuple[int, ...], tuple[bytes, ...], tzinfo | None]:
    """Each instant's place among the distinct ones (-1: None), the distinct ones' states,
    and their one zone; raises ``_NotFlat`` for a second zone or a subclass of datetime."""
    found: dict[int, int] = {id(None): -1}
    states: list[bytes] = []
    places = []
    zone: Any = _NO_ZONE_YET
    for at in instants:
        place = found.get(id(at))
        if place is None:
            reduced: Any = at.__reduce_ex__(4)  # (datetime, (state,)) or (datetime, (state, zone))
            values = reduced[1]
            own = values[1] if len(values) == 2 else None
            if zone is _NO_ZONE_YET:
                zone = own
            elif own is not zone:
                raise _NotFlat
            if reduced[0] is not datetime:
                raise _NotFlat
            place = found[id(at)] = len(states)
            states.append(values[0])
        places.append(place)
    return tuple(places), tuple(states), None if zone is _NO_ZONE_YET else zone


_NO_ZONE_YET = object()


def _event_ref(values: tuple[Any, ...]) -> EventRef:
    line, ident, where = values
    ref: EventRef = _NEW(EventRef)
    _e_line(ref, line)
    _e_id(ref, ident)
    _e_where(ref, _share(where, where))
    return ref


# -- the pickled format ------------------------------------------------------------------------

_NAMES: dict[type, tuple[str, ...]] = {
    cls: tuple(a.name for a in attrs.fields(cls)) for cls in (TicketResult, TargetResult, EventRef)
}


def _rebuilt(cls: type, values: tuple[Any, ...], shared: tuple[tuple[int, str], ...]) -> Any:
    """An attrs slotted instance from its field values (what ``attrs`` does on unpickling,
    without a ``dict``), the values at the positions of ``shared`` shared."""
    obj: Any = _NEW(cls)
    for name, value in zip(_NAMES[cls], values, strict=True):
        _SET(obj, name, value)
    for position, name in shared:
        value = values[position]
        _SET(obj, name, _share(value, value))
    return obj


_RESULT_SHARED = ((1, "sla"), (2, "tier"), (6, "tiers_seen"))
_TARGET_SHARED = ((0, "metric"), (1, "status"), (10, "tier"), (11, "unit"), (13, "roles"))


def _ticket_result(values: tuple[Any, ...]) -> TicketResult:
    result: TicketResult = _rebuilt(TicketResult, values, _RESULT_SHARED)
    return result


def _target_result(values: tuple[Any, ...]) -> TargetResult:
    result: TargetResult = _rebuilt(TargetResult, values, _TARGET_SHARED)
    return result


def _fields_reducer(cls: type, rebuild: Callable[[tuple[Any, ...]], Any]) -> Callable[[Any], Any]:
    """Pickle an attrs slotted instance as ``rebuild(its field values)``."""
    values = operator.attrgetter(*_NAMES[cls])

    def reduce(obj: Any) -> tuple[Any, ...]:
        return (rebuild, (values(obj),))

    return reduce


_SETTLED_MARK, _NO_AGREEMENTS_MARK = "\x00settled", "\x00no agreements"


def _reduce_state(state: TicketState) -> tuple[Any, ...]:
    """A settled ``TicketState`` as its slots, the plan by its SLA's name and the shared
    sentinels by a mark (``RecordCodec.loads`` puts the plan back)."""
    values = []
    for name in TicketState.__slots__:
        value = getattr(state, name)
        if name == "plan":
            value = value.sla.name
        elif name == "sla":
            value = None
        elif value is SETTLED:
            value = _SETTLED_MARK
        elif value is NO_AGREEMENTS:
            value = _NO_AGREEMENTS_MARK
        values.append(value)
    return (_ticket_state, (tuple(values),))


def _ticket_state(values: tuple[Any, ...]) -> TicketState:
    """The state ``_reduce_state`` wrote, with its SLA's name as ``plan`` for now."""
    state = object.__new__(TicketState)
    for name, value in zip(TicketState.__slots__, values, strict=True):
        if value == _SETTLED_MARK:
            value = SETTLED
        elif value == _NO_AGREEMENTS_MARK:
            value = NO_AGREEMENTS
        _SET(state, name, value)
    return state


_FAST: dict[type, Callable[[Any], Any]] = {
    TicketState: _reduce_state,
    TicketResult: _fields_reducer(TicketResult, _ticket_result),
    TargetResult: _fields_reducer(TargetResult, _target_result),
    EventRef: _fields_reducer(EventRef, _event_ref),
}


class _FastPickler(pickle.Pickler):
    dispatch_table = _FAST


class RecordCodec:
    """Settled tickets to records and back, for one store. ``plans``: the tracker's, by SLA
    name (a record names its ticket's plan)."""

    def __init__(self, plans: Mapping[str, SlaPlan]) -> None:
        self._plans = plans
        self._flat = Flat()
        self._buffer = io.BytesIO()
        self._pickler = _FastPickler(self._buffer, protocol=pickle.HIGHEST_PROTOCOL)

    def dumps(self, kept: Kept) -> bytes:
        flat = self._flat.result
        try:
            if type(kept) is TicketResult:
                return _FLAT_RESULT + marshal.dumps(flat(kept))
            if type(kept) is SettledTicket:
                settled = (flat(kept.final), _REF_VALUES(kept.closed_ref))
                return _FLAT_SETTLED + marshal.dumps(settled)
            assert type(kept) is TicketState and kept.settled_result, "only settled tickets"
            state = (flat(kept.settled_result), self._pickled(kept, without_result=True))
            return _FLAT_STATE + marshal.dumps(state)
        except (_NotFlat, ValueError):  # ValueError: a value marshal cannot write
            pass
        return self._pickled(kept)

    def _pickled(self, kept: Kept, without_result: bool = False) -> bytes:
        """The pickled record; ``without_result``: a state's pickle without its result,
        which the flat record beside it holds (``_FLAT_STATE``)."""
        buffer = self._buffer
        buffer.seek(0)
        buffer.truncate()
        self._pickler.clear_memo()
        if type(kept) is TicketResult:
            buffer.write(_RESULT)
            self._pickler.dump(kept)
        elif type(kept) is SettledTicket:
            buffer.write(_SETTLED)
            self._pickler.dump((kept.final, kept.closed_ref))
        else:
            assert type(kept) is TicketState and kept.final, "only settled tickets are stored"
            buffer.write(_STATE)
            if without_result:
                final, packed = kept.settled_result, kept.packed
                kept.settle_as(None, packed)  # type: ignore[arg-type]
                try:
                    self._pickler.dump(kept)
                finally:
                    kept.settle_as(final, packed)  # type: ignore[arg-type]
            else:
                self._pickler.dump(kept)
        return buffer.getvalue()

    def loads(self, record: bytes) -> Kept:
        kind, body = record[:1], memoryview(record)[1:]
        if kind == _FLAT_RESULT:
            return self._flat.result_from(marshal.loads(body))
        if kind == _FLAT_SETTLED:
            flat, closed_ref = marshal.loads(body)
            final = self._flat.result_from(flat)
            return SettledTicket(final, _event_ref(closed_ref), self._plans[final.sla])
        if kind == _FLAT_STATE:
            flat, pickled = marshal.loads(body)
            state = self._state(memoryview(pickled)[1:])
            state.settle_as(self._flat.result_from(flat), state.packed)
            return state
        if kind == _RESULT:
            result: TicketResult = pickle.loads(body)
            return result
        if kind == _SETTLED:
            final, ref = pickle.loads(body)
            return SettledTicket(final, ref, self._plans[final.sla])
        return self._state(body)

    def _state(self, pickled: memoryview) -> TicketState:
        state: TicketState = pickle.loads(pickled)
        plan = self._plans[state.plan]  # type: ignore[index]  # the name, see _ticket_state
        state.plan, state.sla = plan, plan.sla
        return state
