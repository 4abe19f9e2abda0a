"""A static check that every piece of text given to a Textual widget in ``rapport.tui`` is safe.

Safe means: a string literal (developer text), a module constant (``UPPER_CASE``, also
developer text), or something built by ``rapport.tui.text`` (``plain``, ``line``, ``cell``)
or by a function of ``rapport.tui`` annotated to return ``Content``/``Text`` (whose own
constructions are checked by the same rules). Anything else given to a widget, such as
``Static(person.name)`` or ``Option(f"{q.text}")``, is reported with its file and line,
unless it is in ``ALLOWED`` with the reason it is safe.

The scan follows simple local data flow: a local name is safe if everything assigned to it
in the function is safe; a loop variable is safe if it iterates over a constant or an enum.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

TUI = Path(__file__).resolve().parents[2] / "src" / "rapport" / "tui"

TEXT_FUNCS = {"plain", "line", "cell"}
"""rapport.tui.text's builders: their result is inert, markup-free content."""

STR_FUNCS = {"inert", "one_line"}
"""rapport.core.text: inert ``str`` — safe where a ``str`` is shown as plain text (titles, notify)."""

# What each constructor or method shows: positions of display arguments ("*" = all positional),
# and keywords. "opts" = an iterable of options (each an Option or a (prompt, value) tuple).
CONSTRUCTORS: dict[str, tuple[tuple[int | str, ...], tuple[str, ...]]] = {
    "Static": ((0,), ("content",)),
    "Label": ((0,), ("content",)),
    "Button": ((0,), ("label",)),
    "Option": ((0,), ("prompt",)),
    "TabPane": ((0,), ("title",)),
    "Tab": ((0,), ("label",)),
    "StageStrip": ((0,), ()),
    "Tree": ((0,), ("label",)),
    "Checkbox": ((0,), ("label",)),
    "Toggle": ((0,), ("label",)),
    "RadioButton": ((0,), ("label",)),
    "Digits": ((0,), ("value",)),
    "Link": ((0,), ("text",)),
    "Markdown": ((0,), ("markdown",)),
    "Collapsible": ((), ("title",)),
    "OptionList": (("*",), ()),
    "RadioSet": (("*",), ()),
    "Select": (("opts",), ("prompt",)),
    "SelectionList": (("*",), ()),
    "Text": ((0,), ()),
    "Content": ((0,), ()),
    "SystemCommand": ((0, 1), ()),
}
METHODS: dict[str, tuple[tuple[int | str, ...], tuple[str, ...]]] = {
    "update": ((0,), ("content",)),
    "add_option": ((0,), ("option",)),
    "add_options": (("opts",), ()),
    "set_options": (("opts",), ()),
    "add_row": (("*",), ("label",)),
    "add_column": ((0,), ("label",)),
    "add_columns": (("*",), ()),
    "update_cell": ((2,), ("value",)),
    "update_cell_at": ((1,), ("value",)),
    "add": ((0,), ("label",)),
    "add_leaf": ((0,), ("label",)),
    "set_label": ((0,), ()),
    "assemble": (("*",), ()),
    "styled": ((0,), ()),
    "from_markup": ((0,), ()),
}
"""Methods that show text (``update``/``add`` on a dict, set or list: see NOT_WIDGETS)."""

ATTRIBUTES = {"border_title", "border_subtitle", "tooltip", "label", "sub_title", "title"}
"""Attributes a widget draws; ``title`` only on ``self``/``self.app`` (records have titles too)."""

NOT_WIDGETS = {
    "self._saver.dirty",
    "seen",
    "rapport_app(self).live_here",
    "out",
    "lines",
    "parts",
    "refs",
    "acts",
    "quotes",
    "targets",
    "found",
    "names",
}
"""Receivers of ``update``/``add``/``append`` that are dicts, sets or lists, not widgets."""

