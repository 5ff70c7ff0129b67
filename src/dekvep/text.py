"""Text normalisation shared by catalog search and the matching engine.

Pure Python, no Django import: the engines depend on it.
Turkish casing rules matter here: ``"İ".lower()`` in Python yields ``"i̇"`` (with a combining
dot) and ``"I".lower()`` yields ``"i"`` where Turkish wants ``"ı"``. We fold both dotted and
dotless forms to plain ASCII ``i`` so that a search typed on an English keyboard still finds
Turkish words, and vice versa.
"""

from __future__ import annotations

import re
import unicodedata

_TR_FOLD = str.maketrans(
    {
        "İ": "i",
        "I": "i",
        "ı": "i",
        "Ş": "s",
        "ş": "s",
        "Ğ": "g",
        "ğ": "g",
        "Ç": "c",
        "ç": "c",
        "Ö": "o",
        "ö": "o",
        "Ü": "u",
        "ü": "u",
        "Â": "a",
        "â": "a",
        "Î": "i",
        "î": "i",
        "Û": "u",
        "û": "u",
    }
)
_WORD = re.compile(r"[a-z0-9]+")
_CODE = re.compile(r"(?<!\d)(\d{2})\s*[ .-]?\s*(\d{2})\s*[ .-]?\s*(\d{2})(?!\d)\s*(\*)?")


def fold(text: str) -> str:
    """Lower-case and strip accents with Turkish rules:
    ``"KIRPINTISI İplik"`` → ``"kirpintisi iplik"``."""
    text = text.translate(_TR_FOLD).lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    """The folded alphanumeric words of ``text``."""
    return _WORD.findall(fold(text))


# Usual abbreviations in Turkish firm names, as folded words. The legal form stays in the key:
# "A.Ş." and "Ltd. Şti." may be two different companies of the same family.
_FIRM_WORDS = {
    "san": "sanayi",
    "sanayii": "sanayi",
    "tic": "ticaret",
    "ith": "ithalat",
    "ihr": "ihracat",
    "paz": "pazarlama",
    "ins": "insaat",
    "nak": "nakliyat",
    "mak": "makina",
    "makine": "makina",
    "ltd": "limited",
    "sti": "sirketi",
    "as": "anonim sirketi",
    "koll": "kollektif",
}
_FIRM_DROP = {"ve", "and", "co"}


def firm_key(name: str) -> str:
    """One key for the names of one firm, whatever their case, letters, punctuation and
    abbreviations: "Örnek Tekstil San. ve Tic. A.Ş." and "ÖRNEK TEKSTİL SANAYİ VE TİCARET
    ANONİM ŞİRKETİ" share it; "Örnek Tekstil Ltd. Şti." does not."""
    tokens: list[str] = []
    for word in words(str(name or "")):
        # "A.Ş." reads as the letters "a" "s": join runs of single letters back into a word
        if len(word) == 1 and tokens and tokens[-1].startswith("\x00"):
            tokens[-1] += word
            continue
        tokens.append("\x00" + word if len(word) == 1 else word)
    out = []
    for token in tokens:
        token = token.lstrip("\x00")
        if token in _FIRM_DROP:
            continue
        out.append(_FIRM_WORDS.get(token, token))
    return " ".join(out)


def normalise_waste_code(text: str) -> str | None:
    """``"04 02 22*"``, ``"040222"``, ``"04.02.22"`` → ``"040222"``; None when no code is found."""
    match = _CODE.search(text or "")
    if not match:
        return None
    return "".join(match.group(1, 2, 3))


def format_waste_code(code: str, hazardous: bool = False) -> str:
    """``"040222"`` → ``"04 02 22"`` (with ``*`` when hazardous)."""
    spaced = f"{code[0:2]} {code[2:4]} {code[4:6]}"
    return spaced + ("*" if hazardous else "")
