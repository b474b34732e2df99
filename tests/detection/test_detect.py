"""Language detection: hand-written texts per language and length, mixed text, the alphabet
prefilter, the uncertainty threshold, routing and the override."""

import threading

import pytest

from app.config import Settings, get_settings
from app.detection import detector as detect
from app.detection import model as detect_model
from app.detection.detector import (
    Detection,
    DocumentDetection,
    detect_document,
    detect_language,
    route_confidence,
    route_language,
    ruled_out_by_alphabet,
    threshold,
)
from app.detection.rules import ruled_out_by_words
from app.errors import InvalidInput, LanguageUncertain, UnsupportedLanguage, WerkbankError

HEADLINES = {
    "en": "Government announces new sanctions against oil exporters",
    "de": "Bundesregierung beschließt neue Sanktionen gegen Ölexporteure",
    "ru": "Правительство объявило о новых санкциях против экспортёров нефти",
    "uk": "Уряд оголосив про нові санкції проти експортерів нафти",
    "be": "Урад абвясціў пра новыя санкцыі супраць экспарцёраў нафты",
    "bg": "Правителството обяви нови санкции срещу износителите на петрол",
    "kk": "Үкімет мұнай экспорттаушыларына қарсы жаңа санкциялар жариялады",
    "fr": "Le gouvernement annonce de nouvelles sanctions contre les exportateurs",
    "es": "El gobierno anuncia nuevas sanciones contra los exportadores de petróleo",
    "nl": "De regering kondigt nieuwe sancties aan tegen olie-exporteurs",
}

SENTENCES = {
    "en": "The minister said on Monday that the talks would continue until an agreement "
    "had been reached with all parties.",
    "de": "Der Minister sagte am Montag, die Gespräche würden fortgesetzt, bis mit allen "
    "Beteiligten eine Einigung erzielt worden sei.",
    "ru": "Министр заявил в понедельник, что переговоры будут продолжаться до тех пор, пока "
    "не будет достигнуто соглашение со всеми сторонами.",
    "uk": "Міністр заявив у понеділок, що переговори триватимуть до того часу, доки не буде "
    "досягнуто згоди з усіма сторонами.",
    "be": "Міністр заявіў у панядзелак, што перамовы будуць працягвацца да таго часу, пакуль "
    "не будзе дасягнута згода з усімі бакамі.",
    "bg": "Министърът заяви в понеделник, че преговорите ще продължат, докато не бъде "
    "постигнато споразумение с всички страни.",
    "kk": "Министр дүйсенбі күні келіссөздер барлық тараптармен келісімге қол жеткізілгенге "
    "дейін жалғасатынын мәлімдеді.",
    "fr": "Le ministre a déclaré lundi que les négociations se poursuivraient jusqu'à ce "
    "qu'un accord soit trouvé avec toutes les parties.",
    "es": "El ministro dijo el lunes que las conversaciones continuarían hasta que se "
    "alcanzara un acuerdo con todas las partes.",
    "nl": "De minister zei maandag dat de gesprekken zouden doorgaan totdat er met alle "
    "partijen een akkoord was bereikt.",
}

PARAGRAPHS = {
    "en": "Energy prices rose sharply over the winter. Households in the north were hit "
    "hardest, according to the statistics office. The government has promised a second "
    "relief package before the summer.",
    "de": "Die Energiepreise sind im Winter stark gestiegen. Am stärksten betroffen waren "
    "nach Angaben des Statistikamtes die Haushalte im Norden. Die Regierung hat vor dem "
    "Sommer ein zweites Entlastungspaket versprochen.",
    "ru": "Цены на энергию зимой резко выросли. Сильнее всего пострадали домохозяйства на "
    "севере, сообщает статистическое ведомство. Правительство пообещало второй пакет "
    "помощи до лета.",
    "uk": "Ціни на енергію взимку різко зросли. Найбільше постраждали домогосподарства на "
    "півночі, повідомляє статистичне відомство. Уряд пообіцяв другий пакет допомоги до "
    "літа.",
    "bg": "Цените на енергията рязко се повишиха през зимата. Най-силно засегнати са "
    "домакинствата на север, съобщава статистическата служба. Правителството обеща втори "
    "пакет от помощи преди лятото.",
}

