"""Hostile and unusual command lines (issue 11, docs/reliability.md, SPEC §6).

The promises: exit 0, 1 or 2 and nothing else; never a traceback; a report's bytes that
depend on nothing but the inputs (not the locale, the output encoding, the hash seed, the
local timezone, the directory the command runs from or how a path is spelled); an input
never overwritten; a report file written whole or not at all; `-` reads the event log from
standard input; a FIFO or a directory is refused instead of blocking.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from slarules.cli import main

HERE = Path(__file__).parent
RULES = HERE / "hostile.sla"
EVENTS = [
    {"at": "2026-03-02T09:00:00-05:00", "type": "opened", "ticket": "INC-2", "sla": "故障",
     "tier": "紧急"},
    {"at": "2026-03-02T09:10:00-05:00", "type": "responded", "ticket": "INC-2"},
    {"at": "2026-03-02T10:00:00-05:00", "type": "opened", "ticket": "INC-10", "sla": "故障",
     "tier": "一般", "note": "硬盘故障"},
    {"at": "2026-03-05T09:00:00-05:00", "type": "occurrence", "kind": "迟到", "count": 2},
    {"at": "2026-03-31T17:00:00-04:00", "type": "judgement", "item": "支持", "points": 12.5},
]  # fmt: skip


def write_events(path: Path, events: list[Any] = EVENTS) -> Path:
    lines = [e if isinstance(e, str) else json.dumps(e, ensure_ascii=False) for e in events]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(*argv: str, stdin: bytes = b"") -> tuple[int, bytes, str]:
    """``slarules ARGV`` in this process, with byte-backed standard streams as a terminal
    or a pipe gives them: (exit code, stdout bytes, stderr text)."""
    out, err = io.BytesIO(), io.BytesIO()
    streams = (
        io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"),
        io.TextIOWrapper(out, encoding="utf-8", write_through=True),
        io.TextIOWrapper(err, encoding="utf-8", errors="backslashreplace", write_through=True),
    )
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin, sys.stdout, sys.stderr = streams
    try:
        try:
            code = main(list(argv))
        except SystemExit as exc:  # argparse: --help, --version, wrong usage
            code = exc.code if isinstance(exc.code, int) else 2
        for stream in streams[1:]:
            stream.flush()
        return code, out.getvalue(), err.getvalue().decode("utf-8")
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
        for stream in streams:
            stream.detach()  # leave the BytesIO objects open


_MAIN = "import sys; from slarules.cli import main; sys.exit(main())"


def run_process(
    *argv: str, env: dict[str, str] | None = None, cwd: Path | None = None, stdin: bytes = b""
) -> subprocess.CompletedProcess[bytes]:
    """``slarules ARGV`` as its own process, with ``env`` added to the environment."""
    full = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "LC_ALL", "TZ")}
    full |= env or {}
    return subprocess.run(
        [sys.executable, "-c", _MAIN, *argv],
        env=full, cwd=cwd, input=stdin, capture_output=True, timeout=120, check=False,
    )  # fmt: skip


# ---- inputs are never destroyed ---------------------------------------------------------------


def test_out_never_overwrites_an_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    events = write_events(tmp_path / "events.jsonl")
    rules = tmp_path / "rules.sla"
    rules.write_bytes(RULES.read_bytes())
    (tmp_path / "link.jsonl").symlink_to(events)
    os.link(events, tmp_path / "hard.jsonl")
    (tmp_path / "sub").mkdir()
    before = {p: p.read_bytes() for p in (events, rules)}
    monkeypatch.chdir(tmp_path / "sub")
    spellings = [
        "../events.jsonl", str(events), "../sub/../events.jsonl", "../link.jsonl",
        "../hard.jsonl", "../rules.sla", str(rules),
    ]  # fmt: skip
    for out in spellings:
        code, _, err = run("replay", "../rules.sla", "../events.jsonl", "--out", out)
        assert code == 2, out
        assert "is an input of this replay" in err and "Traceback" not in err
    assert {p: p.read_bytes() for p in before} == before


def test_a_failed_run_leaves_the_previous_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events = write_events(tmp_path / "events.jsonl")
    out = tmp_path / "report.json"
    out.write_text("the previous report\n", encoding="utf-8")
    import slarules.report

    def half_then_interrupted(self: Any, handle: Any) -> None:
        handle.write('{"inputs": ')
        raise KeyboardInterrupt  # the run is stopped in the middle of writing

    monkeypatch.setattr(slarules.report.Report, "write_json", half_then_interrupted)
    code, _, err = run("replay", str(RULES), str(events), "--format", "json", "--out", str(out))
    assert code == 130 and "Traceback" not in err
    assert out.read_text(encoding="utf-8") == "the previous report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.jsonl", "report.json"]


def test_a_report_file_is_replaced_whole_and_keeps_its_mode(tmp_path: Path) -> None:
    events = write_events(tmp_path / "events.jsonl")
    out = tmp_path / "report.txt"
    out.write_text("old\n", encoding="utf-8")
    out.chmod(0o640)
    assert run("replay", str(RULES), str(events), "--out", str(out))[0] == 0
    assert out.read_text(encoding="utf-8").startswith("slarules ")
    assert out.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.jsonl", "report.txt"]


def test_an_unwritable_out_is_a_usage_error(tmp_path: Path) -> None:
    events = write_events(tmp_path / "events.jsonl")
    for out in (str(tmp_path / "missing" / "r.json"), str(tmp_path)):
        code, _, err = run("replay", str(RULES), str(events), "--out", out)
        assert code == 2 and err.startswith("slarules: error: cannot write"), err


# ---- standard input, FIFOs, directories --------------------------------------------------


def test_events_from_standard_input_with_dash(tmp_path: Path) -> None:
    # Out of order on purpose: the replay must read standard input twice (it is spooled).
    events = write_events(tmp_path / "events.jsonl", EVENTS[::-1])
    code, from_file, _ = run("replay", str(RULES), str(events), "--format", "json")
    assert code == 0
    data = events.read_bytes()
    code, from_stdin, err = run("replay", str(RULES), "-", "--format", "json", stdin=data)
    assert code == 0, err
    file_report, stdin_report = json.loads(from_file), json.loads(from_stdin)
    assert stdin_report["inputs"]["events"] == {
        "path": "<stdin>",
        "sha256": hashlib.sha256(data).hexdigest(),
    }
    for report in (file_report, stdin_report):
        del report["inputs"]["events"]
    assert stdin_report == file_report


def test_a_bad_line_on_standard_input_is_named(tmp_path: Path) -> None:
    code, _, err = run("replay", str(RULES), "-", stdin=b'{"at": 1}\n')
    assert code == 1 and err.startswith("<stdin>:1:1: error:"), err


def _unblock_after(path: Path, seconds: float) -> threading.Thread:
    """Open the FIFO for writing after a while, so a reader that blocked would return and
    the test would fail instead of hanging."""

    def writer() -> None:
        time.sleep(seconds)
        with contextlib.suppress(OSError):  # ENXIO when no reader waits: nothing blocked
            os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    return thread


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    thread = _unblock_after(fifo, 3)
    started = time.perf_counter()
    code, _, err = run("replay", str(RULES), str(fifo))
    assert code == 2 and "not a regular file; to read standard input, give -" in err
    code, _, err = run("replay", str(fifo), str(fifo))
    assert code == 2 and "rule file" in err
    code, out, _ = run("check", str(fifo))
    assert code == 1 and b"[SLR005]" in out
    code, _, _ = run(
        "deadline", str(fifo), "--sla", "故障", "--tier", "紧急", "--at", "2026-03-02T10:00:00Z"
    )
    assert code == 2
    assert time.perf_counter() - started < 2.5
    assert thread.is_alive()  # every command returned before the FIFO was ever opened


def test_a_directory_is_refused(tmp_path: Path) -> None:
    assert run("replay", str(RULES), str(tmp_path))[0] == 2
    code, out, _ = run("check", str(tmp_path))
    assert code == 1 and b"it is a directory [SLR005]" in out


# ---- auditability --------------------------------------------------------------------------


def test_the_rule_files_digest_is_of_its_bytes_byte_order_mark_and_all(tmp_path: Path) -> None:
    rules = tmp_path / "bom.sla"
    rules.write_bytes(b"\xef\xbb\xbf" + RULES.read_bytes().replace(b"\n", b"\r\n"))
    events = write_events(tmp_path / "events.jsonl")
    code, out, _ = run("replay", str(rules), str(events), "--format", "json")
    assert code == 0
    inputs = json.loads(out)["inputs"]
    assert inputs["ruleset"] == {
        "path": "bom.sla",
        "sha256": hashlib.sha256(rules.read_bytes()).hexdigest(),  # what sha256sum prints
    }
    assert inputs["events"]["sha256"] == hashlib.sha256(events.read_bytes()).hexdigest()


def test_the_report_does_not_depend_on_how_paths_are_spelled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    events = write_events(tmp_path / "a" / "events.jsonl")
    rules = tmp_path / "a" / "rules.sla"
    rules.write_bytes(RULES.read_bytes())
    outputs = set()
    for cwd, rule_arg, event_arg in (
        (tmp_path, str(rules), str(events)),
        (tmp_path / "a", "rules.sla", "events.jsonl"),
        (tmp_path / "a" / "b", "../rules.sla", "../../a/events.jsonl"),
    ):
        monkeypatch.chdir(cwd)
        for fmt in ("json", "text"):
            code, out, _ = run("replay", rule_arg, event_arg, "--format", fmt, "--lenient")
            assert code == 0
            outputs.add((fmt, out))
    assert len(outputs) == 2  # one per format
    assert all(str(tmp_path).encode() not in out for _, out in outputs)


@pytest.mark.parametrize(
    "argv",
    [
        ["--as-of", ""],
        ["--as-of", " "],
        ["--as-of", "2026-03-02T10:00:00"],
        ["--as-of", "9999-12-31T23:00-12:00"],
        ["--period", ""],
        ["--period", "2026-13"],
        ["--param", "contract_total=1e40"],
        ["--param", "contract_total=" + "1" * 40],
        ["--param", "contract_total=1" + "0" * 5000],
        ["--param", "contract_total=0.0000001"],
        ["--param", "contract_total="],
        ["--param", "="],
        ["--param", "contract_total=1", "--param", "contract_total=2"],
        ["--param", "nosuch=1"],
        ["--format", "xml"],
    ],
)
def test_wrong_options_are_usage_errors(tmp_path: Path, argv: list[str]) -> None:
    events = write_events(tmp_path / "events.jsonl")
    code, out, err = run("replay", str(RULES), str(events), *argv)
    assert code == 2 and out == b"", (code, err)
    assert "Traceback" not in err and err.strip()


def test_a_far_deadline_is_a_usage_error_not_a_traceback() -> None:
    for at in ("2199-12-31T23:59:00Z", "9999-12-31T23:00-12:00", "0001-01-01T00:00+01:00"):
        code, _, err = run("deadline", str(RULES), "--sla", "故障", "--tier", "紧急", "--at", at)
        assert code in (0, 2) and "Traceback" not in err, (at, err)


def test_a_forged_line_in_a_ticket_id_is_escaped(tmp_path: Path) -> None:
    forged = "X\n  payment: 0.00 payable\x1b[2J\x1b]0;owned\x07\u202e\u2028"
    events = write_events(
        tmp_path / "events.jsonl",
        [{**EVENTS[0], "ticket": forged, "note": forged}, {**EVENTS[3], "x-n": forged}],
    )
    code, out, _ = run("replay", str(RULES), str(events))
    assert code == 0
    text = out.decode("utf-8")
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
    assert "\u2028" not in text
    assert "\n  payment: 0.00 payable" not in text
    assert "X\\n  payment: 0.00 payable\\x1b[2J" in text


# ---- byte-identical whatever the environment (separate processes) ------------------------------

ENVIRONMENTS = [
    {},
    {"PYTHONIOENCODING": "latin-1", "PYTHONHASHSEED": "1", "TZ": "Asia/Tokyo", "LC_ALL": "C"},
    {"PYTHONIOENCODING": "ascii", "PYTHONHASHSEED": "12345", "TZ": "UTC", "LC_ALL": "POSIX"},
    {"PYTHONIOENCODING": "utf-16", "PYTHONHASHSEED": "random", "TZ": "America/New_York"},
    {"PYTHONIOENCODING": "cp1252:strict", "LC_ALL": "zh_CN.GB18030", "TZ": "Pacific/Kiritimati"},
]


def test_report_bytes_do_not_depend_on_the_environment(tmp_path: Path) -> None:
    """Two runs, and runs under other encodings, hash seeds, zones and locales, print the
    same bytes, for both formats (5 environments × 2 formats, ~0.5 s a process). The text
    report's language is asked for explicitly (the locale would choose it otherwise); the
    JSON report is English under a Chinese locale too."""
    events = write_events(tmp_path / "events.jsonl", [*EVENTS, {**EVENTS[0], "ticket": "票①\x1b"}])
    for fmt, lang in (("text", ["--lang", "en"]), ("text", ["--lang", "zh"]), ("json", [])):
        outputs = set()
        for env in ENVIRONMENTS:
            done = run_process(
                "replay", str(RULES), str(events), "--format", fmt, "--lenient", *lang, env=env
            )
            assert done.returncode == 0, done.stderr
            assert b"Traceback" not in done.stderr
            outputs.add(done.stdout)
        assert len(outputs) == 1, fmt
        assert "票".encode() in outputs.pop()


def test_errors_do_not_depend_on_the_environment(tmp_path: Path) -> None:
    events = write_events(
        tmp_path / "e.jsonl", ['{"at": "2026-03-02T10:00:00-05:00", "type": "票\\u001b"}']
    )
    outputs = set()
    for env in ENVIRONMENTS[:3]:
        done = run_process("replay", str(RULES), str(events), env=env, cwd=tmp_path)
        assert done.returncode == 1 and b"Traceback" not in done.stderr
        outputs.add(done.stderr)
    assert len(outputs) == 1
    assert b"e.jsonl:1:1: error: unknown event type" in outputs.pop()


# ---- generated command lines -----------------------------------------------------------------

_WORD = st.one_of(
    st.text(st.characters(codec=None), max_size=10),
    st.sampled_from([
        "", "-", "--", "2026", "2026-Q1", "2026-03", "cycle:1", "cycle:0", "cycle:-1", "月度:1",
        "2026-03-02T10:00:00-05:00", "9999-12-31T23:00-12:00", "0001-01-01T00:00:00+01:00",
        "contract_total=1e40", "contract_total=80万元", "contract_total=-1", "故障", "紧急",
        "1" * 5000, "\x1b[2J", "\ud800",
    ]),
)  # fmt: skip


@st.composite
def command_line(draw: st.DrawFn, files: dict[str, str]) -> list[str]:
    """A command, files from a fixed set (good, bad, missing, FIFO, directory) and options
    with hostile values, in any order, sometimes with an argument missing."""
    command = draw(st.sampled_from(["replay", "replay", "check", "deadline", "fmt", "nosuch"]))
    path = st.sampled_from(sorted(files.values()))
    argv = [command, draw(st.one_of(st.just(files["rules"]), path))]
    if command == "replay":
        argv.append(draw(st.one_of(st.just(files["events"]), path)))
    options = {
        "replay": ["--period", "--as-of", "--param", "--format", "--out", "--lenient"],
        "deadline": ["--sla", "--tier", "--at", "--format"],
        "check": ["--format"],
        "fmt": ["--check"],
        "nosuch": ["--help"],
    }[command]
    for option in draw(st.lists(st.sampled_from(options), max_size=3)):
        argv.append(option)
        if option in ("--lenient", "--check", "--help"):
            continue
        if option == "--out":
            argv.append(draw(st.sampled_from([files["out"], files["events"], "-", files["dir"]])))
        elif option == "--format":
            argv.append(draw(st.sampled_from(["text", "json", "xml"])))
        elif option == "--as-of" and draw(st.booleans()):
            argv.append("2026-04-01T00:00:00-04:00")
        else:
            argv.append(draw(_WORD))
    if command == "deadline" and draw(st.booleans()):
        argv += ["--sla", "故障", "--tier", "紧急", "--at", draw(_WORD)]
    return argv


@pytest.fixture(scope="module")
def cli_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    base = tmp_path_factory.mktemp("cli")
    bad = base / "bad.jsonl"
    bad.write_bytes(
        b'{"at": "2026-03-02T10:00:00-05:00", "type": "opened", "ticket": "\\ud800"}\n\xff\n'
    )
    broken = base / "broken.sla"
    broken.write_text('ruleset "x" { timezone "Nowhere/City" }\nsla {\n', encoding="utf-8")
    files = {
        "rules": str(RULES),
        "events": str(write_events(base / "events.jsonl")),
        "bad": str(bad),
        "broken": str(broken),
        "missing": str(base / "missing.jsonl"),
        "dir": str(base),
        "out": str(base / "out.txt"),
    }
    if hasattr(os, "mkfifo"):
        os.mkfifo(base / "fifo")
        files["fifo"] = str(base / "fifo")
    return files


def test_generated_command_lines_keep_the_promises(cli_files: dict[str, str]) -> None:
    before = Path(cli_files["events"]).read_bytes()

    @settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(argv=command_line(cli_files))
    def check(argv: list[str]) -> None:
        started = time.perf_counter()
        code, _, err = run(*argv)
        assert code in (0, 1, 2), (argv, code)
        assert "Traceback" not in err, (argv, err)
        assert time.perf_counter() - started < 10, argv
        events = Path(cli_files["events"])
        inputs = argv[1:3] if argv[0] == "replay" else argv[1:2]
        if cli_files["events"] in inputs:  # an input is never written over
            assert events.read_bytes() == before, argv
        else:  # `replay RULES bad.jsonl --lenient --out events.jsonl` may write there
            events.write_bytes(before)

    check()


@pytest.mark.skipif(not Path("/dev/stdout").exists(), reason="needs /dev/stdout")
def test_out_to_a_device_is_written_directly(tmp_path: Path) -> None:
    events = write_events(tmp_path / "events.jsonl")
    done = run_process("replay", str(RULES), str(events), "--out", "/dev/stdout")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"slarules ")


def test_an_as_of_the_calendar_cannot_reach_is_said_as_such() -> None:
    # fujian-scjg-2023 counts workdays on China's holiday data, which ends in 2100: an
    # as_of in 2199 cannot be evaluated, and the message must say why, not "no event".
    root = HERE.parent.parent / "rulesets"
    events = root / "samples" / "fujian-scjg-2023.events.jsonl"
    argv = ("replay", str(root / "fujian-scjg-2023.sla"), str(events))
    code, _, err = run(*argv, "--as-of", "2199-12-31T23:59:59Z")
    assert code == 2 and "Traceback" not in err
    assert "no event to evaluate" not in err
    assert "--as-of '2199-12-31T23:59:59+00:00' is past the day data of calendar" in err
    assert "the last day it covers is 2100-12-31" in err
