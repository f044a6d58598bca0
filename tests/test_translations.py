"""The Simplified Chinese translation: complete, safe for .format(), compiled and loaded
the way the plugin loads it (following the QGIS locale)."""

import re
import shutil
import subprocess
from contextlib import contextmanager

import pytest

from scripts import update_translations as ut

TS = ut.ts_path("zh_CN")


@pytest.fixture(scope="module")
def messages():
    """Current source strings merged with the committed .ts (the file is not rewritten)."""
    return ut.update("zh_CN", write=False)


@pytest.fixture(scope="session")
def compiled_qm():
    """resources/i18n/*.qm built from the .ts, as scripts/test.sh and build_zip.py do."""
    return ut.release()


@contextmanager
def qgis_locale(code):
    """QGIS set to the user locale ``code`` (as Settings > General > Override does);
    the previous settings come back afterwards."""
    from qgis.core import QgsSettings

    settings = QgsSettings()
    keys = ("locale/overrideFlag", "locale/userLocale")
    saved = {key: settings.value(key) for key in keys}
    settings.setValue("locale/overrideFlag", True)
    settings.setValue("locale/userLocale", code)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                settings.remove(key)
            else:
                settings.setValue(key, value)


@pytest.fixture
def chinese_ui(qgis_app, compiled_qm):
    """QGIS in zh_CN with the plugin's translator installed, both undone afterwards."""
    from qgis.PyQt.QtCore import QCoreApplication

    from plugin import i18n

    with qgis_locale("zh_CN"):
        translator = i18n.install_translator()
        try:
            yield translator
        finally:
            if translator is not None:
                QCoreApplication.removeTranslator(translator)


def test_every_tr_string_has_a_chinese_translation(messages):
    extracted, nonliteral = ut.scan()
    assert not nonliteral, "tr() arguments must be plain literals:\n" + "\n".join(nonliteral)
    assert len(extracted) > 100
    current = {m.source: m for m in messages if m.state != "vanished"}
    assert set(current) == set(extracted)
    missing = [s for s, m in current.items()
               if m.state != "finished" or not m.translation.strip()]
    assert not missing, "untranslated (run scripts/update_translations.py):\n" + "\n".join(
        map(repr, missing))
    # A translation is Chinese, not the English left in place (names like GeoPackage aside).
    english = [m.source for m in current.values() if m.translation == m.source
               and re.search(r"[a-z]{3} [a-z]{3}", m.source)]
    assert not english, english


def _sample_args(text):
    """Distinct values for every str.format() field of ``text``: (args, kwargs)."""
    fields = ut.placeholders(text)
    count = sum(1 for name, _conv, _spec in fields if name.isdigit())
    args = [31 + 11 * i for i in range(count)]
    kwargs = {name: 97 + 11 * i for i, (name, _conv, _spec) in enumerate(fields)
              if not name.isdigit()}
    return args, kwargs


def test_placeholders_survive_format(messages):
    for message in messages:
        if message.state != "finished" or not ut.placeholders(message.source):
            continue  # untranslated ones fail the completeness test above
        assert ut.same_placeholders(message.source, message.translation), message.source
        args, kwargs = _sample_args(message.source)
        english = message.source.format(*args, **kwargs)
        chinese = message.translation.format(*args, **kwargs)
        for value in args + list(kwargs.values()):
            # Every value lands in both (reordered with {1}/{0} where Chinese needs it).
            assert str(value) in english and str(value) in chinese, message.source


def test_reordered_placeholders_put_values_in_the_right_place(messages):
    by_source = {m.source: m.translation for m in messages}
    text = by_source["The twin service answered HTTP {} for {}."]
    assert text.format(503, "数据集“buildings”") == "孪生数据服务对数据集“buildings”的请求返回了 HTTP 503。"


def test_lrelease_compiles_every_translation(tmp_path):
    tool = ut.lrelease_tool()
    assert tool, "lrelease missing: scripts/setup.sh installs qttools5-dev-tools"
    ts = tmp_path / TS.name
    shutil.copy(TS, ts)
    proc = subprocess.run([tool, str(ts), "-qm", str(tmp_path / "out.qm")],
                          capture_output=True, text=True, check=True)
    done = re.search(r"Generated (\d+) translation\(s\) \((\d+) finished and (\d+) unfinished\)",
                     proc.stdout)
    assert done, proc.stdout + proc.stderr
    current = sum(1 for m in ut.read_ts(TS).values() if m.state != "vanished")
    assert (int(done.group(1)), int(done.group(3))) == (current, 0)
    assert (tmp_path / "out.qm").stat().st_size > 1000


def test_tr_returns_chinese_under_a_chinese_qgis_locale(chinese_ui):
    from plugin.i18n import language, locale, tr

    assert chinese_ui is not None, "no .qm was loaded for zh_CN"
    assert (locale(), language()) == ("zh_CN", "zh")
    assert tr("Twin District Review") == "数字孪生片区审查"
    assert tr("The twin service did not answer within {} s.").format(30) == \
        "孪生数据服务在 30 秒内没有响应。"
    assert tr("Floor-area ratio (FAR, 容积率)") == "容积率"