# A quote in another language inside a paragraph must not decide the paragraph.
MIXED_PARAGRAPHS = [
    (
        "de",
        "Der Präsident sprach vor dem Parlament über die Lage im Land. Er sagte wörtlich: "
        "„We will not give up.“ Danach verließ er den Saal ohne weitere Erklärungen, und die "
        "Abgeordneten diskutierten noch bis spät in die Nacht über seine Rede.",
    ),
    (
        "ru",
        "Президент выступил перед парламентом и рассказал о положении в стране. Депутаты "
        "обсуждали его речь до поздней ночи. Ми не здамося ніколи. После этого заседание "
        "было закрыто, и журналисты так и не получили никаких комментариев.",
    ),
    (
        "en",
        "The president addressed parliament on the situation in the country. He quoted a "
        "line from an old poem: «Мы не сдадимся никогда». Members of parliament debated his "
        "speech until late at night, and no further statement was made.",
    ),
]


# Cyrillic headlines without the letters that tell Russian from Bulgarian.
RU_BG_HEADLINES = [
    ("ru", "Суд отложил рассмотрение дела до весны"),
    ("ru", "Власти Москвы ввели новые ограничения"),
    ("bg", "Полицията задържа заподозрян за кражба"),
]

# A Ukrainian sentence inside a Russian paragraph: its letters rule out Russian for the whole.
RU_WITH_UKRAINIAN = (
    "Министр прибыл в столицу поздно вечером. Он заявил, что переговоры продолжатся до конца "
    "недели, а делегация останется в городе. Ми не здамося ніколи, сказав він журналістам."
)


@pytest.fixture(autouse=True)
def _fresh_settings(monkeypatch):
    for name in (
        "WERKBANK_DETECT_MIN_CONFIDENCE",
        "WERKBANK_DETECT_MIN_CONFIDENCE_SHORT",
        "WERKBANK_DETECT_SHORT_LETTERS",
        "WERKBANK_DETECT_LANGDETECT_TIEBREAK",
        "WERKBANK_DETECT_SHORT_TIEBREAK",
    ):
        monkeypatch.delenv(name, raising=False)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.mark.parametrize("lang", sorted(HEADLINES))
def test_headline(lang):
    found = detect_language(HEADLINES[lang])
    assert found.lang == lang, found


@pytest.mark.parametrize("lang", sorted(SENTENCES))
def test_sentence(lang):
    found = detect_language(SENTENCES[lang])
    assert found.lang == lang, found
    assert route_confidence(found) >= detect.MIN_CONFIDENCE


@pytest.mark.parametrize("lang", sorted(PARAGRAPHS))
def test_paragraph(lang):
    found = detect_language(PARAGRAPHS[lang])
    assert found.lang == lang, found
    assert found.confidence > 0.95


@pytest.mark.parametrize(("lang", "text"), MIXED_PARAGRAPHS)
def test_mixed_paragraph_keeps_its_majority_language(lang, text):
    found = detect_language(text)
    assert found.lang == lang, found
    assert found.confidence >= detect.MIN_CONFIDENCE


def test_near_russian_languages_never_come_out_as_russian():
    for lang in ("uk", "be", "bg", "kk"):
        for text in (HEADLINES[lang], SENTENCES[lang]):
            assert detect_language(text).lang != "ru", text


@pytest.mark.parametrize(("lang", "text"), RU_BG_HEADLINES)
def test_russian_and_bulgarian_headlines_without_telltale_letters(lang, text):
    assert detect_language(text).lang == lang


def test_one_language_paragraph_is_read_once():
    for lang in ("en", "de", "ru"):
        assert "vote" not in detect_language(PARAGRAPHS[lang]).method


def test_paragraph_whose_letters_rule_out_its_model_answer_is_split():
    found = detect_language(RU_WITH_UKRAINIAN)
    assert (found.lang, found.method) == ("ru", "sentence-vote")


def test_no_letters_is_und():
    for text in ("", "   ", "12.03.2024, 14:10", "---"):
        found = detect_language(text)
        assert (found.lang, found.confidence) == ("und", 0.0)


def test_short_text_is_not_confident():
    for text in ("Okay.", "So lala", "Ну от!"):
        assert route_confidence(detect_language(text)) < detect.MIN_CONFIDENCE, text


def test_other_scripts_are_detected_for_refusal():
    assert detect_language("Η κυβέρνηση ανακοίνωσε νέες κυρώσεις κατά των εξαγωγέων").lang == "el"
    assert detect_language("政府宣布对石油出口商实施新的制裁措施").lang in {"zh", "ja"}


