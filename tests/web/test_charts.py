"""Charts drawn on the server: a long label wraps onto further lines and is never clipped."""

from dekvep.web.charts import hbar

LONG = "Basınçlı hava kaçaklarının giderilmesi ve kompresör basıncının düşürülmesi"


def test_a_long_bar_label_wraps_whole_words_onto_more_lines():
    svg = hbar([(LONG, 120000.0), ("Su", 5000.0)], "TL")
    assert "…" not in svg
    lines = [part.split("<")[0] for part in svg.split('">')[1:] if "</tspan>" in part]
    assert " ".join(line for line in lines if line not in ("", "Su")) == LONG
    assert all(len(line) <= 36 for line in lines)


def test_a_row_grows_with_its_label():
    short = hbar([("Su", 1.0)])
    long = hbar([(LONG, 1.0)])
    height = lambda svg: int(svg.split('height="')[1].split('"')[0])  # noqa: E731
    assert height(long) > height(short)
