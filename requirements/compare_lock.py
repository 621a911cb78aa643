"""Print how the running environment differs from the lock file.

`make test-latest` and `make test-oldest` call it so their output says which versions the
suite ran against, beside the ones a fresh clone gets.
"""

from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

PIN = re.compile(r"^([A-Za-z0-9_.-]+)==([^ ;\\]+)")


def locked_versions(lock: Path) -> dict[str, str]:
    """Name -> version for every `name==version` line of a pip requirements lock."""
    pins: dict[str, str] = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        match = PIN.match(line)
        if match:
            pins.setdefault(normalise(match[1]), match[2])
    return pins


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def main(lock_path: str) -> int:
    locked = locked_versions(Path(lock_path))
    installed = {normalise(d.metadata["Name"]): d.version for d in metadata.distributions()}
    changed = [
        f"  {name}: {locked[name]} (lock) -> {installed[name]} (here)"
        for name in sorted(locked)
        if name in installed and installed[name] != locked[name]
    ]
    if not changed:
        print("every version is the lock's")
        return 0
    print("versions that differ from the lock:", *changed, sep="\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
