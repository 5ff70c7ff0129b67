"""Keeping a blind review blind: the applicant's name in its own words.

Hiding the applicant's name on the page is not enough when the title says "Akın Tekstil's
water recovery" or an answer gives the tax number. At submission the title, summary and text
answers are searched for the applicant organisation's name (with and without its legal form,
its distinctive first word, its web domain), its members' names and its tax number; the
applicant is warned, and a blind reviewer reads ``[firma]`` in their place.

Matching ignores case and Turkish letters (``Ş``/``s``, ``İ``/``i`` ...) and respects word
boundaries. Uploaded files are not read; the applicant form says so.
"""

import re
from functools import lru_cache

from django.utils.translation import gettext as _

from dekvep.core.rules import member_organisation_ids

from .identity import identity_hidden
from .models import Application, Question

MASK = "[firma]"

_LETTERS = str.maketrans(
    {
        "ı": "i",
        "İ": "i",
        "I": "i",
        "ş": "s",
        "Ş": "s",
        "ğ": "g",
        "Ğ": "g",
        "ü": "u",
        "Ü": "u",
        "ö": "o",
        "Ö": "o",
        "ç": "c",
        "Ç": "c",
        "â": "a",
        "Â": "a",
        "î": "i",
        "û": "u",
    }
)

# Legal forms and trade words that say nothing about which firm it is.
_LEGAL = {
    "a.s.",
    "a.s",
    "as",
    "anonim",
    "sirketi",
    "sti.",
    "sti",
    "ltd.",
    "ltd",
    "limited",
    "san.",
    "san",
    "sanayi",
    "sanayii",
    "tic.",
    "tic",
    "ticaret",
    "ve",
    "ith.",
    "ihr.",
    "inc.",
    "inc",
    "gmbh",
    "co.",
    "llc",
}
_GENERIC = {
    "tekstil",
    "plastik",
    "orme",
    "boya",
    "kimya",
    "metal",
    "makina",
    "makine",
    "gida",
    "enerji",
    "ambalaj",
    "beyaz",
    "esya",
    "elektrik",
    "elektronik",
    "dokuma",
    "iplik",
    "konfeksiyon",
    "turk",
    "turkiye",
    "istanbul",
    "grup",
    "group",
    "holding",
}


def fold(text: str) -> str:
    """Lower case without Turkish letters, one character for one (positions stay valid)."""
    folded = text.translate(_LETTERS)
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in folded)


def name_variants(organisation) -> list[str]:
    """The organisation's name, with and without its legal form."""
    words = [w for w in organisation.name.split() if fold(w) not in _LEGAL]
    return [organisation.name] + ([" ".join(words)] if words else [])


def identity_terms(organisation) -> list[str]:
    """The ways an application could name its applicant, longest first."""
    terms = set(name_variants(organisation))
    words = [w for w in organisation.name.split() if fold(w) not in _LEGAL]
    if words:
        distinctive = [w for w in words if fold(w.strip(".,")) not in _GENERIC]
        if distinctive and len(distinctive[0]) >= 4:
            terms.add(distinctive[0].strip(".,"))
    if organisation.website:
        host = re.sub(r"^https?://(www\.)?", "", organisation.website.lower()).split("/")[0]
        stem = host.split(".")[0]
        if len(stem) >= 4:
            terms.update({host, stem})
    if organisation.tax_number:
        terms.add(organisation.tax_number.strip())
    names = organisation.memberships.values_list("user__full_name", flat=True)
    terms.update(n for n in names if n and len(n.strip()) >= 5)
    return sorted((t.strip() for t in terms if len(t.strip()) >= 3), key=len, reverse=True)


@lru_cache(maxsize=256)
def _pattern(terms: tuple[str, ...]) -> re.Pattern | None:
    if not terms:
        return None
    parts = [r"\s+".join(re.escape(fold(p)) for p in term.split()) for term in terms]
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)")


def mask(text: str, terms) -> str:
    """``text`` with every mention of the applicant replaced by ``[firma]``."""
    pattern = _pattern(tuple(terms))
    if not text or pattern is None:
        return text
    folded, out, last = fold(text), [], 0
    for found in pattern.finditer(folded):
        out += [text[last : found.start()], MASK]
        last = found.end()
    return "".join(out + [text[last:]])


def mentions_applicant(text: str, terms) -> bool:
    pattern = _pattern(tuple(terms))
    return bool(text and pattern and pattern.search(fold(text)))


def _text_answers(application: Application):
    kinds = (Question.Kind.SHORT_TEXT, Question.Kind.LONG_TEXT)
    return [
        a
        for a in application.answers.select_related("question").order_by("question__order")
        if a.question.kind in kinds and isinstance(a.value, str)
    ]


def mentions(application: Application) -> list[dict]:
    """Where the application names its applicant: ``[{"field": "title", "label": ...}]``."""
    terms = identity_terms(application.organisation)
    found = []
    if mentions_applicant(application.title, terms):
        found.append({"field": "title", "label": _("Title")})
    if mentions_applicant(application.summary, terms):
        found.append({"field": "summary", "label": _("Summary")})
    for answer in _text_answers(application):
        if mentions_applicant(answer.value, terms):
            found.append({"field": f"q{answer.question_id}", "label": answer.question.label})
    return found


def warning(found: list[dict]) -> str:
    """The applicant's warning: where the name appears and what reviewers will read."""
    return _(
        "Your application names your organisation (in: %(fields)s). The review is blind: "
        "reviewers will read [firma] in its place. Remove the name to be sure it reads well."
    ) % {"fields": ", ".join(str(item["label"]) for item in found)}


def blind_for(user, application: Application) -> bool:
    """True when ``user`` reads the application blind (not its applicant, not staff)."""
    if application.organisation_id in member_organisation_ids(user):
        return False
    return identity_hidden(user, application.call)


class Shown:
    """The application's own words as ``user`` may read them."""

    def __init__(self, application: Application, user):
        self.blind = blind_for(user, application)
        self._terms = identity_terms(application.organisation) if self.blind else []
        self.title = self.text(application.title)
        self.summary = self.text(application.summary)

    def text(self, value):
        if not self.blind or not isinstance(value, str):
            return value
        return mask(value, self._terms)

    def value(self, value):
        if isinstance(value, list):
            return [self.text(v) for v in value]
        return self.text(value)
