"""Text facts detection relies on: scripts and letters, Cyrillic alphabets, sentence units."""

import re

ALPHABET_TOLERANCE = 0.005
"""Share of a text's Cyrillic letters foreign to a language's alphabet that still allows it."""

_RU = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
# Alphabets of the Cyrillic candidates: a text with letters a language never uses is not that
# language (Ukrainian "і/ї/є" rule out Russian, Russian "ы/э/ё" rule out Ukrainian, ...).
ALPHABETS = {
    "ru": _RU,
    "uk": "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя",
    "be": "абвгґдеёжзійклмнопрстуўфхцчшыьэюя",
    "bg": "абвгдежзийклмнопрстуфхцчшщъьюяѝ",
    "kk": _RU + "әғқңөұүһі",
    "sr": "абвгдђежзијклљмнњопрстћуфхцчџш",
    "mk": "абвгдѓежзѕијклљмнњопрстќуфхцчџш",
    "ky": _RU + "ңөү",
    "mn": _RU + "өү",
    "tt": _RU + "әөүҗңһ",
    "tg": "абвгғдеёжзиӣйкқлмнопрстуӯфхҳчҷшъэюя",
    "ba": _RU + "әөүғҡңҙҫһ",
}
_ALPHABET_SETS = {lang: frozenset(letters) for lang, letters in ALPHABETS.items()}
# Russian writes "ъ" only as a separator before е ё ю я ("объявить"); Bulgarian uses it as a
# vowel ("България", "във", "път"). A vowel "ъ" counts as foreign to the Russian-based alphabets.
_VOWEL_HARD_SIGN = re.compile(r"ъ(?![еёюя])")
_RUSSIAN_BASED = ("ru", "kk", "ky", "mn", "tt", "ba")
# Bulgarian never writes the Russian separator ("объявление" is "обявление"), and writes "ь"
# only before "о" ("шофьор"): a final or pre-consonant "ь" ("есть", "только") is not Bulgarian.
_NOT_BULGARIAN = re.compile(r"ъ(?=[еёюя])|ь(?!о)")
# Ukrainian and Belarusian write an apostrophe between a consonant and an iotated vowel where
# Russian writes "ъ" or "ь" ("в'язниця", "об'єкт", "з'ява"; Russian "объект", "семья"): counted as
# a letter foreign to the other alphabets. Tuning part: 128 Ukrainian and 15 Belarusian
# sentences have one, no Russian or Bulgarian sentence.
_APOSTROPHE = re.compile("[бвгґджзклмнпрстфхцчшщў]['’ʼ][яюєїеё]")
_APOSTROPHE_LANGS = ("uk", "be")
# Ukrainian and Belarusian double a consonant before a final "я" ("питання", "життя", "зілля";
# Russian "вопрос", "жизнь"), which Russian and Bulgarian never write: counted like the
# apostrophe. Tuning part: 262 Ukrainian and 45 Belarusian sentences, no Russian, Bulgarian or
# Kazakh one.
_GEMINATE = re.compile("([бвгджзклмнпрстфхцчшщ])\\1я(?![а-яёіїєґў])")


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Russian month names in the genitive of dates ("10 марта"): Ukrainian, Belarusian and Bulgarian
# name the months otherwise ("березня", "сакавіка", "март"); "мая" is Belarusian too. Tuning
# part: 59 Russian sentences, no Ukrainian, Belarusian or Bulgarian one.
_RUSSIAN_MONTHS = "января февраля марта апреля июня июля августа сентября октября ноября декабря"
# Short function words one of Russian and Bulgarian (or Macedonian, Serbian) has and the other
# has not. Headlines often lack the letters that tell them apart; they rarely lack these words.
# Left out on purpose: words both use ("из", "да", "как", "нужно", "даже": in 2 of 488 Bulgarian
# tuning sentences), Macedonian "со" and "во", and abbreviations Russian shares ("г-жа"). "ми"
# (Bulgarian "me", Ukrainian "we") is in 12 Bulgarian tuning sentences and no Russian one.
# Added in issue 12, part 3: more Russian adverbs and pronouns (`_RUSSIAN_ADVERBS`), not the
# Bulgarian "под", "между", "против", "него" (in 4, 4, 0, 3 Bulgarian tuning sentences) nor
# the Serbian "их".
_RUSSIAN_ADVERBS = "более однако среди всегда кто ему мне пока кроме никогда больше несколько всего такой"
RUSSIAN_WORDS = _wordset(
    _RUSSIAN_ADVERBS + " "
    "для что чтобы это этот эта эти этого его её ее он она они оно был была было были будет "
    "будут есть который которые которая которого которой также тоже только уже еще ещё "
    "если несмотря через перед после время года году лет к бы же нет всё всех всем того "
    "тем чем себя меня тебя можно может надо очень сейчас сегодня тогда когда где здесь "
    "потом потому почему лишь ведь вот о об обо ко вместе " + _RUSSIAN_MONTHS
)
SOUTH_SLAVIC_WORDS = _wordset(
    "се са ще ќе си го му ѝ ги ви аз тя ние вие това тази този тези които който която което "
    "като както когато защото обаче след през към във със беше бяха може трябва също ако още "
    "вече има няма според срещу пак сега тогава утре нали малко един една нещо "
    "всички всеки всяка всяко тая никога досега моля е ми"
)
# Ukrainian function words without і/ї/є (so the letter rules miss them) that Russian lacks, and
# Russian ones Ukrainian lacks. Written from the grammars, checked on the benchmark's tuning part
# only (docs/language-detection.md). Left out: words both use ("та", "он", "уже", "же", "того"),
# and "от", "но" (in 3 and 1 of 1,291 Ukrainian tuning sentences). Added in issue 12: "з", "й",
# "ми" (in 217, 38, 67 Ukrainian tuning sentences, no Russian one) against "и", "к", "с", "со",
# "из", "ни", "ли" (in 466, 98, 194, 25, 76, 11, 7 Russian ones; "и" in 2 Ukrainian ones).
# Part 3 added `_RUSSIAN_ADVERBS` and "как", "под", "между", "против", "него", "их", "снова"
# (Ukrainian "як", "під", "між", "проти", "нього", "їх", "знову"; 8 to 98 Russian tuning
# sentences each, no Ukrainian one).
UKRAINIAN_WORDS = _wordset(
    "це цей ця цього цьому цим що щоб щодо коли знову каже як який яка яке якого яких але або "
    "дуже вже ще був була було були буде будуть має мають можна треба усе його вона воно вони "
    "ось зараз разом тобто саме з й ми"
)
RUSSIAN_NOT_UKRAINIAN = _wordset(
    "что чтобы это этот эта эти этого его её ее она они оно был была было были будет будут есть "
    "который которые которая которого которой также тоже только еще ещё даже если после время "
    "года году лет бы нет всё всех всем тем чем себя меня тебя можно надо очень сейчас сегодня "
    "тогда когда где здесь потом потому почему лишь ведь вот вместе и к с со из ни ли "
    "как под между против него их снова " + _RUSSIAN_ADVERBS + " " + _RUSSIAN_MONTHS
)
# Belarusian writes "да", "па", "ад", "аб" for "до", "по", "от", "об", and most Russian function
# words differently ("што", "гэта", "калі"): these Russian words rule out Belarusian. Tuning
# part: none of them in the 422 Belarusian sentences ("бы", "был", "была", "было", "года",
# "мне", "такой" are, and are left out; "в" is in 2).
RUSSIAN_NOT_BELARUSIAN = (RUSSIAN_NOT_UKRAINIAN - _wordset("бы был была было года мне такой")) | _wordset(
    "во до по о об от"
)
# Bulgarian definite endings ("австрийската", "историята", "новият") are not Russian word
# endings; Russian adjective and reflexive endings ("британские", "учиться") not Bulgarian ones.
SOUTH_SLAVIC_ENDINGS = ("ската", "ското", "ските", "ията", "ият")
RUSSIAN_ENDINGS = ("ская", "ское", "ские", "ский", "ского", "ской", "скую", "ских", "ским", "тся", "ться")
_SOUTH_SLAVIC = ("bg", "mk", "sr")
SOUTH_SLAVIC_PREFIXES = ("най-",)  # Bulgarian superlative: "най-доброто"
_WORD = re.compile(r"[\w-]+")

