import pytest

from dekvep.symbiosis.engine.stem import stems


@pytest.mark.parametrize(
    ("inflected", "plain"),
    [
        ("kırpıntısı", "kırpıntı"),
        ("talaşı", "talaş"),
        ("hurdası", "hurda"),
        ("çamuru", "çamur"),
        ("kağıdı", "kağıt"),
        ("İPLİK", "iplik"),
        ("plastiği", "plastik"),
        ("clippings", "clipping"),
    ],
)
def test_it_gives_inflected_and_plain_forms_the_same_stem(inflected, plain):
    assert stems(inflected) == stems(plain)


def test_it_reads_dotted_and_dotless_capitals_the_turkish_way():
    assert stems("ISIL İŞLEM") == stems("ısıl işlem")
