"""Short texts that may be Russian or Ukrainian/Belarusian/Bulgarian: the letter and word rules
where they tell, and an uncertain answer with candidates where nothing does."""

import pytest

from app.config import get_settings
from app.detection import tiebreak
from app.detection.detector import detect_document, route_language
from app.detection.rules import ruled_out_by_alphabet, ruled_out_by_words
from app.errors import LanguageUncertain, UnsupportedLanguage

# Ukrainian ("the mayoral election was moved to May"): no і/ї/є/ґ, no apostrophe, no Ukrainian
# function word; py3langid reads Russian 0.62, Ukrainian 0.35.
UK_WITHOUT_MARKS = "Вибори мера перенесли на травень"


@pytest.fixture(autouse=True)
def _fresh_settings(monkeypatch):
    """Tests that switch the tiebreak off leave no cached settings behind."""
    monkeypatch.delenv("WERKBANK_DETECT_SHORT_TIEBREAK", raising=False)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


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


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Питання про бюджет знову відкладено", "uk"),  # no і/ї/є/ґ
        ("Життя на селі", "uk"),
        ("Пытання пра бюджэт", "be"),  # Belarusian
    ],
)
def test_a_doubled_consonant_before_a_final_ya_rules_out_russian_and_bulgarian(text, kept):
    out = ruled_out_by_alphabet(text)
    assert {"ru", "bg", "kk"} <= out
    assert kept not in out


@pytest.mark.parametrize("text", ["Ранняя весна пришла в город", "Анна и Жанна"])
def test_russian_doubled_consonants_elsewhere_keep_russian(text):
    assert "ru" not in ruled_out_by_alphabet(text)


@pytest.mark.parametrize(
    "text",
    [
        "Кто получит больше денег",
        "Однако всегда есть выход",
        "Среди них несколько новых",
        "Ему никогда не везло",
    ],
)
def test_russian_adverbs_and_pronouns_rule_out_the_near_russian_languages(text):
    assert {"uk", "be", "bg", "mk", "sr"} <= ruled_out_by_words(text)


@pytest.mark.parametrize("text", ["Между нас и него", "Против под"])
def test_russian_words_bulgarian_shares_rule_out_only_ukrainian(text):
    out = ruled_out_by_words(text)
    assert "uk" in out and "bg" not in out


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
        ({"ru": 0.3}, {"be"}, {"ru": 0.01, "be": 0.99}, False),  # lingua's choice is ruled out
        ({"ru": 0.3}, set(), {"ru": 0.01, "be": 0.99}, True),
    ],
)
def test_doubts_russian(monkeypatch, scores, ruled_out, lingua, doubted):
    asked = _lingua(monkeypatch, lingua)
    assert tiebreak.doubts_russian("…", scores, lambda text: ruled_out) is doubted
    assert bool(asked) is (lingua is not None)


@pytest.mark.parametrize(
    ("scores", "ruled_out", "lingua", "value"),
    [
        ({"be": 0.46, "ru": 0.42}, set(), {"ru": 0.95, "be": 0.05}, 0.95),
        ({"be": 0.46, "ru": 0.42}, set(), {"ru": 0.7, "be": 0.3}, 0.0),  # lingua not sure enough
        ({"be": 0.46, "ru": 0.42}, {"ru"}, None, 0.0),  # the rules rule Russian out: not asked
        ({"bg": 0.6, "ru": 0.2}, set(), None, 0.0),  # under half of the best score: not asked
    ],
)
def test_russian_after_all(monkeypatch, scores, ruled_out, lingua, value):
    asked = _lingua(monkeypatch, lingua)
    rules_asked = []

    def rules(text):
        rules_asked.append(text)
        return ruled_out

    assert tiebreak.russian_after_all("…", scores, rules) == value
    assert bool(asked) is (lingua is not None)
    assert bool(rules_asked) is (scores["ru"] >= tiebreak.SHARE_OF_BEST * max(scores.values()))


@pytest.mark.parametrize(("lingua_ru", "lang"), [(0.7, "und"), (0.9, "ru")])
def test_lingua_confirms_russian_over_a_near_russian_best_only_when_sure(monkeypatch, lingua_ru, lang):
    _lingua(monkeypatch, {"ru": lingua_ru, "uk": 1 - lingua_ru})
    assert tiebreak.confirms("…", {"uk": 0.43, "ru": 0.39}, set())[0] == lang


@pytest.mark.parametrize("headline", ["На выставке Анны Марры", "Завод построят на окраине"])
def test_a_russian_headline_py3langid_refuses_as_near_russian_is_russian(monkeypatch, headline):
    # Nothing Belarusian/Bulgarian in them (py3langid be 0.46 / bg 0.54, ru 0.42); lingua ru ≥ 0.96.
    assert detect_document([headline]).lang in tiebreak.NEAR_RUSSIAN
    assert route_language([headline]).lang == "ru"
    monkeypatch.setenv("WERKBANK_DETECT_SHORT_TIEBREAK", "0")
    get_settings.cache_clear()
    with pytest.raises(UnsupportedLanguage):
        route_language([headline])
