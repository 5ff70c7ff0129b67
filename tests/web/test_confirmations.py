"""Irreversible steps ask first and every action says what it did.

Every form in the templates whose action removes, deletes, announces, revokes, releases or
erases carries a ``data-confirm`` question (asked by the shared script before submitting); and
no view answers an action with a bare "Done." / "Added." / "Removed.".
"""

import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "dekvep"
IRREVERSIBLE = re.compile(r"remove|delete|announce|revoke|release_all|erase|cancel")
FORM = re.compile(r"<form\b[^>]*\baction=\"([^\"]*)\"[^>]*>(.*?)</form>", re.S)


def test_every_irreversible_form_asks_for_confirmation():
    missing = []
    for template in SRC.rglob("templates/**/*.html"):
        for action, inner in FORM.findall(template.read_text(encoding="utf-8")):
            name = re.search(r"\{% url '([^']+)'", action)
            if name and IRREVERSIBLE.search(name.group(1)) and "data-confirm" not in inner:
                missing.append(f"{template.relative_to(SRC)}: {name.group(1)}")
    assert not missing, "irreversible forms without data-confirm:\n" + "\n".join(missing)


def test_the_shared_script_asks_before_a_data_confirm_submit():
    script = (SRC / "web" / "static" / "web" / "dekvep.js").read_text(encoding="utf-8")
    assert "[data-confirm]" in script and "window.confirm" in script


def test_no_action_answers_with_a_bare_word():
    bare = re.compile(r"messages\.\w+\(\s*request,\s*_\(\"(Done|Added|Removed|Saved|OK)\.?\"\)")
    found = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if bare.search(path.read_text(encoding="utf-8"))
    ]
    assert not found, found
