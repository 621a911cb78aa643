"""Promise (docs/reliability.md, P1): "An interrupted run (Ctrl-C) exits 130 with one line",
never a traceback. No test sent the signal. Here ``replay RULES -`` waits on a standard
input that never ends, so the interrupt lands while the command runs, as a user's Ctrl-C
on a slow pipe would."""

from __future__ import annotations

import os
import signal
import subprocess
import time

from .support import SLT, clean_environment, installed_cli

OPENED = (
    '{"at": "2024-07-15T10:00:00+08:00", "type": "opened", "ticket": "T1", '
    '"sla": "故障", "tier": "紧急"}\n'
)


def test_ctrl_c_exits_130_with_one_line() -> None:
    read_end, write_end = os.pipe()
    process = subprocess.Popen(
        [*installed_cli(), "replay", str(SLT), "-"],
        stdin=read_end, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env=clean_environment(),
    )  # fmt: skip
    os.close(read_end)
    try:
        os.write(write_end, OPENED.encode("utf-8"))
        time.sleep(3)  # started, and reading standard input
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
    finally:
        os.close(write_end)
        if process.poll() is None:
            process.kill()
    assert process.returncode == 130
    assert err == b"slarules: error: interrupted\n"
    assert out == b""