def test_processing_and_report_text_follow_the_language(chinese_ui):
    from plugin.processing.district_indicators import DistrictIndicatorsAlgorithm
    from plugin.processing.review_district import ReviewDistrictAlgorithm
    from plugin.report import summary

    assert DistrictIndicatorsAlgorithm().displayName() == "片区指标"
    assert ReviewDistrictAlgorithm().group() == "片区审查"
    assert "容积率" in DistrictIndicatorsAlgorithm().shortHelpString()
    assert summary.layer_header()[0] == "图层"
    labels = [row[0] for row in summary.indicator_rows({"far": 2.5, "building_count": 12})]
    assert labels == ["建筑数量", "容积率"]


def test_taxonomy_labels_follow_language(chinese_ui):
    from plugin.core import taxonomy
    from plugin.core.catalog import Catalog
    from plugin.i18n import language

    assert taxonomy.label("buildings", language()) == "建筑"
    catalog = Catalog.from_collections([{"id": "b", "title": "B", "keywords": [
        "twin:category=space", "twin:subcategory=buildings"]}])
    tree = catalog.tree(language())
    assert (tree[0]["label"], tree[0]["children"][0]["label"]) == ("城市基础空间", "建筑")


def test_english_locale_loads_no_translation(qgis_app, compiled_qm):
    from plugin import i18n
    from plugin.core import taxonomy

    with qgis_locale("en_US"):
        assert i18n.install_translator() is None
        assert i18n.tr("Twin District Review") == "Twin District Review"
        assert taxonomy.label("buildings", i18n.language()).startswith("Buildings")


def test_any_chinese_locale_gets_the_chinese_translation(compiled_qm):
    from plugin import i18n

    assert i18n.qm_path("zh_CN").name == "twin_district_review_zh_CN.qm"
    assert i18n.qm_path("zh-Hans").name == "twin_district_review_zh_CN.qm"
    assert i18n.qm_path("zh_TW").name == "twin_district_review_zh_CN.qm"
    assert i18n.qm_path("de_DE") is None


def test_update_keeps_translations_and_marks_new_and_vanished(tmp_path):
    src = tmp_path / "plugin"
    src.mkdir()
    (src / "a.py").write_text(
        'from .i18n import tr\n'
        'A = tr("Kept {}")\n'
        'B = tr("Joined "\n       "literal")\n'
        'class X:\n'
        '    def tr(self, text):\n'
        '        return tr(text)\n'
        '    def name(self):\n'
        '        return self.tr("New one")\n', encoding="utf-8")
    ts = tmp_path / "x.ts"
    old = [ut.Message("Kept {}", [], "保留{}", "finished"),
           ut.Message("Gone", [], "已删除", "finished")]
    ts.write_text(ut.render_ts(old, "zh_CN", ts), encoding="utf-8")

    extracted, nonliteral = ut.scan(src, tmp_path)
    assert nonliteral == []
    assert extracted == {"Kept {}": [("plugin/a.py", 2)], "Joined literal": [("plugin/a.py", 3)],
                         "New one": [("plugin/a.py", 9)]}
    merged = ut.merge(extracted, ut.read_ts(ts))
    states = {m.source: (m.state, m.translation) for m in merged}
    assert states == {"Kept {}": ("finished", "保留{}"), "Joined literal": ("unfinished", ""),
                      "New one": ("unfinished", ""), "Gone": ("vanished", "已删除")}
    ts.write_text(ut.render_ts(merged, "zh_CN", ts), encoding="utf-8")
    assert {m.source: m.state for m in ut.read_ts(ts).values()} == \
        {k: v[0] for k, v in states.items()}
    assert [line.split(":")[2].strip() for line in ut.problems(merged)] == \
        ["untranslated", "untranslated"]
    assert [m.source for m in ut.merge(extracted, ut.read_ts(ts), drop_vanished=True)] == \
        ["Kept {}", "Joined literal", "New one"]


def test_non_literal_tr_argument_is_reported(tmp_path):
    src = tmp_path / "plugin"
    src.mkdir()
    (src / "b.py").write_text('from .i18n import tr\nname = "x"\nA = tr(f"Hi {name}")\n',
                              encoding="utf-8")
    assert ut.scan(src, tmp_path)[1] == ["plugin/b.py:3: tr() needs a plain string literal"]


def test_check_mode_passes_on_the_repository():
    assert ut.main(["--check"]) == 0


def test_kernel_notes_are_shown_translated(chinese_ui):
    """Kernels cannot call tr(): their Notes keep template and arguments, and the
    algorithms show them in the UI language, numbers filled in."""
    from plugin.analysis.geometry import REPAIR_NOTES
    from plugin.analysis.notes import Note
    from plugin.i18n import translate_note

    note = Note("{} buildings have no height; they are left out of the height mean, maximum "
                "and bands.", 7)
    assert str(note).startswith("7 buildings have no height")  # logs and tests read English
    assert translate_note(note) == "7 栋建筑没有高度，未计入平均高度、最大高度和高度分段。"
    repaired = translate_note(Note(REPAIR_NOTES["metro"][0], 2))
    assert repaired.startswith("2 个无效的地铁站几何") and "metro" not in repaired
    assert translate_note("plain text") == "plain text"
