"""The architecture rules that keep the plugin easy to change, checked on the source."""

import ast
from pathlib import Path

PLUGIN = Path(__file__).resolve().parents[1] / "plugin"


def modules(folder=PLUGIN):
    for path in sorted(folder.rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"), str(path))


def imported(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def test_kernels_import_neither_qgis_nor_qt():
    bad = [(p.name, m) for p, tree in modules(PLUGIN / "analysis") for m in imported(tree)
           if m.split(".")[0] in ("qgis", "PyQt5", "PyQt6", "processing")]
    assert bad == []


def test_core_imports_qgis_core_at_most():
    bad = [(p.name, m) for p, tree in modules(PLUGIN / "core") for m in imported(tree)
           if m.startswith(("qgis.gui", "qgis.utils", "processing"))
           or m.startswith("qgis.PyQt.QtWidgets")]
    assert bad == []


def test_qt_only_through_qgis_pyqt_and_no_star_imports():
    bad = []
    for path, tree in modules():
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [a.name for a in node.names]
                module = getattr(node, "module", None) or names[0]
                if module.split(".")[0] in ("PyQt5", "PyQt6", "sip") or "*" in names:
                    bad.append((path.name, module))
    assert bad == []


def test_tr_never_gets_an_fstring_or_formatted_text():
    bad = []
    for path, tree in modules():
        wrappers = {id(n) for f in ast.walk(tree) if isinstance(f, ast.FunctionDef)
                    and f.name == "tr" for n in ast.walk(f)}  # def tr(self, text): pass-through
        for node in ast.walk(tree):
            if id(node) in wrappers:
                continue
            if (isinstance(node, ast.Call) and getattr(node.func, "id", getattr(
                    node.func, "attr", None)) == "tr" and node.args
                    and not isinstance(node.args[0], ast.Constant)):
                bad.append((path.name, node.lineno))
    assert bad == [], "tr() takes a literal; call .format() on its result"


def test_no_silent_bare_except():
    bad = [(p.name, n.lineno) for p, tree in modules() for n in ast.walk(tree)
           if isinstance(n, ast.ExceptHandler) and n.type is None]
    assert bad == []
