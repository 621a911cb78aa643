"""``slarules check`` end to end: exit codes, text and JSON output (SPEC §6)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from slarules.cli import main

GOLDEN = Path(__file__).parent / "golden"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["check", *args])
    return code, capsys.readouterr().out


def test_a_clean_file_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, str(GOLDEN / "clean-fujian-slt.sla"))
    assert code == 0
    assert out == "0 errors, 0 warnings\n"


def test_warnings_alone_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, str(GOLDEN / "unused.sla"))
    assert code == 0
    assert out.endswith("0 errors, 7 warnings\n")


def test_errors_exit_1_and_the_text_follows_spec_6(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(GOLDEN)
    code, out = run(capsys, "fujian-slt-bands.sla")
    assert code == 1
    lines = out.splitlines()
    # path:line:col: severity: message [CODE], the witness, the source line, the caret.
    assert lines[4] == (
        "fujian-slt-bands.sla:17:3: error: payment band 运维工作考核 leaves scores in (89, 90) "
        "uncovered [SLR303]"
    )
    assert lines[5] == "  witness: 89.5"
    assert lines[6].startswith("  pay band 运维工作考核 {")
    assert lines[7] == "  ^"
    assert lines[-1] == "2 errors, 0 warnings"


def test_a_file_with_several_errors_lists_all_of_them(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(GOLDEN)
    code, out = run(capsys, "several-errors.sla", "--format", "json")
    assert code == 1
    found = json.loads(out)
    assert [(d["line"], d["code"]) for d in found] == [
        (5, "SLR501"),
        (8, "SLR201"),
        (13, "SLR208"),
        (14, "SLR205"),
        (18, "SLR110"),
        (19, "SLR303"),
    ]


def test_json_objects_have_the_spec_keys(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(GOLDEN)
    code, out = run(capsys, "--format", "json", "sichuan-downtime.sla")
    assert code == 1  # a gap in a points table is an error (SLR306)
    found = json.loads(out)
    assert found[0] == {
        "path": "sichuan-downtime.sla",
        "line": 18,
        "col": 5,
        "severity": "error",
        "code": "SLR306",
        "message": "points table of item 年故障时间 leaves downtime(故障.restore) = 24h uncovered",
        "witness": "24h",
    }
    # A diagnostic with no witness has no witness key.
    code, out = run(capsys, "--format", "json", "unused.sla")
    assert all(
        set(d) == {"path", "line", "col", "severity", "code", "message"} for d in json.loads(out)
    )


def test_a_clean_file_in_json_is_an_empty_list(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "--format", "json", str(GOLDEN / "clean-fujian-slt.sla"))
    assert (code, json.loads(out)) == (0, [])


def test_several_files_are_checked_together(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(GOLDEN)
    code, out = run(capsys, "--format", "json", "syntax.sla", "clean-fujian-slt.sla", "units.sla")
    found = json.loads(out)
    assert code == 1
    assert {d["path"] for d in found} == {"syntax.sla", "units.sla"}
    assert [d["code"] for d in found if d["path"] == "syntax.sla"] == ["SLR001"]


def test_a_missing_file_is_a_diagnostic_not_a_traceback(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out = run(capsys, str(tmp_path / "nope.sla"))
    assert code == 1
    assert "[SLR005]" in out


def test_no_file_is_wrong_usage(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["check"])
    assert exc.value.code == 2
    capsys.readouterr()