ALLOWED: dict[tuple[str, str], str] = {
    ("widgets/countdown.py", "str(value)"): "Digits shows the clock label (digits, ':' and '+'), never data",
    ("widgets/countdown.py", "value"): "_set() is given Content from live_text or the clock label",
    ("app.py", 'f"{area}: {binding.description}"'): "binding descriptions and PALETTE_AREA are class constants",
    ("app.py", 'f"{binding.tooltip or binding.description} ({self.get_key_display(binding)})".strip()'): (
        "binding tooltips and descriptions are class constants; the key display is Textual's"
    ),
    ("panes/outreach.py", 'f"{n} minutes"'): "n is a whole number of minutes",
    ("widgets/marked.py", "options"): (
        "OneLineOptionList.set_options hands its caller's options to Textual's; every caller's "
        "set_options(...) is scanned where it is written"
    ),
    ("widgets/keybar.py", "*left"): "binding key displays and descriptions: class constants and Textual's key names",
    ("widgets/keybar.py", "*right"): "the palette binding's key display and description (Textual's own)",
    ("widgets/keybar.py", '(" " * (room - used), text_style)'): "spaces",
    ("screens/home_view.py", "text"): "counts (integers) and literals",
    ("internals.py", "regions"): "a set of the compositor's dirty regions (set.update), not text shown",
    ("screens/people.py", "label"): "cell(name), then the pipeline status word (an enum value) appended as plain text",
    ("dialogs/checklist.py", "self._option(key, text)"): "_option builds Option(line(...)): the item's text made inert",
    ("panes/prepare.py", "self._options.values()"): (
        "run_search's rows: Option(cell(...)) made in run_search, kept by question key for the next search"
    ),
}
"""(file relative to rapport/tui, exact source of the argument) → why it is safe."""


@dataclass(frozen=True)
class Finding:
    """A widget given text that is not shown to be safe."""

    file: str
    line: int
    sink: str
    source: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.sink}({self.source})"


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def builders(files: list[Path]) -> set[str]:
    """Functions in the TUI whose return annotation says ``Content`` or ``Text``."""
    found = set()
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            returns = ast.unparse(node.returns) if isinstance(node, ast.FunctionDef) and node.returns else ""
            if returns in ("Content", "Text", "Content | Text"):
                found.add(node.name)  # type: ignore[attr-defined]
    return found - {"render", "render_line"}