# ---------------------------------------------------------------- alphabet prefilter


@pytest.mark.parametrize(
    ("text", "out", "kept"),
    [
        ("Київ і Львів", {"ru", "bg", "be", "sr", "mk"}, {"uk"}),
        ("Єдність", {"ru", "bg", "be"}, {"uk"}),
        ("Ґанок", {"ru", "bg"}, {"uk"}),
        ("Объявление: мы здесь", {"uk", "bg", "sr", "mk", "be"}, {"ru", "kk"}),
        ("Эта ёлка", {"uk", "bg", "sr", "mk"}, {"ru", "be"}),
        ("Беларусь і ўлада", {"ru", "uk", "bg", "kk"}, {"be"}),
        ("Қазақстан әні", {"ru", "uk", "be", "bg"}, {"kk"}),
        ("Това ѝ каза", {"ru", "uk", "be"}, {"bg"}),
        ("Југославија", {"ru", "uk", "be", "bg", "kk"}, {"sr", "mk"}),
    ],
)
def test_alphabet_rules(text, out, kept):
    ruled_out = ruled_out_by_alphabet(text)
    assert out <= ruled_out
    assert not kept & ruled_out


@pytest.mark.parametrize(
    ("text", "out", "kept"),
    [
        ("Объект", {"bg"}, {"ru"}),  # "ъ" before е/ю/я: the Russian separator
        ("Есть", {"bg"}, {"ru", "uk"}),  # final "ь"
        ("Шофьор", set(), {"bg"}),  # "ь" before "о" is Bulgarian
        ("Във", {"ru", "kk"}, {"bg"}),  # a vowel "ъ"
    ],
)
def test_hard_and_soft_sign_rules(text, out, kept):
    ruled_out = ruled_out_by_alphabet(text)
    assert out <= ruled_out
    assert not kept & ruled_out


@pytest.mark.parametrize(
    ("text", "out"),
    [
        ("Това е книгата", {"ru"}),
        ("Той каза, че ще дойде", {"ru"}),
        ("Австрийската армия", {"ru"}),  # definite ending
        ("Это для него", {"bg", "mk", "sr", "uk", "be"}),  # "это" is not Ukrainian either
        ("Британские войска", {"bg", "mk", "sr"}),  # Russian adjective ending
        ("Това е для него", {"uk", "be"}),  # Russian and Bulgarian: no rule between them; "него" not uk
        ("Мост на реке", set()),  # neither
        ("Всеки в тая стая знае", {"ru"}),
        ("В случай с мек педал най-доброто", {"ru", "uk", "be"}),  # Bulgarian "най-"; "с" is not Ukrainian
        ("Це був той самий", {"ru"}),  # Ukrainian function words without і/ї/є
        ("Коли цей учений говорить", {"ru"}),
        ("Когда он пришёл, было поздно", {"bg", "mk", "sr", "uk", "be"}),
        ("Це было", {"bg", "mk", "sr"}),  # Ukrainian and Russian words: no rule between them
        ("Прийшов з ними", {"ru"}),  # Ukrainian "з" (Russian "с")
        ("Понякога ми липсва даже", {"ru", "be"}),  # "ми" is not Russian; "даже" is Bulgarian too
        ("Вернулся к нам с отцом", {"bg", "mk", "sr", "uk", "be"}),  # "к", "с" are not Ukrainian
        ("Дом и сад", {"uk", "be"}),
        ("Дорога до Минска", {"be"}),  # Belarusian "да", not "до"
        ("10 марта 1896 года", {"bg", "mk", "sr", "uk", "be"}),  # a Russian month name
        ("Па дарозе да Мінска", set()),  # the conjunction "и" is Russian, not Ukrainian (Bulgarian has it)
    ],
)
def test_word_rules(text, out):
    assert ruled_out_by_words(text) == out


def test_alphabet_rules_tolerate_a_foreign_name_in_a_long_text():
    name = " Делегация прибыла в Київ вечером."
    assert "ru" in ruled_out_by_alphabet(name)
    assert "ru" not in ruled_out_by_alphabet(" ".join([PARAGRAPHS["ru"]] * 3) + name)
    assert detect_language(PARAGRAPHS["ru"] + name).lang == "ru"


def test_latin_text_with_a_cyrillic_name_stays_latin():
    text = "Der Sprecher des Ministeriums, Дмитрий Песков, wollte sich am Abend nicht äußern."
    assert detect_language(text).lang == "de"


