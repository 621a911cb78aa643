"""Keep the message catalogs in step with the code (docs/i18n.md).

    python scripts/i18n.py extract   # add new msgids to every .po, drop the ones gone
    python scripts/i18n.py compile   # .po -> .mo, byte for byte the same on every machine
    python scripts/i18n.py missing   # list the msgids that still lack a translation

Only the standard library: it reads the messages from the code with ``ast`` (calls of
``_``, ``N_`` and ``ngettext`` with literal arguments) and writes the GNU ``.mo`` format
itself, so no gettext tools or Babel are needed. References name the file only, not the
line, so an edit elsewhere in a file does not touch the catalog.
"""

from __future__ import annotations

import ast
import struct
import sys
from pathlib import Path

from attrs import define, field

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "slarules"
LOCALE = PACKAGE / "locale"
DOMAIN = "slarules"
MARKERS = {"_": 1, "N_": 1, "ngettext": 2}
HEADER = {
    "zh_CN": (
        "Project-Id-Version: slarules\n"
        "Language: zh_CN\n"
        "MIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=UTF-8\n"
        "Content-Transfer-Encoding: 8bit\n"
        "Plural-Forms: nplurals=1; plural=0;\n"
    )
}


@define
class Entry:
    msgid: str
    plural: str | None = None
    msgstr: list[str] = field(factory=list)
    files: list[str] = field(factory=list)
    comments: list[str] = field(factory=list)
    fuzzy: bool = False

    @property
    def translated(self) -> bool:
        return not self.fuzzy and bool(self.msgstr) and all(self.msgstr)


def source_messages(package: Path = PACKAGE) -> dict[tuple[str, str | None], list[str]]:
    """Every (msgid, msgid_plural) marked in the code, with the files that use it, in the
    order the files and calls come."""
    found: dict[tuple[str, str | None], list[str]] = {}
    for path in sorted(package.rglob("*.py")):
        relative = path.relative_to(package.parent).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            key = marked_message(node)
            if key is not None:
                files = found.setdefault(key, [])
                if relative not in files:
                    files.append(relative)
    return found


