"""Qt's core loaded, and PySide6's import hook taken out again.

On import, PySide6 replaces Python's `__import__` with a hook for its
`from __feature__ import snake_case, true_property` switches. From then on the
hook runs Python code at every import statement, and reads the whole source of
every module imported for the first time (`inspect.getsource`) to see whether it
mentions PySide6. The console uses no `__feature__` switch
(tests/test_startup_imports.py keeps it so), and its start imports about a
hundred modules after Qt's core: the hook cost about 12 ms of each start on
an idle machine, 30 on a busy one (docs/decisions.md). PySide6 keeps the import
that was in place before the hook (its own lazy loading of Qt's modules, over
Python's) as `builtins.__orig_import__`; the console puts that back.
"""

from __future__ import annotations

import builtins


def load_qt_core() -> None:
    """Import PySide6's QtCore (which installs the hook), then take the hook out."""
    import PySide6.QtCore  # noqa: F401

    original = getattr(builtins, "__orig_import__", None)
    if callable(original):
        builtins.__import__ = original