# ---------------------------------------------------------------- documents


def test_document_of_one_language_has_no_mixed_paragraphs():
    doc = detect_document(
        [HEADLINES["de"], "Quelle: RT DE", PARAGRAPHS["de"], SENTENCES["de"], "Berlin, 12.03."]
    )
    assert doc.lang == "de"
    assert doc.mixed == [] and doc.unsupported == []


def test_document_marks_paragraphs_in_another_routed_language():
    doc = detect_document([HEADLINES["de"], PARAGRAPHS["de"], PARAGRAPHS["en"], SENTENCES["de"]])
    assert doc.lang == "de"
    assert doc.mixed == [2]
    assert doc.paragraphs[2].lang == "en"  # translated from its own language


def test_document_marks_paragraphs_in_a_refused_language():
    doc = detect_document([PARAGRAPHS["ru"], PARAGRAPHS["uk"], SENTENCES["ru"]])
    assert doc.lang == "ru"
    assert doc.mixed == []
    assert doc.unsupported == [1]


def test_document_language_is_the_majority():
    doc = detect_document([SENTENCES["en"], PARAGRAPHS["ru"], PARAGRAPHS["ru"]])
    assert doc.lang == "ru"
    assert doc.mixed == [0]


def test_empty_document():
    doc = detect_document([])
    assert (doc.lang, doc.paragraphs, doc.mixed) == ("und", [], [])


def test_candidates_are_ranked():
    found = detect_language("Kasachstan")
    ranked = found.candidates(top=3)
    assert 1 <= len(ranked) <= 3
    assert set(ranked[0]) == {"lang", "confidence"}
    assert [c["confidence"] for c in ranked] == sorted((c["confidence"] for c in ranked), reverse=True)


def test_public_dataclasses_keep_their_positional_shape():
    det = Detection("de", 0.9)
    assert (det.scores, det.method) == ({}, "py3langid")
    doc = DocumentDetection("de", 0.9, [det], [])
    assert (doc.scores, doc.unsupported) == ({}, [])


# ---------------------------------------------------------------- routing and threshold


@pytest.mark.parametrize("lang", ["en", "ru", "de"])
def test_routed_languages_pass(lang):
    doc = route_language([HEADLINES[lang], PARAGRAPHS[lang]])
    assert doc.lang == lang


def test_ukrainian_is_refused_with_the_detected_language():
    with pytest.raises(UnsupportedLanguage) as caught:
        route_language([HEADLINES["uk"], PARAGRAPHS["uk"]])
    err = caught.value
    assert (err.status, err.code) == (422, "unsupported_language")
    assert err.extra["detected"] == "uk"
    assert err.to_dict()["supported"] == ["de", "en", "ru"]


@pytest.mark.parametrize("lang", ["be", "bg", "kk", "fr", "es", "nl"])
def test_other_languages_are_refused(lang):
    with pytest.raises(UnsupportedLanguage) as caught:
        route_language([HEADLINES[lang], SENTENCES[lang]])
    assert caught.value.extra["detected"] == lang


def test_uncertain_text_gives_422_with_candidates():
    with pytest.raises(LanguageUncertain) as caught:
        route_language(["Kasachstan"])
    err = caught.value
    assert isinstance(err, WerkbankError)
    assert (err.status, err.code) == (422, "language_uncertain")
    assert 1 <= len(err.extra["candidates"]) <= 3
    assert err.to_dict()["candidates"][0]["lang"]


def test_no_text_is_uncertain():
    with pytest.raises(LanguageUncertain) as caught:
        route_language(["", "2024"])
    assert caught.value.extra["candidates"] == []


def test_threshold_comes_from_the_settings(monkeypatch):
    text = [HEADLINES["en"]]
    confidence = route_confidence(detect_document(text))
    assert confidence < 1.0
    monkeypatch.setenv("WERKBANK_DETECT_MIN_CONFIDENCE", str(min(1.0, confidence + 0.001)))
    monkeypatch.setenv("WERKBANK_DETECT_SHORT_TIEBREAK", "0")  # the thresholds alone
    get_settings.cache_clear()
    with pytest.raises(LanguageUncertain):
        route_language(text)
    assert route_language(text, min_confidence=0.0).lang == "en"


