"""Keep the Qt translation files in step with the source, and compile them.

    python scripts/update_translations.py            # rescan plugin/, rewrite the .ts files
    python scripts/update_translations.py --check    # exit 1 listing what is untranslated
    python scripts/update_translations.py --release  # compile .ts -> .qm with lrelease

The scan is an AST walk (not lupdate, which does not read Python) over plugin/**/*.py for
calls ``tr("...")``, ``i18n.tr("...")`` and ``self.tr("...")`` whose first argument is a
string literal (adjacent literals are one string to the parser). Existing translations
are kept; new strings are marked unfinished; strings gone from the source are kept as
``vanished`` (so a string that comes back keeps its translation; lrelease leaves them
out of the .qm) unless ``--drop-vanished``.
"""

import argparse
import ast
import string
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

ROOT = Path(__file__).resolve().parents[1]
SOURCE_DIR = ROOT / "plugin"
I18N_DIR = ROOT / "resources" / "i18n"
CONTEXT = "TwinDistrictReview"
PREFIX = "twin_district_review_"
LANGUAGES = ("zh_CN",)
LRELEASE = ("lrelease", "/usr/lib/qt5/bin/lrelease", "lrelease-qt5", "lrelease-qt6")


@dataclass
class Message:
    source: str
    locations: list = field(default_factory=list)  # (posix path relative to ROOT, line)
    translation: str = ""
    state: str = "unfinished"  # "finished", "unfinished" or "vanished"


# Kernel templates (plugin/analysis/notes.py): collected when their argument is a literal.
_TEMPLATE_CALLS = ("Note", "N_")


def _call_name(node):
    func = node.func
    return func.id if isinstance(func, ast.Name) else \
        func.attr if isinstance(func, ast.Attribute) else None


def _is_tr_call(node):
    return _call_name(node) == "tr" and bool(node.args)


