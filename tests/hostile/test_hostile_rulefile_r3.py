"""Third pass: rule files as a Chinese author's editor may save them (docs/language.md §1).

Each either works as the author expects or is an error at ``path:line:col`` with the line
and a caret:

- a file whose only line ends are CRs (classic Mac OS editors, some exports) was read as
  one line, so its first ``#`` comment swallowed the file: "no ruleset header" at 1:1,
  about a file that has one. It now reads as the lines the author sees;
- a file saved as GBK (Windows "ANSI" on a Chinese system) or UTF-16 was refused at
  column 1 of the line, without the line or a caret and without saying what the bytes
  are; it is now located at the first byte that is not UTF-8, quoted, and named;
- a digit of another script (``max ৪0``, BENGALI DIGIT FOUR, which looks like 8) was read
  as its value, so a reviewer saw 80 where slarules counted 40; it is refused. Full-width
  digits, what a Chinese input method types, keep their value (``１５分钟`` is 15 minutes).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

import slarules

from .test_hostile_cli import RULES, run

BASE = RULES.read_text(encoding="utf-8")


def write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "rules.sla"
    path.write_bytes(data)
    return path


def check(path: Path) -> tuple[int, str]:
    code, out, err = run("check", str(path))
    return code, out.decode("utf-8") + err


def test_a_file_with_cr_only_line_ends_reads_as_its_lines(tmp_path: Path) -> None:
    path = write(tmp_path, BASE.replace("\n", "\r").encode("utf-8"))
    assert check(path)[0] == 0
    mac, unix = slarules.load(path), slarules.load(RULES)
    assert mac.slas == unix.slas and mac.tiers("故障") == unix.tiers("故障")
    assert mac.deadlines("故障", "紧急", "2026-03-02T09:00:00-05:00") == unix.deadlines(
        "故障", "紧急", "2026-03-02T09:00:00-05:00"
    )


def test_an_error_in_a_cr_only_file_is_at_its_line_and_column(tmp_path: Path) -> None:
    broken = BASE.replace("item 考勤 max 20", "item 考勤 max 2x0")
    line = next(n for n, text in enumerate(broken.split("\n"), 1) if "2x0" in text)
    code, text = check(write(tmp_path, broken.replace("\n", "\r").encode("utf-8")))
    assert code == 1
    assert f"rules.sla:{line}:15: error:" in text, text
    assert "item 考勤 max 2x0" in text and "no ruleset header" not in text


def test_a_gbk_file_is_located_at_its_first_foreign_byte_and_named(tmp_path: Path) -> None:
    data = BASE.encode("gbk")
    code, text = check(write(tmp_path, data))
    assert code == 1
    first = text.splitlines()[0]
    # Line 6 ends in 元 (D4 AA in GBK) and line 8 is `calendar 全天`, 全 being C8 AB:
    # both pairs happen to be valid UTF-8 too. 天 (CC EC) is not: line 8, column 11.
    assert BASE.split("\n")[7].startswith("calendar 全天")
    assert "rules.sla:8:11: error:" in first, first
    assert "GBK" in first and "SLR006" in first
    assert text.splitlines()[2].endswith("^")  # the line is quoted, with a caret


def test_a_utf16_file_is_named_as_such(tmp_path: Path) -> None:
    code, text = check(write(tmp_path, BASE.encode("utf-16")))
    assert code == 1
    assert "rules.sla:1:1: error:" in text and "UTF-16" in text


@pytest.mark.parametrize("digit", ["\u09ea", "\u0664", "\u096a", "\U0001d7d2", "\u0e54"])
def test_a_digit_of_another_script_is_refused_where_it_stands(tmp_path: Path, digit: str) -> None:
    assert unicodedata.decimal(digit) == 4
    text = BASE.replace("item 响应 max 40", f"item 响应 max {digit}0")
    line = next(n for n, row in enumerate(text.split("\n"), 1) if f"max {digit}0" in row)
    code, out = check(write(tmp_path, text.encode("utf-8")))
    assert code == 1
    assert f"rules.sla:{line}:15: error:" in out and "write 4 instead" in out, out
    with pytest.raises(slarules.RuleError):
        slarules.loads(text)


def test_a_foreign_digit_in_a_name_is_refused_too(tmp_path: Path) -> None:
    text = BASE.replace("tier 紧急", "tier \u09ea级").replace('"紧急"', '"\u09ea级"')
    code, out = check(write(tmp_path, text.encode("utf-8")))
    assert code == 1 and "BENGALI DIGIT FOUR" in out


def test_foreign_digits_in_texts_and_comments_are_left_alone() -> None:
    text = BASE.replace("# A small", "# ৪ ٤ A small").replace(
        'ruleset "hostile"', 'ruleset "hostile ৪"'
    )
    assert slarules.loads(text).name == "hostile ৪"


def test_full_width_digits_keep_their_value() -> None:
    # "紧急 15分钟" written with a Chinese input method's full-width digits.
    wide = slarules.loads(BASE.replace("respond 15分钟", "respond １５分钟"))
    plain = slarules.loads(BASE)
    assert wide.deadlines("故障", "紧急", "2026-03-02T09:00:00-05:00") == plain.deadlines(
        "故障", "紧急", "2026-03-02T09:00:00-05:00"
    )


def test_a_name_with_a_combining_mark_says_how_to_write_it(tmp_path: Path) -> None:
    # docs/language.md §1: "é" as one code point and as e + U+0301 are one name. Unquoted,
    # the mark is no letter to the lexer: the error says so and how to write it instead.
    # `kind 迟到 kind café`: the mark is the 18th character of line 11.
    nfd, nfc = unicodedata.normalize("NFD", "café"), unicodedata.normalize("NFC", "café")
    code, out = check(
        write(tmp_path, BASE.replace("kind 迟到\n", f"kind 迟到 kind {nfd}\n").encode())
    )
    assert code == 1 and "U+0301" in out and "quotes" in out, out
    assert "rules.sla:11:18: error:" in out, out
    quoted = BASE.replace("kind 迟到\n", f'kind 迟到\nkind "{nfd}"\n')
    quoted = quoted.replace("deduct 1 per occurrence of 迟到", f"deduct 1 per occurrence of {nfc}")
    assert nfc in slarules.loads(quoted).event_names()["kind"]


@pytest.mark.parametrize(
    ("zone", "offset"), [("Etc/GMT+8", "UTC-08:00"), ("Etc/GMT-8", "UTC+08:00")]
)
def test_an_etc_gmt_zone_with_its_inverted_sign_is_refused(
    tmp_path: Path, zone: str, offset: str
) -> None:
    # POSIX counts west as positive: "Etc/GMT+8", written for Beijing time, is UTC-08:00,
    # and every working-hours deadline would move by sixteen hours without a word.
    text = BASE.replace('timezone "America/New_York"', f'timezone "{zone}"')
    code, out = check(write(tmp_path, text.encode("utf-8")))
    assert code == 1 and "SLR109" in out and offset in out and "Asia/Shanghai" in out, out
    assert "rules.sla:4:21: error:" in out


def test_the_offset_free_etc_zones_stay_accepted() -> None:
    for zone in ("Etc/UTC", "Etc/GMT", "Etc/GMT+0", "UTC"):
        slarules.loads(BASE.replace('timezone "America/New_York"', f'timezone "{zone}"'))


def test_a_mapping_with_an_etc_gmt_zone_is_refused(tmp_path: Path) -> None:
    from slarules.importers import import_events

    mapping = tmp_path / "m.toml"
    mapping.write_text(
        'shape = "event"\ntimezone = "Etc/GMT+8"\n[fields]\nat = "at"\ntype = "type"\n',
        encoding="utf-8",
    )
    export = tmp_path / "e.csv"
    export.write_text("at,type\n2026-03-02 09:00,opened\n", encoding="utf-8")
    with pytest.raises(ValueError, match="UTC-08:00") as caught:  # MappingError
        import_events(export, mapping)
    assert "Traceback" not in str(caught.value)
    code, _out, err = run("import", str(export), "--mapping", str(mapping))
    assert code == 1 and "UTC-08:00" in err