def test_headlines_use_the_short_threshold(monkeypatch):
    headline = "Energy prices rose"  # 3 words, 16 letters: right, but not sure
    doc = detect_document([headline])
    assert detect.MIN_CONFIDENCE > route_confidence(doc) >= Settings().detect_min_confidence_short
    assert threshold(doc, words=3) == Settings().detect_min_confidence_short
    assert route_language([headline]).lang == "en"
    monkeypatch.setenv("WERKBANK_DETECT_SHORT_LETTERS", "10")
    monkeypatch.setenv("WERKBANK_DETECT_SHORT_TIEBREAK", "0")  # the thresholds alone
    get_settings.cache_clear()
    with pytest.raises(LanguageUncertain):
        route_language([headline])


def test_one_or_two_words_are_no_headline():
    found = Detection("de", 0.6, {"de": 0.6}, letters=10)
    assert threshold(found, words=1) == detect.MIN_CONFIDENCE
    assert threshold(found, words=3) == Settings().detect_min_confidence_short
    with pytest.raises(LanguageUncertain):
        route_language(["So lala"])


def test_long_texts_use_the_long_threshold():
    doc = detect_document([SENTENCES["de"]])
    assert doc.letters >= Settings().detect_short_letters
    assert threshold(doc, words=20) == detect.MIN_CONFIDENCE


def test_refusals_need_at_most_the_refusal_threshold():
    found = Detection("bg", 0.6, {"bg": 0.6, "ru": 0.4}, letters=200)
    assert threshold(found, words=40) == detect.REFUSE_CONFIDENCE
    assert threshold(Detection("ru", 0.6, {"ru": 0.6}, letters=200)) == detect.MIN_CONFIDENCE


def test_langdetect_is_an_opt_in_tiebreak(monkeypatch):
    text = "The new iron guidelines mean"  # py3langid: en, 0.67; langdetect: en, 0.99
    alone = detect_language(text)
    assert "langdetect" not in alone.method
    monkeypatch.setenv("WERKBANK_DETECT_LANGDETECT_TIEBREAK", "1")
    get_settings.cache_clear()
    found = detect_language(text)
    assert found.method.endswith("+langdetect")
    assert (found.lang, alone.lang) == ("en", "en")
    assert found.confidence > alone.confidence


def test_default_threshold_matches_the_setting():
    assert Settings().detect_min_confidence == detect.MIN_CONFIDENCE


def test_refusal_is_confident_even_when_refused_languages_compete():
    found = Detection("bg", 0.5, {"bg": 0.5, "mk": 0.45, "ru": 0.05})
    assert route_confidence(found) == pytest.approx(0.95)
    assert route_confidence(Detection("ru", 0.5, {"ru": 0.5, "bg": 0.5})) == 0.5


# ---------------------------------------------------------------- override


def test_override_accepts_ukrainian_text_as_russian():
    doc = route_language([HEADLINES["uk"], PARAGRAPHS["uk"]], override="ru")
    assert (doc.lang, doc.confidence, doc.mixed) == ("ru", 1.0, [])
    assert [p.lang for p in doc.paragraphs] == ["ru", "ru"]
    assert doc.paragraphs[0].method == "override"


def test_override_is_normalised():
    assert route_language(["x"], override=" DE ").lang == "de"


@pytest.mark.parametrize("code", ["uk", "fr", "", "russian"])
def test_override_must_be_a_routed_language(code):
    with pytest.raises(InvalidInput) as caught:
        route_language([PARAGRAPHS["ru"]], override=code)
    assert (caught.value.status, caught.value.code) == (422, "unsupported_language")
    assert caught.value.extra["source_lang"] == code


# ---------------------------------------------------------------- model loading


def test_model_keeps_only_the_candidate_languages():
    model = detect_model.get_model()
    for script, langs in detect_model.SCRIPTS.items():
        table, prior, labels = model._tables[script]
        assert set(labels) == set(langs)
        assert table.shape[1] == prior.shape[0] == len(labels)


def test_model_loads_once_under_concurrency(monkeypatch):
    calls = []
    real_model = detect_model.Model

    def counting_model():
        calls.append(1)
        return real_model()

    monkeypatch.setattr(detect_model, "_model", None)
    monkeypatch.setattr(detect_model, "Model", counting_model)
    results, start = [], threading.Barrier(8)

    def work():
        start.wait()
        results.append(detect_language(SENTENCES["de"]).lang)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert calls == [1]
    assert results == ["de"] * 8


def test_detection_is_deterministic():
    text = "Kurz notiert"
    assert detect_language(text) == detect_language(text)