class Scanner(ast.NodeVisitor):
    """Finds unsafe display arguments in one module."""

    def __init__(self, rel: str, source: str, safe_calls: set[str]) -> None:
        self.rel = rel
        self.source = source
        self.safe_calls = safe_calls
        self.findings: list[Finding] = []
        self.allowed_used: set[tuple[str, str]] = set()
        self.scopes: list[ast.AST] = []

    # -- safety of an expression ---------------------------------------------------------

    def safe(self, node: ast.expr | None, *, as_str: bool = False) -> bool:
        if node is None:
            return True
        if isinstance(node, ast.Constant):
            return isinstance(node.value, str | int | float | bool | type(None))
        if isinstance(node, ast.JoinedStr):
            return all(isinstance(v, ast.Constant) or self.safe(v.value, as_str=as_str) for v in node.values)  # type: ignore[attr-defined]
        if isinstance(node, ast.ListComp | ast.GeneratorExp):
            self.scopes.append(node)
            try:
                return self.safe(node.elt, as_str=as_str)
            finally:
                self.scopes.pop()
        if isinstance(node, ast.IfExp):
            return self.safe(node.body, as_str=as_str) and self.safe(node.orelse, as_str=as_str)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            return self.safe(node.left, as_str=as_str) and self.safe(node.right, as_str=as_str)
        if isinstance(node, ast.Starred):
            return self.safe(node.value, as_str=as_str)
        if isinstance(node, ast.Call):
            return self.safe_call(node, as_str=as_str)
        if isinstance(node, ast.Name):
            return self.safe_name(node.id, as_str=as_str)
        if isinstance(node, ast.Attribute):
            if node.attr.isupper():
                return True
            root = node
            while isinstance(root, ast.Attribute):
                root = root.value
            return isinstance(root, ast.Name) and self.loop_over_constant(root.id)
        if isinstance(node, ast.Subscript):
            return isinstance(node.value, ast.Name) and node.value.id.isupper()
        return False

    def safe_call(self, node: ast.Call, *, as_str: bool) -> bool:
        name = _name(node.func)
        if name in TEXT_FUNCS or name in self.safe_calls:
            return True
        if as_str and name in STR_FUNCS:
            return True
        if name in ("assemble", "join"):
            parts = node.args[0].elts if name == "join" and isinstance(node.args[0], ast.List | ast.Tuple) else []
            if name == "join" and isinstance(node.args[0], ast.ListComp | ast.GeneratorExp):
                parts = [node.args[0].elt]
            if name == "join" and not parts and isinstance(node.args[0], ast.Name):
                return self.safe_name(node.args[0].id, as_str=as_str, element=True)
            if name == "assemble":
                parts = list(node.args)
            return bool(parts) and all(self.safe_part(p) for p in parts)
        if name in ("Text", "Content") and isinstance(node.func, ast.Name):
            # Neither parses markup: an inert str (or a literal) is all they need.
            return all(self.safe(a, as_str=True) for a in node.args[:1])
        # Another widget built in place (``Option(...)`` in a list): its own arguments are checked.
        return name in CONSTRUCTORS and isinstance(node.func, ast.Name)

    def safe_part(self, node: ast.expr) -> bool:
        if isinstance(node, ast.Tuple) and node.elts:
            return self.safe(node.elts[0])
        return self.safe(node)

    def function(self) -> ast.AST | None:
        for scope in reversed(self.scopes):
            if isinstance(scope, ast.FunctionDef | ast.AsyncFunctionDef):
                return scope
        return None

    def safe_name(self, name: str, *, as_str: bool = False, element: bool = False) -> bool:
        if name.isupper():
            return True
        if self.loop_over_constant(name):
            return True
        func = self.function()
        if func is None:
            return False
        for arg in [*func.args.args, *func.args.kwonlyargs]:  # type: ignore[attr-defined]
            if arg.arg == name:
                return arg.annotation is not None and ast.unparse(arg.annotation) in ("Content", "Text")
        values: list[ast.expr] = []
        for node in ast.walk(func):
            if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
                values.append(node.value)
            elif isinstance(node, ast.AnnAssign | ast.AugAssign) and getattr(node.target, "id", None) == name:
                if node.value is not None:
                    values.append(node.value)
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                receiver = node.func.value
                if isinstance(receiver, ast.Name) and receiver.id == name and node.func.attr in ("append", "extend"):
                    values.extend(node.args)
        if not values:
            return False
        return all(self.safe_value(v, as_str=as_str, element=element) for v in values)

    def safe_value(self, node: ast.expr, *, as_str: bool, element: bool) -> bool:
        if isinstance(node, ast.List | ast.Tuple):
            return all(self.safe_part(e) for e in node.elts)
        if isinstance(node, ast.ListComp | ast.GeneratorExp):
            return self.safe_part(node.elt)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and element:
            return self.safe_value(node.left, as_str=as_str, element=True) and self.safe_value(
                node.right, as_str=as_str, element=True
            )
        return self.safe(node, as_str=as_str)

    def loop_over_constant(self, name: str) -> bool:
        """``name`` is bound by a ``for`` over a constant, an enum, or ``.items()`` of a constant."""
        for scope in reversed(self.scopes):
            for node in ast.walk(scope):
                generators = []
                if isinstance(node, ast.For):
                    generators = [(node.target, node.iter)]
                elif isinstance(node, ast.ListComp | ast.GeneratorExp | ast.SetComp | ast.DictComp):
                    generators = [(g.target, g.iter) for g in node.generators]
                for target, it in generators:
                    names = {n.id for n in ast.walk(target) if isinstance(n, ast.Name)}
                    if name in names and self.constant_iterable(it):
                        return True
        return False

    def constant_iterable(self, node: ast.expr) -> bool:
        if isinstance(node, ast.Name):
            return node.id.isupper() or node.id[:1].isupper()  # CONSTANT or an Enum class
        if isinstance(node, ast.Tuple | ast.List):
            return all(self.constant_iterable(e.value if isinstance(e, ast.Starred) else e) for e in node.elts)
        if isinstance(node, ast.Call) and _name(node.func) in ("enumerate", "items", "values", "keys", "list"):
            target = node.args[0] if node.args else getattr(node.func, "value", None)
            return target is not None and self.constant_iterable(target)
        return isinstance(node, ast.Constant)

    # -- sinks --------------------------------------------------------------------------

    def report(self, sink: str, arg: ast.expr, *, as_str: bool = False) -> None:
        as_str = as_str or sink in ("Text", "Content")  # neither parses markup: inert str is enough
        if self.safe(arg, as_str=as_str):
            return
        text = ast.get_source_segment(self.source, arg) or ast.unparse(arg)
        key = (self.rel, text)
        if key in ALLOWED:
            self.allowed_used.add(key)
            return
        self.findings.append(Finding(self.rel, arg.lineno, sink, text))

    def check_args(self, sink: str, node: ast.Call, spec: tuple[tuple[int | str, ...], tuple[str, ...]]) -> None:
        positions, keywords = spec
        for pos in positions:
            if pos == "*":
                for arg in node.args:
                    self.report(sink, arg)
            elif pos == "opts":
                if node.args:
                    self.check_options(sink, node.args[0])
            elif isinstance(pos, int) and len(node.args) > pos:
                self.report(sink, node.args[pos])
        for kw in node.keywords:
            if kw.arg in keywords:
                self.report(sink, kw.value)

    def check_options(self, sink: str, node: ast.expr) -> None:
        elements: list[ast.expr]
        if isinstance(node, ast.List | ast.Tuple):
            elements = list(node.elts)
        elif isinstance(node, ast.ListComp | ast.GeneratorExp):
            elements = [node.elt]
            self.scopes.append(node)
        else:
            self.report(sink, node)
            return
        for element in elements:
            self.report(sink, element.elts[0] if isinstance(element, ast.Tuple) and element.elts else element)
        if isinstance(node, ast.ListComp | ast.GeneratorExp):
            self.scopes.pop()

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self.scopes.append(node)
        self.generic_visit(node)
        self.scopes.pop()

    visit_AsyncFunctionDef = visit_FunctionDef  # type: ignore[assignment]

    def visit_Module(self, node: ast.Module) -> None:
        self.scopes.append(node)
        self.generic_visit(node)
        self.scopes.pop()

    def visit_Call(self, node: ast.Call) -> None:
        name = _name(node.func)
        if isinstance(node.func, ast.Name) and name in CONSTRUCTORS:
            self.check_args(name, node, CONSTRUCTORS[name])
        elif isinstance(node.func, ast.Attribute) and name == "notify":
            self.check_notify(node)
        elif isinstance(node.func, ast.Attribute) and name in METHODS:
            receiver = ast.unparse(node.func.value)
            if receiver not in NOT_WIDGETS:
                self.check_args(f".{name}", node, METHODS[name])
        self.generic_visit(node)

    def check_notify(self, node: ast.Call) -> None:
        """Data in a notification: ``markup=False`` is required (Textual parses markup by default)."""
        message = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "message"), None)
        if message is None or isinstance(message, ast.Constant):
            return
        markup = next((k.value for k in node.keywords if k.arg == "markup"), None)
        if not (isinstance(markup, ast.Constant) and markup.value is False):
            text = ast.get_source_segment(self.source, message) or ast.unparse(message)
            self.findings.append(Finding(self.rel, node.lineno, ".notify without markup=False", text))

    def visit_Assign(self, node: ast.Assign) -> None:
        for target in node.targets:
            if isinstance(target, ast.Attribute) and target.attr in ATTRIBUTES:
                owner = ast.unparse(target.value)
                if target.attr == "title" and owner not in ("self", "self.app", "app"):
                    continue
                self.report(f".{target.attr} =", node.value, as_str=target.attr in ("title", "sub_title"))
        self.generic_visit(node)


def tui_files() -> list[Path]:
    """Every module of ``rapport.tui`` but ``text.py`` (the one that owns the conversion)."""
    return sorted(p for p in TUI.rglob("*.py") if p.name != "text.py" or p.parent != TUI)


def scan(files: list[Path] | None = None, extra: dict[str, str] | None = None) -> tuple[list[Finding], set]:
    """Scan the TUI (plus ``extra``: relative name → source, for tests); findings and allow-list entries used."""
    files = tui_files() if files is None else files
    safe_calls = builders(files)
    sources = {str(p.relative_to(TUI)): p.read_text(encoding="utf-8") for p in files}
    sources.update(extra or {})
    findings: list[Finding] = []
    used: set[tuple[str, str]] = set()
    for rel, source in sources.items():
        scanner = Scanner(rel, source, safe_calls)
        scanner.visit(ast.parse(source))
        findings.extend(scanner.findings)
        used |= scanner.allowed_used
    return findings, used
