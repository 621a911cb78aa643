"""``python -m slarules.cli``: the same as the ``slarules`` command."""

from .commands import main

if __name__ == "__main__":
    raise SystemExit(main())
