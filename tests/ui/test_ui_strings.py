"""Every user-visible text of every UI module goes through the translations, and every translatable text has
its Russian (and, for plurals, English) forms.

The modules are found by scanning reviewer_app/ui (not a hand-kept list), and their code is read as Python syntax
trees: a new module, or a new QLabel("...") in an old one, is covered the day it is written.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

import reviewer_app.ui as ui_package
from reviewer_app.ui.i18n import build
from reviewer_app.ui.i18n.en import EN
from reviewer_app.ui.i18n.ru import RU

UI = Path(ui_package.__file__).parent
MODULES = sorted(p for p in UI.rglob("*.py") if "i18n" not in p.parts)

#: Qt calls whose string arguments the user reads (setters, constructors, message boxes, list entries).
TEXT_CALLS = {
    "setText", "setWindowTitle", "setToolTip", "setPlaceholderText", "setAccessibleName", "setAccessibleDescription",
    "addTab", "insertTab", "setTabText", "setTabToolTip", "addItem", "addItems", "insertItem", "addRow", "setTitle",
    "showMessage", "addMenu", "setStatusTip", "setWhatsThis", "setLabelText", "setHorizontalHeaderLabels",
    "setVerticalHeaderLabels", "setInformativeText", "setDetailedText", "information", "warning", "critical",
    "question", "getText", "getItem", "setPlainText", "setHtml", "setSuffix", "setPrefix", "setSpecialValueText",
    "setChart", "addButton", "QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QAction", "QGroupBox",
    "QMessageBox", "QToolButton", "QPlainTextEdit", "QTextEdit", "QLineEdit", "QBarSet", "setFormat",
    "PlainLabel", "show_message",
}
#: Calls that translate (their arguments are the translation sources, not untranslated text).
TRANSLATING = {"tr", "translate", "QT_TRANSLATE_NOOP"}
#: Texts deliberately the same in every language: each language's name written in that language.
ENDONYMS = {"Русский", "English"}
LOGGERS = {"log", "logger", "logging"}


@dataclass(frozen=True)
class Source:
    path: Path
    line: int
    context: str
    text: str
    numerus: bool = False


def _name(func: ast.expr) -> str:
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _str(node: ast.expr | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


@dataclass(frozen=True)
class Helper:
    context: str | None  # None: the helper takes the context as its first argument
    numerus: bool


def _helpers(tree: ast.Module) -> dict[str, Helper]:
    """Module helpers that call QCoreApplication.translate with their own parameters, e.g.
    `def _t(text): return QCoreApplication.translate("Ctx", text)` or `def tr(context, text): ...`."""
    found = {}
    for fn in tree.body:
        if not isinstance(fn, ast.FunctionDef) or not fn.args.args:
            continue
        params = [a.arg for a in fn.args.args]
        for call in ast.walk(fn):
            if not (isinstance(call, ast.Call) and _name(call.func) == "translate" and len(call.args) >= 2):
                continue
            first, second = call.args[0], call.args[1]
            numerus = len(call.args) >= 4 and isinstance(call.args[3], ast.Name) and call.args[3].id in params
            if _str(first) and isinstance(second, ast.Name) and second.id == params[0]:
                found[fn.name] = Helper(_str(first), numerus)
            elif isinstance(first, ast.Name) and first.id == params[0] and len(params) > 1 \
                    and isinstance(second, ast.Name) and second.id == params[1]:
                found[fn.name] = Helper(None, numerus)
    return found


class _Finder(ast.NodeVisitor):
    """Collects translation sources (with their context) and user-visible literals outside translations."""

    def __init__(self, path: Path, tree: ast.Module, helpers: dict[str, Helper]) -> None:
        self.path, self.helpers = path, helpers
        self.classes: list[ast.ClassDef] = []
        self.sources: list[Source] = []
        self.untranslated: list[str] = []

    def _class_attr(self, name: str) -> str | None:
        for cls in reversed(self.classes):
            for stmt in cls.body:
                if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name
                                                        for t in stmt.targets):
                    return _str(stmt.value)
        return None

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.classes.append(node)
        context = next((_str(s.value) for s in node.body if isinstance(s, ast.Assign)
                        and any(isinstance(t, ast.Name) and t.id == "CONTEXT" for t in s.targets)), None)
        for stmt in node.body:  # HEADERS = ("Status", ...) is translated in context CONTEXT by the model
            if context and isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "HEADERS"
                                                                 for t in stmt.targets):
                for elt in getattr(stmt.value, "elts", ()):
                    if _str(elt):
                        self.sources.append(Source(self.path, stmt.lineno, context, _str(elt)))
        self.generic_visit(node)
        self.classes.pop()

    def visit_Call(self, node: ast.Call) -> None:
        name = _name(node.func)
        args = node.args
        src = None
        if name == "tr" and len(args) >= 1 and isinstance(node.func, ast.Attribute) and _str(args[0]) is not None:
            owner = node.func.value
            context = self.classes[-1].name if isinstance(owner, ast.Name) and owner.id == "self" and self.classes \
                else _name(owner)
            src = Source(self.path, node.lineno, context, _str(args[0]))
        elif name in self.helpers and self.helpers[name].context is not None:
            helper = self.helpers[name]
            if _str(args[0]) is not None:
                src = Source(self.path, node.lineno, helper.context, _str(args[0]), helper.numerus)
        elif (name in ("tr", "translate", "QT_TRANSLATE_NOOP") or name in self.helpers) and len(args) >= 2 \
                and _str(args[1]) is not None:
            context = _str(args[0])
            if context is None and isinstance(args[0], ast.Attribute) and args[0].attr == "CONTEXT":
                context = self._class_attr("CONTEXT")
            if context is not None:
                numerus = len(args) >= 4 or (name in self.helpers and self.helpers[name].numerus)
                src = Source(self.path, node.lineno, context, _str(args[1]), numerus)
            else:
                self.untranslated.append(f"{self.path.name}:{node.lineno}: context of {ast.unparse(node)} unknown")
        if src is not None:
            self.sources.append(src)
        if name in TEXT_CALLS and not (isinstance(node.func, ast.Attribute) and _name(node.func.value) in LOGGERS):
            for arg in [*args, *(k.value for k in node.keywords)]:
                for text in _visible_literals(arg, set(self.helpers) | TRANSLATING):
                    self.untranslated.append(f"{self.path.name}:{node.lineno}: {name}(... {text!r} ...)")
        self.generic_visit(node)


def _visible_literals(node: ast.expr, translating: set[str]) -> list[str]:
    """String literals with words in `node` that a reader would see, skipping translated sub-expressions,
    HTML tags and entities, f-string format specs and the endonyms."""
    out: list[str] = []

    def walk(n: ast.AST) -> None:
        if isinstance(n, ast.Call) and _name(n.func) in translating:
            return
        if isinstance(n, ast.Call) and _name(n.func) == "format" and isinstance(n.func, ast.Attribute):
            walk(n.func.value)  # "...".format(args): the template and the args
            for a in n.args:
                walk(a)
            return
        if isinstance(n, ast.FormattedValue):
            walk(n.value)  # not n.format_spec: "%d.%m.%Y" is a format, not text
            return
        if isinstance(n, ast.Lambda):
            return
        if isinstance(n, ast.Constant) and isinstance(n.value, str):
            text = re.sub(r"<[^>]*>|&\w+;", "", n.value)
            if re.search(r"[A-Za-zА-Яа-яЁё]{2,}", text) and n.value not in ENDONYMS:
                out.append(n.value)
            return
        for child in ast.iter_child_nodes(n):
            walk(child)

    walk(node)
    return out


def _module_name(path: Path) -> str:
    try:
        return ".".join(("reviewer_app", *path.relative_to(UI.parent).with_suffix("").parts))
    except ValueError:  # a module outside the package (the scanner's own test)
        return path.stem


def _scan(modules: list[Path] = MODULES) -> tuple[list[Source], list[str]]:
    trees = {p: ast.parse(p.read_text(encoding="utf-8"), str(p)) for p in modules}
    own = {_module_name(p): _helpers(t) for p, t in trees.items()}
    sources: list[Source] = []
    untranslated: list[str] = []
    for path, tree in trees.items():
        helpers = dict(own[_module_name(path)])
        for node in ast.walk(tree):  # helpers imported from another UI module (words.plural, models.tr, ...)
            if isinstance(node, ast.ImportFrom) and node.module in own:
                for alias in node.names:
                    if alias.name in own[node.module]:
                        helpers[alias.asname or alias.name] = own[node.module][alias.name]
        finder = _Finder(path, tree, helpers)
        finder.visit(tree)
        sources += finder.sources
        untranslated += finder.untranslated
    return sources, untranslated


def test_the_scan_covers_every_ui_module_and_finds_their_texts() -> None:
    sources, _ = _scan()
    by_module = {s.path for s in sources}
    assert UI / "supervisor" / "widgets.py" in by_module and UI / "main_window.py" in by_module
    assert len(MODULES) >= 15 and len(sources) > 300


def test_the_scan_catches_untranslated_text(tmp_path) -> None:
    planted = tmp_path / "planted.py"
    planted.write_text(
        "from PySide6.QtCore import QCoreApplication\n"
        "def _t(text):\n    return QCoreApplication.translate('Planted', text)\n"
        "class Page:\n"
        "    def build(self, n):\n"
        "        QLabel('Hello there')\n"  # untranslated
        "        self.title.setText(f'{n} items waiting')\n"  # untranslated f-string
        "        self.hint.setText(self.tr('Translated'))\n"
        "        self.when.setText(f'{n:%d.%m.%Y}')\n"  # a date format, not text
        "        self.more.setText(_t('Also translated') + ' — ' + str(n))\n"
        "        log.warning('not for users %s', n)\n", encoding="utf-8")
    sources, untranslated = _scan([planted])
    assert [u.split(": ", 1)[1] for u in untranslated] == ["QLabel(... 'Hello there' ...)",
                                                           "setText(... ' items waiting' ...)"]
    assert {(s.context, s.text) for s in sources} == {("Page", "Translated"), ("Planted", "Also translated")}


def test_no_user_visible_text_outside_the_translations() -> None:
    _, untranslated = _scan()
    assert untranslated == []


def test_every_translatable_text_has_its_russian_form() -> None:
    sources, _ = _scan()
    missing = sorted({f"{s.context}: {s.text!r} ({s.path.name}:{s.line})" for s in sources
                      if (s.context, s.text) not in RU})
    assert missing == []


def test_plural_messages_have_every_form() -> None:
    sources, _ = _scan()
    plurals = {(s.context, s.text) for s in sources if s.numerus}
    assert plurals, "the plural messages were not found"
    for key in plurals:
        assert "%n" in key[1], key
        assert isinstance(RU.get(key), tuple) and len(RU[key]) == 3, f"Russian needs one/few/many: {key}"
        assert isinstance(EN.get(key), tuple) and len(EN[key]) == 2, f"English needs one/other: {key}"


def test_committed_translation_files_are_built_from_the_tables() -> None:
    for lang, (table, language) in build.TABLES.items():
        ts = UI / "i18n" / f"reviewer_{lang}.ts"
        assert ts.read_text(encoding="utf-8") == build.ts_text(table, language), \
            f"{ts.name} is stale: run `uv run python -m reviewer_app.ui.i18n.build` and commit"
        assert (UI / "i18n" / f"reviewer_{lang}.qm").is_file()


@pytest.mark.parametrize(("n", "ru", "en"), [(1, "1 год", "1 year"), (2, "2 года", "2 years"), (5, "5 лет", "5 years"),
                                             (11, "11 лет", "11 years"), (21, "21 год", "21 years"),
                                             (34, "34 года", "34 years"), (51, "51 год", "51 years")])
def test_plural_forms_follow_each_languages_rules(qapp, n, ru, en) -> None:
    from reviewer_app.ui import app as ui_app
    from reviewer_app.ui.words import years

    try:
        assert ui_app.install_translations("ru")
        assert years(n) == ru
        assert ui_app.install_translations("en")
        assert years(n) == en
    finally:
        ui_app.install_translations("en")