LATIN = re.compile(r"[A-Za-z\u00C0-\u024F\u1E00-\u1EFF]+")
CYRILLIC = re.compile(r"[\u0400-\u052F]+")
LETTER = re.compile(r"[^\W\d_]+")
# Over-splitting ("z. B.", "Mr. Smith") costs nothing: fragments weigh by their letters.
_ENDS = (".", "!", "?", "…", "\n")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'»“”)\]]*\s+|\n+")


def scripts(text: str) -> tuple[int, int, int]:
    """Latin letters, Cyrillic letters and all letters of `text`."""
    # Runs, not single letters: a third of the work for the same counts.
    return (
        sum(map(len, LATIN.findall(text))),
        sum(map(len, CYRILLIC.findall(text))),
        sum(map(len, LETTER.findall(text))),
    )


def ruled_out_by_alphabet(text: str) -> set[str]:
    """Cyrillic candidates whose alphabet lacks more than a tolerated share of the text's letters.

    "і", "ї", "є", "ґ" rule out Russian and Bulgarian; "ы", "э", "ё" rule out Ukrainian and
    Bulgarian; "ў" rules out all but Belarusian; "ә", "қ", "ң", ... rule out the Slavic ones;
    a vowel "ъ" ("във", "път") rules out Russian; "ъ" before е/ю/я ("объект") and "ь" not before
    "о" ("есть") rule out Bulgarian; an apostrophe before an iotated vowel ("в'язниця") rules out
    all but Ukrainian and Belarusian, and so does a doubled consonant before a final "я"
    ("питання").
    """
    lowered = text.lower()
    cyrillic = "".join(CYRILLIC.findall(lowered))
    used = set(cyrillic)
    allowed = ALPHABET_TOLERANCE * len(cyrillic)
    hard_vowels = len(_VOWEL_HARD_SIGN.findall(lowered)) if "ъ" in used else 0
    not_bulgarian = len(_NOT_BULGARIAN.findall(lowered)) if used & {"ъ", "ь"} else 0
    apostrophes = len(_APOSTROPHE.findall(lowered)) + len(_GEMINATE.findall(lowered))
    out = set()
    for lang, alphabet in _ALPHABET_SETS.items():
        foreign = sum(map(cyrillic.count, used - alphabet))
        if lang not in _APOSTROPHE_LANGS:
            foreign += apostrophes
        if lang in _RUSSIAN_BASED:
            foreign += hard_vowels
        elif lang == "bg":
            foreign += not_bulgarian
        if foreign > allowed:
            out.add(lang)
    return out


