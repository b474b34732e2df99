"""Every QA check on a translation it must flag and one it must pass, English→German and Russian→German."""

import pytest

from app.qa.base import Pair, QATerm
from app.qa.registry import BUILTINS, get_checks

TERMS = (
    QATerm("CSTO", "OVKS", case_sensitive=True),
    QATerm("ceasefire", "Waffenruhe"),
    QATerm("Путин", "Putin"),
    QATerm("ОДКБ", "OVKS"),
    QATerm("перемирие", "Waffenruhe"),
)

# (check, language, source, German that passes, German that fails)
CASES = [
    (
        "number_mismatch",
        "en",
        "The plan costs 1.5 million dollars and 10,000 troops stay until 2030.",
        "Der Plan kostet 1,5 Millionen Dollar, und 10.000 Soldaten bleiben bis 2030.",
        "Der Plan kostet 1.5 Millionen Dollar, und 10,000 Soldaten bleiben bis 2030.",
    ),
    (
        "number_mismatch",
        "en",
        "Inflation rose to 7.5% in 10-15 regions.",
        "Die Inflation stieg in 10 bis 15 Regionen auf 7,5 Prozent.",
        "Die Inflation stieg in 10 bis 15 Regionen auf 7,5.",
    ),
    (
        "number_mismatch",
        "en",
        "Three people died and 2,500 were evacuated.",
        "Drei Menschen starben, 2500 wurden in Sicherheit gebracht.",
        "Drei Menschen starben, 25.000 wurden in Sicherheit gebracht.",
    ),
    (
        "number_mismatch",
        "ru",
        "Бюджет составит 1,5 млн рублей, 10 000 военных останутся до 2030 года.",
        "Der Haushalt beträgt 1,5 Millionen Rubel, 10.000 Soldaten bleiben bis 2030.",
        "Der Haushalt beträgt 15 Millionen Rubel, 10.000 Soldaten bleiben bis 2031.",
    ),
    (
        "number_mismatch",
        "ru",
        "Рост составил 3,2% за 2,5 млрд рублей.",
        "Das Wachstum betrug 3,2 % für 2,5 Milliarden Rubel.",
        "Das Wachstum betrug 3,2 % für 2,5 Millionen Rubel.",
    ),
    (
        "date_mismatch",
        "en",
        "On Monday, January 5, the talks resumed.",
        "Am Montag, dem 5. Januar, wurden die Gespräche fortgesetzt.",
        "Am Dienstag, dem 15. Juni, wurden die Gespräche fortgesetzt.",
    ),
    (
        "date_mismatch",
        "ru",
        "Переговоры возобновились 5 января, в понедельник.",
        "Die Verhandlungen wurden am 5. Januar, einem Montag, wieder aufgenommen.",
        "Die Verhandlungen wurden am 5. Februar wieder aufgenommen.",
    ),
    (
        "name_missing",
        "en",
        "Russian President Vladimir Putin met NATO officials about MH17 and the CSTO.",
        "Der russische Präsident Wladimir Putin traf Nato-Vertreter wegen MH17 und der OVKS.",
        "Der russische Präsident traf Vertreter wegen des Absturzes und der CSTO.",
    ),
    (
        "name_missing",
        "ru",
        "Путин обсудил с ОДКБ закупку самолетов Boeing.",
        "Putin besprach mit der OVKS den Kauf von Boeing-Flugzeugen.",
        "Der Präsident besprach mit dem Bündnis den Kauf von Flugzeugen.",
    ),
    (
        "url_mismatch",
        "en",
        "Details are at https://csto.org/news/2024 and press@csto.org.",
        "Einzelheiten unter https://csto.org/news/2024 und press@csto.org.",
        "Einzelheiten unter https://csto.org/nachrichten/2024 und presse@csto.org.",
    ),
    (
        "url_mismatch",
        "ru",
        "Подробности на сайте https://tass.ru/politika/1.",
        "Einzelheiten auf https://tass.ru/politika/1.",
        "Einzelheiten auf der Website der Agentur.",
    ),
    (
        "glossary_term_missing",
        "en",
        "The ceasefire holds.",
        "Die Waffenruhe hält.",
        "Der Waffenstillstand hält.",
    ),
    (
        "glossary_term_missing",
        "ru",
        "Перемирие соблюдается.",
        "Die Waffenruhe wird eingehalten.",
        "Der Waffenstillstand wird eingehalten.",
    ),
    (
        "untranslated",
        "en",
        "The delegations met again in Geneva.",
        "Die Delegationen trafen sich erneut in Genf.",
        "The delegations met again in Geneva.",
    ),
    (
        "untranslated",
        "ru",
        "Делегации снова встретились в Женеве.",
        "Die Delegationen trafen sich erneut in Genf.",
        "Die Delegationen trafen sich erneut in Женеве.",
    ),
    (
        "quote_style",
        "en",
        'He called it "a provocation".',
        "Er nannte es „eine Provokation“.",
        'Er nannte es "eine Provokation".',
    ),
    (
        "quote_style",
        "ru",
        "Он назвал это «провокацией».",
        "Er nannte es „eine Provokation“.",
        "Er nannte es «eine Provokation».",
    ),
    (
        "end_punctuation",
        "en",
        "Will the talks resume?",
        "Werden die Gespräche fortgesetzt?",
        "Werden die Gespräche fortgesetzt.",
    ),
    (
        "end_punctuation",
        "ru",
        "Переговоры продолжатся.",
        "Die Gespräche werden fortgesetzt.",
        "Die Gespräche werden fortgesetzt",
    ),
    (
        "length_ratio",
        "en",
        "The delegations met again in Geneva on Monday to discuss the ceasefire.",
        "Die Delegationen trafen sich am Montag erneut in Genf, um über die Waffenruhe zu sprechen.",
        "Treffen in Genf.",
    ),
    (
        "length_ratio",
        "ru",
        "Делегации снова встретились в Женеве в понедельник, чтобы обсудить перемирие.",
        "Die Delegationen trafen sich am Montag erneut in Genf, um über die Waffenruhe zu sprechen.",
        "Treffen in Genf.",
    ),
    (
        "double_space",
        "en",
        "The talks resumed.",
        "Die Gespräche wurden fortgesetzt.",
        "Die Gespräche  wurden fortgesetzt.",
    ),
    (
        "double_space",
        "ru",
        "Переговоры продолжились.",
        "Die Gespräche wurden fortgesetzt.",
        "Die Gespräche wurden  fortgesetzt.",
    ),
    (
        "tag_or_placeholder_left",
        "en",
        "The CSTO met on Monday.",
        "Die OVKS tagte am Montag.",
        "Die [X0X] tagte am Montag.",
    ),
    (
        "tag_or_placeholder_left",
        "ru",
        "ОДКБ собралась в понедельник.",
        "Die OVKS tagte am Montag.",
        "Die <b>OVKS</b> tagte am {0} Montag.",
    ),
]


