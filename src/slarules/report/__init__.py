"""The report of a replay (SPEC §7): every ticket, every period's scores and payment, and
the inputs that produced them, so an auditor can reproduce and trace every number.

:mod:`~slarules.report.document` holds the :class:`Report` and its JSON form (the layout is
described there), :mod:`~slarules.report.data` the inputs section, :mod:`~slarules.report.build`
``build_report``, :mod:`~slarules.report.jsonlayout` the pieces of the JSON layout and
:mod:`~slarules.report.values` the texts of values; the names are re-exported here.
"""

from __future__ import annotations

from .build import build_report as build_report
from .build import natural_key as natural_key
from .data import CalendarData as CalendarData
from .data import ReportInputs as ReportInputs
from .data import sha256_hex as sha256_hex
from .document import Report as Report
from .document import _Encoder as _Encoder
from .jsonlayout import ref_dict as ref_dict
from .values import measure_value_text as measure_value_text
from .values import money_text as money_text
from .values import number_text as number_text
from .values import param_text as param_text