def marked_message(node: ast.AST) -> tuple[str, str | None] | None:
    """(msgid, msgid_plural) when ``node`` is ``_("...")``, ``N_("...")`` or
    ``ngettext("...", "...", n)``."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
        return None
    wanted = MARKERS.get(node.func.id)
    if wanted is None or len(node.args) < wanted:
        return None
    texts = [a.value for a in node.args[:wanted] if isinstance(a, ast.Constant)]
    if len(texts) != wanted or not all(isinstance(t, str) for t in texts):
        return None
    return (texts[0], texts[1] if wanted == 2 else None)


# -- the .po format ---------------------------------------------------------------------


def _unquote(text: str) -> str:
    value = ast.literal_eval(text)
    if not isinstance(value, str):
        raise ValueError(f"not a string: {text}")
    return value


def read_po(path: Path) -> tuple[str, list[Entry]]:
    """The header text and the entries of a .po file."""
    entries: list[Entry] = []
    current: Entry | None = None
    target: tuple[str, int] | None = None
    comments: list[str] = []
    files: list[str] = []
    fuzzy = False

    def finish() -> None:
        nonlocal current
        if current is not None:
            entries.append(current)
        current = None

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            if current is not None and target is not None and target[0] == "msgstr":
                finish()
            if line.startswith("#:"):
                files.extend(line[2:].split())
            elif line.startswith("#,"):
                fuzzy = "fuzzy" in line
            elif line.startswith("# "):
                comments.append(line[2:])
            continue
        if line.startswith("msgid_plural "):
            assert current is not None
            current.plural = _unquote(line[len("msgid_plural ") :])
            target = ("plural", 0)
        elif line.startswith("msgid "):
            finish()
            current = Entry(_unquote(line[len("msgid ") :]), files=files, comments=comments)
            current.fuzzy = fuzzy
            files, comments, fuzzy = [], [], False
            target = ("msgid", 0)
        elif line.startswith("msgstr"):
            assert current is not None
            head, _, text = line.partition(" ")
            index = int(head[len("msgstr[") : -1]) if head.startswith("msgstr[") else 0
            while len(current.msgstr) <= index:
                current.msgstr.append("")
            current.msgstr[index] = _unquote(text)
            target = ("msgstr", index)
        elif line.startswith('"'):
            assert current is not None and target is not None
            piece = _unquote(line)
            if target[0] == "msgid":
                current.msgid += piece
            elif target[0] == "plural":
                current.plural = (current.plural or "") + piece
            else:
                current.msgstr[target[1]] += piece
    finish()
    header = ""
    if entries and entries[0].msgid == "":
        header = entries.pop(0).msgstr[0]
    return header, entries


def _quote(text: str) -> str:
    """A .po string: one line per source line, escaped as C (and Python) read it."""
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\n", "\\n")
    )
    if "\\n" in escaped[:-2]:
        parts = escaped.split("\\n")
        lines = [p + "\\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])
        return '""\n' + "\n".join(f'"{p}"' for p in lines)
    return f'"{escaped}"'


def write_po(path: Path, header: str, entries: list[Entry]) -> None:
    out = ["# slarules messages. English is the source; see docs/i18n.md.", 'msgid ""']
    out.append("msgstr " + _quote(header))
    for entry in entries:
        out.append("")
        out.extend(f"# {c}" for c in entry.comments)
        if entry.files:
            out.append("#: " + " ".join(entry.files))
        if entry.fuzzy:
            out.append("#, fuzzy")
        out.append("msgid " + _quote(entry.msgid))
        if entry.plural is not None:
            out.append("msgid_plural " + _quote(entry.plural))
            strings = entry.msgstr or [""]
            out.extend(f"msgstr[{i}] " + _quote(s) for i, s in enumerate(strings))
        else:
            out.append("msgstr " + _quote(entry.msgstr[0] if entry.msgstr else ""))
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


# -- the .mo format ---------------------------------------------------------------------


def compile_mo(header: str, entries: list[Entry]) -> bytes:
    """The GNU .mo file of the translated entries, keys sorted (as msgfmt writes them), so
    the same .po always gives the same bytes."""
    table: dict[bytes, bytes] = {b"": header.encode("utf-8")}
    for entry in entries:
        if not entry.translated:
            continue
        key = entry.msgid if entry.plural is None else entry.msgid + "\0" + entry.plural
        table[key.encode("utf-8")] = "\0".join(entry.msgstr).encode("utf-8")
    keys = sorted(table)
    ids = b"".join(k + b"\0" for k in keys)
    strs = b"".join(table[k] + b"\0" for k in keys)
    count = len(keys)
    key_start = 7 * 4 + 16 * count
    value_start = key_start + len(ids)
    offsets: list[int] = []
    id_offsets, str_offsets = [], []
    position = 0
    for k in keys:
        id_offsets += [len(k), key_start + position]
        position += len(k) + 1
    position = 0
    for k in keys:
        str_offsets += [len(table[k]), value_start + position]
        position += len(table[k]) + 1
    offsets = id_offsets + str_offsets
    head = struct.pack("Iiiiiii", 0x950412DE, 0, count, 7 * 4, 7 * 4 + count * 8, 0, 0)
    return head + struct.pack(f"{len(offsets)}i", *offsets) + ids + strs


def catalogs(locale: Path = LOCALE) -> list[Path]:
    return sorted(locale.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def extract() -> None:
    """Bring every catalog in step with the code: new msgids come in untranslated, those no
    longer in the code leave, translations and comments of the rest stay."""
    found = source_messages()
    for po in catalogs():
        header, old = read_po(po)
        known = {(e.msgid, e.plural): e for e in old}
        entries = []
        for key, files in found.items():
            entry = known.get(key) or Entry(key[0], key[1])
            entry.files = files
            entries.append(entry)
        entries.sort(key=lambda e: (e.files[0], e.msgid))
        gone = [e.msgid for e in old if (e.msgid, e.plural) not in found]
        write_po(po, header or HEADER.get(po.parents[1].name, ""), entries)
        untranslated = sum(not e.translated for e in entries)
        print(f"{po.relative_to(ROOT)}: {len(entries)} messages, {untranslated} untranslated")
        for msgid in gone:
            print(f"  dropped (no longer in the code): {msgid!r}")


def compile_all() -> None:
    for po in catalogs():
        header, entries = read_po(po)
        po.with_suffix(".mo").write_bytes(compile_mo(header, entries))
        print(f"{po.with_suffix('.mo').relative_to(ROOT)} written")


def missing() -> int:
    found = source_messages()
    status = 0
    for po in catalogs():
        _, entries = read_po(po)
        done = {(e.msgid, e.plural) for e in entries if e.translated}
        for key, files in found.items():
            if key not in done:
                print(f"{po.parents[1].name}: {files[0]}: {key[0]!r}")
                status = 1
    return status


def main(argv: list[str]) -> int:
    commands = {"extract": extract, "compile": compile_all}
    if argv == ["missing"]:
        return missing()
    if len(argv) != 1 or argv[0] not in commands:
        print(__doc__, file=sys.stderr)
        return 2
    commands[argv[0]]()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