def _run(code: str, lang: str, source: str, target: str):
    check = next(e.check for e in get_checks() if e.code == code)
    return list(check.run(Pair(source=source, target=target, source_lang=lang, terms=TERMS)))


def test_every_builtin_is_loaded_and_tested_in_both_languages():
    entries = {e.code: e for e in get_checks()}
    assert set(BUILTINS) <= set(entries)
    assert all(entries[code].check is not None for code in BUILTINS), [e.error for e in entries.values()]
    assert {(code, lang) for code, lang, *_ in CASES} == {
        (code, lang) for code in BUILTINS for lang in ("en", "ru")
    }


@pytest.mark.parametrize(
    ("code", "lang", "source", "good", "bad"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES]
)
def test_check_passes_the_good_translation_and_flags_the_bad_one(code, lang, source, good, bad):
    assert _run(code, lang, source, good) == []
    found = _run(code, lang, source, bad)
    assert found and {i.code for i in found} == {code}
    for issue in found:
        for text, span in ((source, issue.source_span), (bad, issue.target_span)):
            if span is not None:
                assert 0 <= span[0] < span[1] <= len(text)


def test_number_spans_point_at_the_numbers():
    source = "The plan costs 1.5 million dollars."
    bad = "Der Plan kostet 1.5 Millionen Dollar."
    # German reads "1.5" as 1 followed by a stray ".5": the English decimal point is no German number.
    (missing, stray) = _run("number_mismatch", "en", source, bad)
    assert source[slice(*missing.source_span)] == "1.5 million" and missing.severity == "error"
    assert bad[slice(*stray.target_span)] == "1" and stray.severity == "warning"
    assert _run("number_mismatch", "en", source, "Der Plan kostet 1.500.000 Dollar.") == []


def test_german_times_and_numeric_dates_are_read_number_by_number():
    source = "Voting ends at 10:30 on 5/1/2024."
    assert _run("number_mismatch", "en", source, "Die Abstimmung endet um 10.30 Uhr am 5.1.2024.") == []
    assert _run("number_mismatch", "en", "It has 1,500,000 voters.", "Es hat 1.500.000 Wähler.") == []
    wrong = "Die Abstimmung endet um 10.45 Uhr am 5.1.2024."
    missing, extra = _run("number_mismatch", "en", source, wrong)
    assert (source[slice(*missing.source_span)], missing.severity) == ("30", "error")
    assert (wrong[slice(*extra.target_span)], extra.severity) == ("45", "warning")


def test_a_percentage_needs_its_sign_or_word():
    (issue,) = _run("number_mismatch", "en", "Turnout was 61%.", "Die Beteiligung lag bei 61.")
    assert "Prozent" in issue.message


def test_cyrillic_names_are_checked_through_the_termbase_only():
    source = "Путин и Лавров прибыли."
    assert _run("name_missing", "ru", source, "Putin und Lawrow trafen ein.") == []
    (issue,) = _run("name_missing", "ru", source, "Der Präsident und Lawrow trafen ein.")
    assert source[slice(*issue.source_span)] == "Путин" and "Putin" in issue.message


def test_termbase_names_of_common_words_are_checked_in_their_german_form():
    terms = (QATerm("Foreign Ministry", "Außenministerium"),)
    source = "The Foreign Ministry said so."
    check = next(e.check for e in get_checks() if e.code == "name_missing")
    good = Pair(source=source, target="Das Außenministerium sagte das.", source_lang="en", terms=terms)
    assert list(check.run(good)) == []
    (issue,) = check.run(
        Pair(source=source, target="Das Ministerium sagte das.", source_lang="en", terms=terms)
    )
    assert source[slice(*issue.source_span)] == "Foreign Ministry" and "Außenministerium" in issue.message


def test_a_short_line_may_stay_as_it_is_but_is_still_pointed_out():
    (issue,) = _run("untranslated", "en", "Reuters", "Reuters")
    assert issue.severity == "warning"
