"""A seeded mutator of workbooks: cell values and types, XML structure, and the zip
archive itself, as damaged files, careless tools and hostile senders produce them.

``mutate(rng, parts)`` changes one thing in the parts of an archive (name → bytes,
in order) and says what; ``archive(parts)`` writes them back, and the byte-level
mutations then damage the written file.
"""

from __future__ import annotations

import io
import random
import re
import warnings
import zipfile
from collections.abc import Callable

Parts = list[tuple[str, bytes]]

VALUES = [
    b"1E+400",
    b"-1E+400",
    b"1E-300",
    b"NaN",
    b"inf",
    b"0",
    b"-1",
    b"0.5",
    b"2958466",
    b"99999999999999999999999999",
    b"",
    b"abc",
    b"1e999999999",
    b"0e999999999",
]
TEXTS = [
    b"",
    b" ",
    b"=HYPERLINK(&quot;http://x&quot;)",
    b"2027-02-30",
    b"1/13/2027",
    b"category=nowhere",
    b"sheet=phases",
    b"_x0007__xD800_",
    b"&#x1F600;",
    b"\xc3\xa9\xe2\x82\xac1.200,00",
    b"x" * 40_000,
    b"one-off",
    b"per hour",
    b"(12)",
    b"85%",
    b"development, research",
    b"development",
    b"usage",
]
TYPES = [b"n", b"s", b"b", b"e", b"str", b"inlineStr", b"d", b"zz"]
_VALUE = re.compile(rb"<v>[^<]*</v>")
_TEXT = re.compile(rb"<t(?: [^>]*)?>[^<]*</t>")
_TYPE = re.compile(rb' t="[^"]*"')
_ROW = re.compile(rb"<row [^>]*>.*?</row>", re.S)
_NAME = re.compile(rb"(<definedName [^>]*>)[^<]*(</definedName>)")


def _sheets(parts: Parts) -> list[int]:
    return [i for i, (n, _) in enumerate(parts) if n.startswith("xl/worksheets/")]


def _part(parts: Parts, name: str) -> int:
    return next(i for i, (n, _) in enumerate(parts) if n == name)


def _sub_one(
    rng: random.Random, data: bytes, pattern: re.Pattern[bytes], make: Callable[[bytes], bytes]
) -> bytes:
    found = list(pattern.finditer(data))
    if not found:
        return data
    m = rng.choice(found)
    return data[: m.start()] + make(m.group(0)) + data[m.end() :]


def mutate(rng: random.Random, parts: Parts) -> str:
    """Change one thing in ``parts`` (in place); the kind of change, for messages."""
    kind = rng.choice(
        ["value", "value", "value", "text", "text", "type", "row", "xml", "truncate-part",
         "workbook", "name", "drop", "twice", "doctype", "rels"]
    )  # fmt: skip
    sheets = _sheets(parts)
    at = rng.choice(sheets)
    name, data = parts[at]
    if kind == "value":
        token = rng.choice(VALUES)
        data = _sub_one(rng, data, _VALUE, lambda _m: b"<v>" + token + b"</v>")
    elif kind == "text":
        token = rng.choice(TEXTS)
        data = _sub_one(rng, data, _TEXT, lambda _m: b"<t>" + token + b"</t>")
    elif kind == "type":
        token = rng.choice(TYPES)
        data = _sub_one(rng, data, _TYPE, lambda _m: b' t="' + token + b'"')
    elif kind == "row":
        action = rng.choice(["drop", "twice", "renumber"])
        data = _sub_one(
            rng,
            data,
            _ROW,
            lambda m: (
                b""
                if action == "drop"
                else m + m
                if action == "twice"
                else re.sub(rb'r="(\d+)"', b'r="%d"' % rng.randint(1, 3), m, count=1)
            ),
        )
    elif kind == "xml":
        cut = rng.randrange(len(data))
        data = data[:cut] + bytes([rng.randrange(256)]) + data[cut + 1 :]
    elif kind == "truncate-part":
        data = data[: rng.randrange(len(data))]
    elif kind == "doctype":
        comment = b"<!--" + b"c" * rng.choice([10, 5000, 70_000]) + b"-->"
        doctype = comment + b'<!DOCTYPE x [<!ENTITY e "e">]>'
        data = re.sub(rb"^(<\?xml[^>]*\?>)", lambda m: m.group(1) + doctype, data, count=1)
    elif kind in ("workbook", "name"):
        at = _part(parts, "xl/workbook.xml")
        name, data = parts[at]
        if kind == "name":
            target = rng.choice(
                [b"#REF!", b"Summary!$B$8:$B$9", b"Nowhere!$A$1", b"Summary!$Z$999", b"", b"1E+400"]
            )
            data = _sub_one(
                rng,
                data,
                _NAME,
                lambda m: _NAME.sub(lambda n: n.group(1) + target + n.group(2), m),
            )
        else:
            names = re.findall(rb'<sheet name="([^"]*)"', data)
            a, b = rng.sample(names, 2)
            data = data.replace(b'name="' + a + b'"', b'name="' + b + b'"', 1)
    elif kind == "rels":
        at = _part(parts, "xl/_rels/workbook.xml.rels")
        name, data = parts[at]
        data = _sub_one(
            rng, data, re.compile(rb'Target="[^"]*"'), lambda _m: b'Target="worksheets/nothing.xml"'
        )
    elif kind == "drop":
        del parts[at]
        return f"drop {name}"
    elif kind == "twice":
        parts.insert(at, (name, data))
        return f"twice {name}"
    parts[at] = (name, data)
    return f"{kind} {name}"


def archive(parts: Parts) -> bytes:
    out = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names are one of the mutations
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
            for name, data in parts:
                zout.writestr(name, data)
    return out.getvalue()


def damage_bytes(rng: random.Random, raw: bytes) -> tuple[bytes, str]:
    """Byte-level damage to a written archive: header fields, truncation, flipped bytes."""
    kind = rng.choice(["flag", "method", "truncate", "flip"])
    data = bytearray(raw)
    headers = [m.start() for m in re.finditer(rb"PK\x03\x04|PK\x01\x02", raw)]
    if kind in ("flag", "method"):
        for at in rng.sample(headers, min(2, len(headers))):
            local = data[at : at + 4] == b"PK\x03\x04"
            if kind == "flag":
                data[at + (6 if local else 8)] |= 1
            else:
                offset = at + (8 if local else 10)
                data[offset : offset + 2] = rng.choice([1, 12, 14, 93, 99]).to_bytes(2, "little")
    elif kind == "truncate":
        del data[rng.randrange(len(data)) :]
    else:
        for _ in range(rng.randint(1, 4)):
            data[rng.randrange(len(data))] = rng.randrange(256)
    return bytes(data), kind
