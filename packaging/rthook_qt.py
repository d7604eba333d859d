# ruff: noqa: PTH118 - os.path only: this runs before the program, importing as little as it can
# PyInstaller run-time hook, in place of PyInstaller's own for PySide6 (the spec drops
# that one): it imported PySide6.QtCore before the program started, so every command
# line run paid for loading Qt, which the command line never uses. Qt is told where its
# plugins are, and nothing is imported.
import os
import sys

_qt = (
    os.path.join(sys._MEIPASS, "PySide6")
    if sys.platform == "win32"
    else os.path.join(sys._MEIPASS, "PySide6", "Qt")
)
os.environ["QT_PLUGIN_PATH"] = os.path.join(_qt, "plugins")
if sys.platform == "win32":
    os.environ["PATH"] = sys._MEIPASS + os.pathsep + os.environ.get("PATH", "")
del _qt
