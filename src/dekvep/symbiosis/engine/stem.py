"""A light Turkish and English suffix stemmer for matching listing text against the taxonomy.

It works on words already folded by :func:`dekvep.text.fold` (ASCII, lower case). Stripping is
repeated until nothing changes, so a word and any of its inflected forms reach the same stem
(``talasi`` → ``talas`` → ``tala``, ``talas`` → ``tala``): both sides of a comparison go
through the same function, which matters more here than linguistic accuracy.
"""

from __future__ import annotations

from functools import lru_cache

from dekvep.text import words

# Longest first. Possessive, plural and case endings of Turkish nouns after folding (ı→i, ü→u).
_TR_SUFFIXES = (
    "larindan",
    "lerinden",
    "larinin",
    "lerinin",
    "larini",
    "lerini",
    "lari",
    "leri",
    "sindan",
    "sinden",
    "sinin",
    "sini",
    "sina",
    "sine",
    "sinda",
    "sinde",
    "lar",
    "ler",
    "ndan",
    "nden",
    "dan",
    "den",
    "tan",
    "ten",
    "nin",
    "nun",
    "li",
    "lu",
    "si",
    "su",
    "yi",
    "yu",
    "in",
    "un",
    "da",
    "de",
    "ta",
    "te",
    "i",
    "u",
)
# Turkish softens a final p/t/k before a vowel (kağıt → kağıdı, plastik → plastiği); folding also
# merges ğ into g. Mapping every final consonant of such a pair to one form keeps both spellings
# on the same stem.
_FINAL = {"t": "d", "k": "g", "p": "b"}
_MIN_STEM = 3


def _strip_turkish(word: str) -> str:
    for suffix in _TR_SUFFIXES:
        if word.endswith(suffix):
            rest = word[: -len(suffix)]
            short = len(suffix) == 1 or suffix.startswith(("lar", "ler"))
            minimum = _MIN_STEM if short else _MIN_STEM + 1
            if len(rest) >= minimum:
                return rest
    return word


def _strip_english(word: str) -> str:
    if len(word) <= 4:
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("shes", "ches", "xes", "sses")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The stem of one folded word: ``kirpintisi`` and ``kirpinti`` give the same stem."""
    if word.isdigit():
        return word
    for _ in range(4):
        shorter = _strip_turkish(_strip_english(word))
        if shorter == word:
            break
        word = shorter
    if word[-1] in _FINAL:
        word = word[:-1] + _FINAL[word[-1]]
    return word


def stems(text: str) -> list[str]:
    """The stems of the words of ``text`` (any language, any case)."""
    return [stem(w) for w in words(text)]
