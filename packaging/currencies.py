"""Write ``resources/currencies.json``: every ISO 4217 code Babel knows, with its minor digits.

The app reads this small table instead of loading Babel's CLDR data (470 KB, about
10 ms) before its first paint. ``tests/domain/test_money.py`` fails when the table and
the installed Babel disagree; run ``make currencies`` then.
"""

from __future__ import annotations

import sys
from pathlib import Path

TABLE = Path(__file__).resolve().parents[1] / "resources" / "currencies.json"


def from_babel() -> dict[str, int]:
    """``{"USD": 2, "JPY": 0, "BHD": 3, ...}`` from the installed Babel's CLDR data."""
    from babel.core import get_global
    from babel.numbers import get_currency_precision

    return {
        code: int(get_currency_precision(code)) for code in sorted(get_global("all_currencies"))
    }


def text(table: dict[str, int]) -> str:
    rows = ",\n".join(f'  "{code}": {digits}' for code, digits in table.items())
    return "{\n" + rows + "\n}\n"


if __name__ == "__main__":
    TABLE.write_text(text(from_babel()), encoding="utf-8")
    sys.stdout.write(f"wrote {TABLE}\n")
