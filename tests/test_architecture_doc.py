"""``docs/architecture.md`` stays true: its tree names every module under ``src/rapport``, in its folder.

The tree is the first fenced block of the page. Each entry starts in the name column (a
path such as ``core/`` or ``store.py``, indented two spaces per level); lines further right
continue the description of the entry above. A module counts as documented when its file
name appears as a word in the block of its own folder (the folder's entry, its description
and everything indented below it), so ``core/banks.py`` and ``builtin/banks.py`` are told
apart; a package's ``__init__.py`` is documented by its folder's entry. The other way round,
every ``name.py`` the tree mentions under ``src/rapport/`` must exist in that folder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DOC = REPO / "docs" / "architecture.md"
SRC = REPO / "src" / "rapport"
NAME_COLUMN_END = 20
"""Entries start left of this column; descriptions (and their continuation lines) right of it."""
_MODULE = re.compile(r"(?<![\w./-])([A-Za-z_][\w]*\.py)\b")


@dataclass
class Entry:
    """One entry of the tree and the text of its block."""

    name: str
    indent: int
    text: list[str] = field(default_factory=list)
    children: list[Entry] = field(default_factory=list)

    def child(self, name: str) -> Entry | None:
        return next((c for c in self.children if c.name == name), None)

    def block(self) -> str:
        """Its own lines and every descendant's."""
        return "\n".join([*self.text, *(c.block() for c in self.children)])

    def own_text(self) -> str:
        """Its own lines and those of descendants that are not folders (file entries)."""
        return "\n".join([*self.text, *(c.block() for c in self.children if not c.name.endswith("/"))])


def parse_tree(markdown: str) -> Entry:
    """The first fenced block of ``markdown`` as a tree of entries under a root."""
    block = markdown.split("```", 2)[1].split("\n", 1)[1]
    root = Entry("", -1)
    stack = [root]
    for raw in block.splitlines():
        if not raw.strip():
            continue
        indent = len(raw) - len(raw.lstrip())
        if indent >= NAME_COLUMN_END:
            stack[-1].text.append(raw)
            continue
        while stack[-1].indent >= indent:
            stack.pop()
        entry = Entry(raw.split()[0], indent, [raw])
        stack[-1].children.append(entry)
        stack.append(entry)
    return root


def folder_entry(root: Entry, relative: Path) -> Entry | None:
    """The entry of ``src/rapport/<relative>`` (a folder), or ``None`` if the tree lacks it."""
    entry = root.child("src/rapport/")
    for part in relative.parts:
        if entry is None:
            return None
        entry = entry.child(f"{part}/")
    return entry


def problems(markdown: str, src: Path) -> list[str]:
    """Every module the tree misses or misplaces, and every module it names that does not exist."""
    root = parse_tree(markdown)
    found: list[str] = []
    modules = sorted(src.rglob("*.py"))
    for module in modules:
        relative = module.relative_to(src)
        folder = folder_entry(root, relative.parent)
        shown = f"src/rapport/{relative.as_posix()}"
        if folder is None:
            found.append(f"{shown}: its folder has no entry in the tree")
        elif module.name != "__init__.py" or relative.parent == Path():
            names = set(_MODULE.findall(folder.own_text()))
            if module.name not in names:
                where = f"{relative.parent.as_posix()}/" if relative.parent != Path() else "src/rapport/"
                found.append(f"{shown}: not named under {where}")
    top = root.child("src/rapport/")
    for entry, folder in _folders(top, src) if top else []:
        for name in sorted(set(_MODULE.findall(entry.own_text()))):
            if not (folder / name).is_file():
                found.append(
                    f"src/rapport/{(folder / name).relative_to(src).as_posix()}: named in the tree, no such module"
                )
    return found


def _folders(entry: Entry, folder: Path) -> list[tuple[Entry, Path]]:
    """``entry`` and each folder entry below it, with the folder each stands for."""
    out = [(entry, folder)]
    for child in entry.children:
        if child.name.endswith("/"):
            out += _folders(child, folder / child.name.rstrip("/"))
    return out


def test_every_module_is_in_the_architecture_doc_in_its_folder() -> None:
    """Every module under ``src/rapport`` is named in docs/architecture.md, under its own folder,
    and every module the tree names exists."""
    missing = problems(DOC.read_text(encoding="utf-8"), SRC)
    assert not missing, "docs/architecture.md is out of date:\n" + "\n".join(missing)


def test_the_check_names_a_missing_a_misplaced_and_a_stale_module(tmp_path: Path) -> None:
    """The check can fail, and says what is wrong: a module left out, one listed in the wrong
    folder, and one listed that does not exist."""
    src = tmp_path / "rapport"
    for path in ("__init__.py", "cli.py", "core/__init__.py", "core/banks.py", "core/search.py", "tui/app.py"):
        (src / path).parent.mkdir(parents=True, exist_ok=True)
        (src / path).write_text("")
    doc = """# doc

```
src/rapport/
  __init__.py        the package
  core/              headless
    banks.py         bank format
  tui/
    app.py           the app; search.py; gone.py
    widgets/         none yet
```
"""
    assert problems(doc, src) == [
        "src/rapport/cli.py: not named under src/rapport/",
        "src/rapport/core/search.py: not named under core/",
        "src/rapport/tui/gone.py: named in the tree, no such module",
        "src/rapport/tui/search.py: named in the tree, no such module",
    ]


def test_parse_tree_reads_continuation_lines_as_description() -> None:
    """A line in the description column belongs to the entry above it, whatever its words."""
    root = parse_tree("```\nsrc/rapport/\n  cli.py             front door,\n                     calls store.py\n```\n")
    top = root.child("src/rapport/")
    assert top is not None
    assert [c.name for c in top.children] == ["cli.py"]
    assert "store.py" in top.children[0].block()
