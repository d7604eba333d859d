"""Which currency a money cell is written in, and whether the plan can take it.

A planner's sheet shows currencies as symbols (``€1.200,00``), ISO codes (``USD 1 234,5``)
and number formats (``[$EUR] #,##0.00``). A plan holds one currency and no exchange
rates yet, so a cell in another currency is refused, never read as the plan's.
:func:`foreign_currency` is the one place that decides; when plans gain rates, a
currency with a rate is accepted there (and converted by the caller).
"""

from __future__ import annotations

import re

from app.domain.money import is_known_currency

# Each symbol, with the currencies it can stand for (the first is the guess for a plan).
SYMBOLS: dict[str, tuple[str, ...]] = {
    "US$": ("USD",),
    "$": ("USD", "CAD", "AUD", "NZD", "SGD", "HKD", "MXN"),
    "€": ("EUR",),
    "£": ("GBP",),
    "¥": ("JPY", "CNY"),
    "₹": ("INR",),
    "₩": ("KRW",),
    "₽": ("RUB",),
    "₺": ("TRY",),
    "R$": ("BRL",),
    "zł": ("PLN",),
}
_CODE_IN_FORMAT = re.compile(r"\[\$([A-Z]{3})")
_LOCALE_TOKEN = re.compile(r"\[\$([^\]-]*)[^\]]*\]")  # [$€-407] shows €; [$-409] nothing
_OTHER_TOKEN = re.compile(r"\[[^\]]*\]")  # [Red], [>=100]
_CODE_IN_TEXT = re.compile(r"^\s*\(?\s*([A-Z]{3})\b|\b([A-Z]{3})\s*\)?\s*$")


def written_currencies(value: object, number_format: str) -> list[tuple[str, tuple[str, ...]]]:
    """The currencies a cell shows: (as shown, the codes it may mean); a code means itself."""
    found: list[tuple[str, tuple[str, ...]]] = [
        (c, (c,)) for c in _CODE_IN_FORMAT.findall(number_format)
    ]
    text = value if isinstance(value, str) else ""
    for match in _CODE_IN_TEXT.finditer(text):
        code = match.group(1) or match.group(2)
        found.append((code, (code,)))
    shown_format = _OTHER_TOKEN.sub(" ", _LOCALE_TOKEN.sub(r" \1 ", number_format))
    shown = text + " " + shown_format
    for symbol, codes in SYMBOLS.items():
        if symbol in shown:
            shown = shown.replace(symbol, " ")  # "US$" is not also "$"
            found.append((codes[0] if len(codes) == 1 else symbol, codes))
    return [(seen, codes) for seen, codes in found if all(is_known_currency(c) for c in codes)]


def guess_codes(value: object, number_format: str) -> list[str]:
    """The most likely code of each currency a cell shows (to guess a plan's currency)."""
    return [codes[0] for _, codes in written_currencies(value, number_format)]


def accepted(code: str, plan_currency: str) -> bool:
    """Whether a plan in ``plan_currency`` can take an amount in ``code``.

    Today only its own currency; exchange rates will widen this one test.
    """
    return code == plan_currency


def foreign_currency(value: object, number_format: str, plan_currency: str) -> str | None:
    """Why a money cell cannot be read as ``plan_currency``, or None when it can."""
    for shown, codes in written_currencies(value, number_format):
        if any(accepted(code, plan_currency) for code in codes):
            continue
        return (
            f"is in {shown}, but the plan is in {plan_currency}; convert it "
            "(plans have no exchange rates yet)"
        )
    return None
