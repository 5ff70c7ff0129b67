"""RFC 8785 JSON Canonicalization Scheme for the JSON our credentials contain.

Covers objects, arrays, strings, booleans, null, integers and finite floats; object keys are
sorted by their UTF-16 code units, strings are escaped as ECMAScript's JSON.stringify does.
Pure Python, no Django import: a verifier can copy this file.
"""

import json
import math

_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\f": "\\f",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
}


def _string(value: str) -> str:
    out = ['"']
    for char in value:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def _number(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        if abs(value) > 2**53:
            raise ValueError("Integers beyond 2^53 cannot be canonicalised.")
        return str(value)
    if not math.isfinite(value):
        raise ValueError("NaN and infinity are not JSON.")
    if value == 0:
        return "0"
    if value.is_integer() and abs(value) < 1e21:
        return str(int(value))
    text = repr(value)
    if "e" in text:  # ECMAScript writes 1e+21 and 1e-7
        mantissa, exponent = text.split("e")
        sign = "-" if exponent.startswith("-") else "+"
        text = f"{mantissa.removesuffix('.0')}e{sign}{int(exponent.lstrip('+-'))}"
    return text


def _utf16_key(key: str) -> bytes:
    return key.encode("utf-16-be")


def canonicalize(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool | int | float):
        return _number(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, list | tuple):
        return "[" + ",".join(canonicalize(item) for item in value) + "]"
    if isinstance(value, dict):
        items = sorted(value.items(), key=lambda item: _utf16_key(item[0]))
        return "{" + ",".join(_string(k) + ":" + canonicalize(v) for k, v in items) + "}"
    raise TypeError(f"{type(value).__name__} is not JSON")


def canonical_bytes(value) -> bytes:
    return canonicalize(value).encode("utf-8")


def loads(text: str):
    """Parse JSON refusing duplicate keys (they would make canonical forms ambiguous)."""

    def no_duplicates(pairs):
        keys = [k for k, _ in pairs]
        if len(keys) != len(set(keys)):
            raise ValueError("Duplicate key in JSON object.")
        return dict(pairs)

    return json.loads(text, object_pairs_hook=no_duplicates)