class _TrCalls(ast.NodeVisitor):
    """Collects tr("literal") calls; other tr() calls are errors, except the pass-through
    inside a ``def tr(self, text)`` wrapper."""

    def __init__(self, rel):
        self.rel = rel
        self.found = []     # (text, line)
        self.problems = []  # "path:line: ..."
        self._functions = []

    def visit_FunctionDef(self, node):  # noqa: N802 (ast API)
        self._functions.append(node.name)
        self.generic_visit(node)
        self._functions.pop()

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Call(self, node):  # noqa: N802
        if _call_name(node) in _TEMPLATE_CALLS and node.args and isinstance(
                node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
            self.found.append((node.args[0].value, node.lineno))
        elif _is_tr_call(node):
            arg = node.args[0]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                self.found.append((arg.value, node.lineno))
            elif not (self._functions and self._functions[-1] == "tr"):
                self.problems.append("{}:{}: tr() needs a plain string literal".format(
                    self.rel, node.lineno))
        self.generic_visit(node)


def scan(source_dir=SOURCE_DIR, root=ROOT):
    """({source text: [(relative path, line), ...]} in order of first appearance,
    [problems: tr() calls whose argument is not a plain literal])."""
    found, problems = {}, []
    for path in sorted(Path(source_dir).rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        visitor = _TrCalls(rel)
        visitor.visit(ast.parse(path.read_text(encoding="utf-8"), filename=rel))
        for text, line in visitor.found:
            found.setdefault(text, []).append((rel, line))
        problems += visitor.problems
    for locations in found.values():
        locations.sort()
    return dict(sorted(found.items(), key=lambda item: item[1][0])), problems


def extract(source_dir=SOURCE_DIR, root=ROOT):
    """{source text: [(relative path, line), ...]} of every tr("literal") call."""
    return scan(source_dir, root)[0]


def ts_path(language, i18n_dir=I18N_DIR):
    return Path(i18n_dir) / "{}{}.ts".format(PREFIX, language)


def read_ts(path):
    """{source: Message} of the context CONTEXT in a .ts file (empty if none)."""
    path = Path(path)
    if not path.exists():
        return {}
    out = {}
    for context in ET.parse(path).getroot().iter("context"):
        if (context.findtext("name") or "") != CONTEXT:
            continue
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            node = message.find("translation")
            text = (node.text or "") if node is not None else ""
            kind = node.get("type") if node is not None else None
            state = "finished" if kind is None else \
                "vanished" if kind in ("vanished", "obsolete") else "unfinished"
            locations = [(loc.get("filename", ""), int(loc.get("line", "0")))
                         for loc in message.iter("location")]
            out[source] = Message(source, locations, text, state)
    return out


def merge(extracted, existing, drop_vanished=False):
    """Messages for the .ts: current strings (with old translations), then vanished ones."""
    messages = []
    for source, locations in extracted.items():
        old = existing.get(source)
        message = Message(source, locations)
        if old is not None and old.translation:
            message.translation = old.translation
            # A string back from the dead keeps its text but wants a second look.
            message.state = "finished" if old.state == "finished" else "unfinished"
        messages.append(message)
    if not drop_vanished:
        for source, old in existing.items():
            if source not in extracted and old.translation:
                messages.append(Message(source, [], old.translation, "vanished"))
    return messages


def render_ts(messages, language, ts_file):
    """Qt TS 2.1 XML, locations relative to the .ts file as lupdate writes them."""
    ts_dir = Path(ts_file).resolve().parent
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<!DOCTYPE TS>",
             '<TS version="2.1" language="{}" sourcelanguage="en">'.format(language),
             "<context>", "    <name>{}</name>".format(CONTEXT)]
    for message in messages:
        lines.append("    <message>")
        for rel, line in message.locations:
            filename = Path(_relpath(ROOT / rel, ts_dir)).as_posix()
            lines.append("        <location filename={} line={}/>".format(
                quoteattr(filename), quoteattr(str(line))))
        lines.append("        <source>{}</source>".format(escape(message.source)))
        kind = "" if message.state == "finished" else ' type="{}"'.format(message.state)
        lines.append("        <translation{}>{}</translation>".format(
            kind, escape(message.translation)))
        lines.append("    </message>")
    lines += ["</context>", "</TS>", ""]
    return "\n".join(lines)


def _relpath(target, start):
    import os.path

    return os.path.relpath(target, start)


def placeholders(text):
    """The str.format() fields of ``text`` as sorted (field, conversion, spec) tuples.

    Automatic fields count as 0, 1, ... so a translation may reorder them with explicit
    indexes ("{} of {}" -> "{1}的{0}"); ValueError for a malformed format string."""
    fields, auto = [], 0
    for _literal, name, spec, conversion in string.Formatter().parse(text):
        if name is None:
            continue
        if name == "":
            name, auto = str(auto), auto + 1
        fields.append((name, conversion or "", spec or ""))
    return sorted(fields)


def same_placeholders(source, translation):
    try:
        return placeholders(source) == placeholders(translation)
    except ValueError:
        return False


def problems(messages):
    """Lines naming current strings that are untranslated or break .format()."""
    out = []
    for message in messages:
        if message.state == "vanished":
            continue
        where = "{}:{}".format(*message.locations[0]) if message.locations else "?"
        if message.state != "finished" or not message.translation.strip():
            out.append("{}: untranslated: {!r}".format(where, message.source))
        elif not same_placeholders(message.source, message.translation):
            out.append("{}: placeholders differ: {!r} -> {!r}".format(
                where, message.source, message.translation))
    return out


def update(language, drop_vanished=False, write=True, extracted=None):
    """Merge the current source strings into the language's .ts; returns the messages."""
    path = ts_path(language)
    messages = merge(extract() if extracted is None else extracted, read_ts(path),
                     drop_vanished)
    if write:
        text = render_ts(messages, language, path)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    return messages


def lrelease_tool():
    """The first lrelease that runs, or None."""
    for tool in LRELEASE:
        try:
            subprocess.run([tool, "-version"], capture_output=True, check=True)
            return tool
        except (OSError, subprocess.CalledProcessError):
            continue
    return None


def release(i18n_dir=I18N_DIR, quiet=True):
    """Compile every .ts in ``i18n_dir`` to a .qm beside it; returns the .qm paths.

    Raises RuntimeError when there is a .ts but no lrelease (qttools5-dev-tools)."""
    sources = sorted(Path(i18n_dir).glob("*.ts"))
    if not sources:
        return []
    tool = lrelease_tool()
    if tool is None:
        raise RuntimeError("lrelease not found: install qttools5-dev-tools")
    out = []
    for ts in sources:
        qm = ts.with_suffix(".qm")
        args = [tool] + (["-silent"] if quiet else []) + [str(ts), "-qm", str(qm)]
        subprocess.run(args, check=True)
        out.append(qm)
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true",
                        help="change nothing; exit 1 listing untranslated strings")
    parser.add_argument("--release", action="store_true",
                        help="compile the .ts files to .qm (does not rescan unless --update)")
    parser.add_argument("--update", action="store_true",
                        help="rescan the source and rewrite the .ts (the default action)")
    parser.add_argument("--drop-vanished", action="store_true",
                        help="remove strings that are no longer in the source")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)
    do_update = args.update or not (args.check or args.release)
    status = 0
    try:
        extracted, nonliteral = scan()
        if nonliteral:
            print("\n".join(nonliteral), file=sys.stderr)
            status = 1
        for language in LANGUAGES:
            messages = update(language, args.drop_vanished, do_update and not args.check,
                              extracted)
            current = [m for m in messages if m.state != "vanished"]
            issues = problems(messages)
            if do_update or args.verbose:
                print("{}: {} strings, {} to translate, {} vanished".format(
                    ts_path(language).relative_to(ROOT), len(current), len(issues),
                    len(messages) - len(current)))
            if args.check and issues:
                print("\n".join(issues))
                status = 1
        if args.release:
            for qm in release(quiet=not args.verbose):
                if args.verbose:
                    print(qm.relative_to(ROOT))
    except (RuntimeError, subprocess.CalledProcessError) as error:
        print("error: {}".format(error), file=sys.stderr)
        return 2
    return status


if __name__ == "__main__":
    sys.exit(main())
