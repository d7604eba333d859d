"""Cell formats of an exported workbook: money in the plan's currency, dates, headers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

DATE_FORMAT = "yyyy-mm-dd"
MONTH_FORMAT = "yyyy-mm"
HEADER_FILL = "#DCE6F1"
INPUT_FILL = "#FFF2CC"
TOTAL_FILL = "#F2F2F2"


def money_format(currency: str, digits: int) -> str:
    """``[$USD] #,##0.00``: the ISO code and the currency's minor digits; zero shows as 0."""
    number = "#,##0" + ("." + "0" * digits if digits else "")
    return f"[${currency}] {number};-[${currency}] {number}"


def price_format(currency: str, digits: int) -> str:
    """Money that may be sub-cent (a token price of 0.0000025 must not show as 0.00)."""
    if digits == 0:
        return f"[${currency}] General"
    return f"[${currency}] #,##0.{'0' * digits}{'#' * (10 - digits)}"


def grid_format(currency: str, digits: int) -> str:
    """Money for the month grids, where a zero month shows as a dash to keep them readable."""
    return money_format(currency, digits) + ';"–"'


@dataclass(frozen=True)
class Styles:
    """The formats one workbook uses (XlsxWriter ``Format`` objects)."""

    title: Any
    subtitle: Any
    header: Any
    label: Any
    bold_label: Any
    text: Any
    wrap: Any
    date: Any
    month: Any
    decimal: Any
    money: Any
    price: Any
    grid: Any
    header_number: Any
    total_money: Any
    total_label: Any
    input_percent: Any
    input_text: Any
    input_date: Any
    flag: Any
    helper: Any


def make_styles(workbook: Any, currency: str, digits: int) -> Styles:
    def fmt(**props: Any) -> Any:
        return workbook.add_format({"font_name": "Calibri", "font_size": 10, **props})

    money = money_format(currency, digits)
    return Styles(
        title=fmt(bold=True, font_size=14),
        subtitle=fmt(bold=True, font_size=11, font_color="#1F4E79"),
        header=fmt(bold=True, bg_color=HEADER_FILL, bottom=1, text_wrap=True, valign="bottom"),
        header_number=fmt(
            bold=True,
            bg_color=HEADER_FILL,
            bottom=1,
            valign="bottom",
            num_format="0",
            align="right",
        ),
        label=fmt(),
        bold_label=fmt(bold=True),
        text=fmt(),
        wrap=fmt(text_wrap=True, valign="top"),
        date=fmt(num_format=DATE_FORMAT),
        month=fmt(
            num_format=MONTH_FORMAT, bold=True, bg_color=HEADER_FILL, bottom=1, valign="bottom"
        ),
        decimal=fmt(num_format="General"),
        money=fmt(num_format=money),
        price=fmt(num_format=price_format(currency, digits)),
        grid=fmt(num_format=grid_format(currency, digits)),
        total_money=fmt(num_format=money, bold=True, bg_color=TOTAL_FILL, top=1),
        total_label=fmt(bold=True, bg_color=TOTAL_FILL, top=1),
        input_percent=fmt(num_format="0.00##%", bg_color=INPUT_FILL, border=1),
        input_text=fmt(bg_color=INPUT_FILL, border=1),
        input_date=fmt(num_format=DATE_FORMAT, bg_color=INPUT_FILL, border=1),
        flag=fmt(align="center"),
        helper=fmt(font_color="#808080"),
    )
