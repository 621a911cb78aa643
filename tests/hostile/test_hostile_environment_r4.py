"""Fourth pass: the environment a command runs in — closed streams, devices and pipes as
``--out``, and a host that lowers Python's integer-text limit.

What was found, and is fixed:

- ``PYTHONINTMAXSTRDIGITS=640`` (a host hardening setting; Python's default is 4,300):
  a log whose ticket number is a 1,000-digit JSON integer replayed on a default host and
  was refused (``malformed JSON``, exit 1) on that one. JSON integers are now read through
  ``Decimal``, under our own bound of 4,300 digits, on every host.
- A closed standard output (``slarules replay R E >&-``; Python then has no
  ``sys.stdout``) ended every command in an ``AttributeError`` traceback, ``--help`` and
  ``--version`` too; a closed standard input with ``replay R -`` likewise. Each is now a
  usage error that says so (exit 2), and ``--out FILE`` runs need no stdout.
- ``import --out /dev/full`` as root replaced the device node with a regular file named
  ``/dev/full`` and reported the import done (exit 0); ``import --out PIPE`` replaced a
  FIFO the same way (the reader never saw the events), and so did ``replay --format
  xlsx --out``. ``replace_atomically`` now writes a FIFO or device in place, and a full
  device is ``cannot write …: No space left on device`` (exit 2).
- ``--out ''`` (an unset shell variable) printed the report or the log to standard output;
  it is now a usage error. ``import --out -`` wrote a file named ``-``; it is now standard
  output, as ``replay --out -`` is.

- A removed working directory (``cd d; rm -rf d; slarules replay /R /E --out out.txt``)
  ended in a ``FileNotFoundError`` traceback from resolving the relative ``--out``; it is
  now ``cannot write out.txt`` (exit 2).

What held: ``--out`` naming an input through ``./``, ``.//``, ``../dir/`` spellings is
refused; a broken pipe (``| head -c 1``) ends every command quietly with exit 0.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from .test_hostile_cli import _MAIN, RULES, run, run_process, write_events

SAMPLES = Path(__file__).parents[2] / "rulesets"
EXPORT = SAMPLES / "samples" / "exports" / "guangxi-gat-2024.zammad.csv"


def test_a_long_integer_ticket_reads_the_same_whatever_the_host_limit(tmp_path: Path) -> None:
    opened = '{"at": "2026-03-02T09:10:00-05:00", "type": "opened", "ticket": %s, "sla": "故障", "tier": "紧急"}'  # noqa: E501
    events = tmp_path / "e.jsonl"
    events.write_text(opened % ("1" * 1000) + "\n", encoding="utf-8")
    outputs = set()
    for limit in ("0", "640", "4300"):
        done = run_process(
            "replay", str(RULES), str(events), "--format", "json",
            env={"PYTHONINTMAXSTRDIGITS": limit},
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        outputs.add(done.stdout)
    assert len(outputs) == 1
    assert [t["ticket"] for t in json.loads(outputs.pop())["tickets"]] == ["1" * 1000]


def test_a_json_integer_beyond_the_bound_is_refused_on_every_host(tmp_path: Path) -> None:
    events = tmp_path / "e.jsonl"
    events.write_text('{"at": "2026-03-02T09:10:00-05:00", "count": %s}\n' % ("9" * 4301))
    for limit in ("0", "640"):
        done = run_process("replay", str(RULES), str(events), env={"PYTHONINTMAXSTRDIGITS": limit})
        assert done.returncode == 1
        assert b"malformed JSON: a number with thousands of digits" in done.stderr


def closed(stream: int, *argv: str, cwd: Path) -> tuple[int, str]:
    """``slarules ARGV`` with file descriptor ``stream`` (0 or 1) closed: (exit, stderr)."""
    done = subprocess.run(
        [sys.executable, "-c", _MAIN, *argv],
        cwd=cwd,
        stdin=subprocess.DEVNULL if stream != 0 else None,
        stdout=subprocess.DEVNULL if stream != 1 else None,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: os.close(stream),
        timeout=120,
        check=False,
    )
    return done.returncode, done.stderr.decode("utf-8", "replace")


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "RULES"],
        ["replay", "RULES", "EVENTS"],
        ["replay", "RULES", "EVENTS", "--format", "json"],
        ["fmt", "RULES"],
        ["deadline", "RULES", "--sla", "故障", "--tier", "紧急", "--at", "2026-03-02T09:00:00Z"],
        ["import", "EXPORT", "--mapping", "zammad"],
        ["--help"],
        ["--version"],
    ],
)
def test_a_closed_stdout_is_a_usage_error_not_a_traceback(tmp_path: Path, argv: list[str]) -> None:
    events = write_events(tmp_path / "events.jsonl")
    names = {"RULES": str(RULES), "EVENTS": str(events), "EXPORT": str(EXPORT)}
    code, err = closed(1, *[names.get(a, a) for a in argv], cwd=tmp_path)
    assert "Traceback" not in err
    assert code == 2 and "standard output is closed" in err, err


def test_with_out_a_closed_stdout_is_no_matter(tmp_path: Path) -> None:
    events = write_events(tmp_path / "events.jsonl")
    code, err = closed(1, "replay", str(RULES), str(events), "--out", "r.txt", cwd=tmp_path)
    assert code == 0, err
    assert (tmp_path / "r.txt").read_bytes().startswith(b"slarules ")


def test_a_closed_stdin_is_a_usage_error(tmp_path: Path) -> None:
    code, err = closed(0, "replay", str(RULES), "-", cwd=tmp_path)
    assert "Traceback" not in err
    assert code == 2 and "standard input is closed" in err


def read_fifo(path: Path, into: list[bytes]) -> threading.Thread:
    def reader() -> None:
        with path.open("rb") as pipe:
            into.append(pipe.read())

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    return thread


@pytest.mark.parametrize(
    "argv",
    [
        ["import", str(EXPORT), "--mapping", "zammad"],
        ["replay", str(RULES), "EVENTS", "--format", "xlsx"],
    ],
)
def test_a_fifo_as_out_is_written_not_replaced(tmp_path: Path, argv: list[str]) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    got: list[bytes] = []
    thread = read_fifo(pipe, got)
    events = write_events(tmp_path / "events.jsonl")
    code, _out, err = run(*[str(events) if a == "EVENTS" else a for a in argv], "--out", str(pipe))
    thread.join(timeout=60)
    assert code == 0, err
    assert stat.S_ISFIFO(pipe.lstat().st_mode), "the pipe was replaced by a file"
    assert got and got[0][:2] in (b'{"', b"PK")  # the events, or the workbook (a zip)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.jsonl", "pipe"]


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize(
    "argv",
    [
        ["import", str(EXPORT), "--mapping", "zammad"],
        ["replay", str(RULES), "EVENTS", "--format", "xlsx"],
        ["replay", str(RULES), "EVENTS"],
    ],
)
def test_a_full_device_as_out_is_said_and_left_a_device(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, argv: list[str]
) -> None:
    renamed: list[str] = []
    real_replace = os.replace

    def refuse_devices(source: str, target: str | Path) -> None:
        if str(target).startswith("/dev/"):  # never let a regression replace a device node
            renamed.append(str(target))
            raise PermissionError(13, "refused by the test")
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", refuse_devices)
    events = write_events(tmp_path / "events.jsonl")
    code, _out, err = run(
        *[str(events) if a == "EVENTS" else a for a in argv], "--out", "/dev/full"
    )
    assert renamed == [], "a temporary file was renamed over the device"
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)
    assert code == 2 and "cannot write /dev/full: No space left on device" in err, err


@pytest.mark.parametrize("command", ["replay", "import"])
def test_an_empty_out_is_a_usage_error(tmp_path: Path, command: str) -> None:
    events = write_events(tmp_path / "events.jsonl")
    argv = (
        ["replay", str(RULES), str(events)]
        if command == "replay"
        else ["import", str(EXPORT), "--mapping", "zammad"]
    )
    code, out, err = run(*argv, "--out", "")
    assert (code, out) == (2, b"") and "--out is empty" in err


def test_import_out_dash_is_standard_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run("import", str(EXPORT), "--mapping", "zammad", "--out", "-")
    assert code == 0, err
    assert out.startswith(b'{"at": ') and not (tmp_path / "-").exists()


@pytest.mark.parametrize("command", ["replay", "import"])
def test_a_removed_working_directory_is_said_not_a_traceback(tmp_path: Path, command: str) -> None:
    # `cd dir; rm -rf dir; slarules replay /abs/R /abs/E --out report.txt`: resolving the
    # relative --out asked for the working directory, and os.getcwd() raised
    # FileNotFoundError out of the command.
    events = write_events(tmp_path / "events.jsonl")
    gone = tmp_path / "gone"
    gone.mkdir()
    argv = (
        ["replay", str(RULES), str(events)]
        if command == "replay"
        else ["import", str(EXPORT), "--mapping", "zammad"]
    )
    script = f"import os; os.chdir({str(gone)!r}); os.rmdir({str(gone)!r})\n" + _MAIN
    done = subprocess.run(
        [sys.executable, "-c", script, *argv, "--out", "out.txt"],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert b"Traceback" not in done.stderr
    assert done.returncode == 2 and b"cannot write out.txt" in done.stderr, done.stderr