def ruled_out_by_words(text: str) -> set[str]:
    """Russian, Bulgarian/Macedonian/Serbian or Ukrainian, when only another's function words occur.

    "для", "что", "у", "его" are not Bulgarian; "се", "ще", "това", "които" are not Russian;
    "це", "що", "коли", "вона" are not Russian; "что", "это", "когда" are not Ukrainian;
    "что", "до", "по", "от" are not Belarusian.
    """
    words = set(_WORD.findall(text.lower()))
    russian = bool(words & RUSSIAN_WORDS) or any(w.endswith(RUSSIAN_ENDINGS) for w in words)
    south = (
        bool(words & SOUTH_SLAVIC_WORDS)
        or any(w.endswith(SOUTH_SLAVIC_ENDINGS) for w in words)
        or any(w.startswith(SOUTH_SLAVIC_PREFIXES) for w in words)
    )
    out = set()
    if russian and not south:
        out |= set(_SOUTH_SLAVIC)
    if south and not russian:
        out.add("ru")
    ukrainian, not_ukrainian = bool(words & UKRAINIAN_WORDS), bool(words & RUSSIAN_NOT_UKRAINIAN)
    if ukrainian and not not_ukrainian:
        out.add("ru")
    if not_ukrainian and not ukrainian:
        out.add("uk")
    if words & RUSSIAN_NOT_BELARUSIAN:
        out.add("be")
    return out


def names_only(text: str) -> bool:
    """No word starts with a small letter ("Trump Biden Harris", "Путин и Си" has "и"): names
    say nothing about the language around them."""
    return not any(word[:1].islower() for word in LETTER.findall(text))


def split_units(text: str) -> list[str]:
    """Sentences, cut again where the script changes (a Cyrillic quote in an English sentence).

    Good enough for voting, not for segmentation.
    """
    units = []
    for sentence in _SENTENCE_END.split(text):
        run, run_script = [], ""
        for word in sentence.split():
            script = _word_script(word) or run_script
            if run and script != run_script:
                units.append(" ".join(run))
                run = []
            run.append(word)
            run_script = script
        if run:
            units.append(" ".join(run))
    return units


def sentence_pieces(text: str) -> list[str]:
    """`text` cut after each sentence end: consecutive pieces that together are the whole text."""
    if not any(end in text for end in _ENDS):  # most headlines: no regex needed
        return [text]
    cuts = [m.end() for m in _SENTENCE_END.finditer(text) if 0 < m.end() < len(text)]
    bounds = [0, *cuts, len(text)]
    return [text[a:b] for a, b in zip(bounds, bounds[1:], strict=False) if b > a]


def _word_script(word: str) -> str:
    if CYRILLIC.search(word):
        return "cyrillic"
    if LATIN.search(word):
        return "latin"
    return "other" if LETTER.search(word) else ""
