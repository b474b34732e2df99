"""Short texts that may be Russian or Ukrainian/Belarusian/Bulgarian: the letter and word rules
where they tell, and an uncertain answer with candidates where nothing does."""

import pytest

from app.config import get_settings
from app.detection import tiebreak
from app.detection.detector import route_language
from app.detection.rules import ruled_out_by_alphabet
from app.errors import LanguageUncertain

# Ukrainian ("the mayoral election was moved to May"): no і/ї/є/ґ, no apostrophe, no Ukrainian
# function word; py3langid reads Russian 0.62, Ukrainian 0.35.
UK_WITHOUT_MARKS = "Вибори мера перенесли на травень"


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("М'ясо подорожчало на базарах", "uk"),
        ("М\u2019ясо подорожчало", "uk"),
        ("В\u02bcязниця на околиці", "uk"),
        ("Аб'ява пра продаж", "be"),  # Belarusian
    ],
)
def test_an_apostrophe_before_an_iotated_vowel_rules_out_russian_and_bulgarian(text, kept):
    out = ruled_out_by_alphabet(text)
    assert {"ru", "bg", "kk"} <= out
    assert kept not in out


def test_one_apostrophe_name_in_a_long_russian_text_is_tolerated():
    text = "В'ячеслав " + "Делегация прибыла в столицу поздно вечером и сразу начала переговоры. " * 4
    assert "ru" not in ruled_out_by_alphabet(text)
    assert route_language([text]).lang == "ru"


def test_a_headline_nothing_tells_from_ukrainian_is_uncertain_with_candidates(monkeypatch):
    with pytest.raises(LanguageUncertain) as caught:
        route_language([UK_WITHOUT_MARKS])
    assert {c["lang"] for c in caught.value.extra["candidates"][:2]} == {"ru", "uk"}
    monkeypatch.setenv("WERKBANK_DETECT_SHORT_TIEBREAK", "0")
    get_settings.cache_clear()
    assert route_language([UK_WITHOUT_MARKS]).lang == "ru"  # the costly error this stops


@pytest.mark.parametrize(
    "headline",
    [
        "Встреча с министром состоится завтра",  # "с" is not Ukrainian
        "Вернулся к нам с отцом",  # "к", "с"
        "Мост закрыли на ремонт",  # "ы"
    ],
)
def test_a_russian_headline_with_something_russian_in_it_stays_russian(headline):
    assert route_language([headline]).lang == "ru"


def _lingua(monkeypatch, found: dict[str, float] | None) -> list[str]:
    asked: list[str] = []

    def values(text: str) -> dict[str, float]:
        asked.append(text)
        assert found is not None, "lingua was asked though no rule needs it"
        return found

    monkeypatch.setattr(tiebreak, "values", values)
    return asked


@pytest.mark.parametrize(
    ("scores", "ruled_out", "lingua", "doubted"),
    [
        ({"ru": 0.6, "uk": 0.35}, set(), {"ru": 0.4, "uk": 0.6}, True),  # a rival, lingua unsure of ru
        ({"ru": 0.6, "uk": 0.35}, set(), {"ru": 0.55, "uk": 0.45}, False),  # lingua gives ru half
        ({"ru": 0.6, "uk": 0.35}, {"uk"}, None, False),  # the rules rule the rival out: not asked
        ({"ru": 0.6, "uk": 0.25}, set(), None, False),  # under half of ru's score: not asked
        ({"ru": 0.6, "kk": 0.4}, set(), None, False),  # Kazakh shows in its letters: no rival
        ({"ru": 0.3, "bg": 0.1}, set(), {"ru": 0.2, "bg": 0.8}, True),  # weakly Russian, lingua sure
        ({"ru": 0.3, "bg": 0.1}, set(), {"ru": 0.4, "bg": 0.6}, False),
    ],
)
def test_doubts_russian(monkeypatch, scores, ruled_out, lingua, doubted):
    asked = _lingua(monkeypatch, lingua)
    assert tiebreak.doubts_russian("…", scores, lambda text: ruled_out) is doubted
    assert bool(asked) is (lingua is not None)
