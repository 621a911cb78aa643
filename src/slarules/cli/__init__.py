"""The ``slarules`` command line: ``check``, ``fmt``, ``replay``, ``deadlines``.

``commands`` parses the arguments and maps errors to the exit codes of SPEC §6;
``progress`` draws the progress line of a long replay on stderr.
"""

from .commands import main

__all__ = ["main"]
