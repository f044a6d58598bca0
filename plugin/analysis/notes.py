"""Kernel messages that the algorithms can show translated.

Kernels cannot import Qt, so they cannot call tr(). A ``Note`` is the English sentence
(a str, so logs and tests read it as text) that also keeps its template and arguments;
the algorithm shows ``i18n.translate_note(note)``. ``scripts/update_translations.py``
collects the literal first argument of every ``Note("...")`` and ``N_("...")`` call, so
templates are translated like tr() strings. Use N_() to mark templates kept in tables.
"""


def N_(template):  # noqa: N802 (the gettext convention for "translate later")
    return template


class Note(str):
    def __new__(cls, template, *args):
        note = super().__new__(cls, template.format(*args))
        note.template = template
        note.args = args
        return note
