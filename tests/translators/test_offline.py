"""The offline engine with the tiny model: install, translate, pivot, batching, cache, rescans."""

from pathlib import Path

import pytest

from app.translators.base import GlossaryTerm, TranslationResult
from app.translators.errors import TranslatorUnavailable
from app.translators.offline import OfflineTranslator
from app.translators.packages import install_package

ARTICLE_EN = [
    f"The president said on Monday that talks would continue. Paragraph {i} has news. "
    "The minister spoke to parliament."
    for i in range(10)
]


def test_translates_en_de_with_scores(offline: OfflineTranslator) -> None:
    results = offline.translate(ARTICLE_EN[:2], source="en", target="de")
    for result in results:
        assert isinstance(result, TranslationResult)
        assert result.provider == "offline" and result.via is None
        assert result.text.strip()
        assert result.score is not None and 0 < result.score <= 1
    assert offline.hops == 1


def test_output_is_deterministic(offline: OfflineTranslator, models_dir: Path) -> None:
    first = offline.translate(ARTICLE_EN[:1], source="en", target="de")
    other = OfflineTranslator({"models_dir": models_dir, "intra_threads": 1})
    assert other.translate(ARTICLE_EN[:1], source="en", target="de")[0].text == first[0].text


def test_ru_de_pivots_through_en(offline: OfflineTranslator) -> None:
    assert ("ru", "de") in offline.pairs()
    assert [m.code for m in offline.route("ru", "de")] == ["ru-en", "en-de"]
    [result] = offline.translate(["Президент заявил в понедельник."], source="ru", target="de")
    assert isinstance(result, TranslationResult)
    assert result.via == "en"
    assert offline.engine_calls == 1 and offline.hops == 2


def test_batches_across_all_sentences(offline: OfflineTranslator) -> None:
    # 10 paragraphs of 3 sentences (20 distinct) → one engine call, not one per paragraph.
    results = offline.translate(ARTICLE_EN, source="en", target="de")
    assert all(isinstance(r, TranslationResult) for r in results)
    assert offline.engine_calls == 1
    many = [f"Sentence {i} about the city." for i in range(150)]
    offline.translate(many, source="en", target="de")
    assert offline.engine_calls == 1 + 3  # 150 sentences in batches of 64


def test_results_arrive_per_batch(offline: OfflineTranslator) -> None:
    texts = [f"Report {i} from Astana." for i in range(130)]
    seen = []
    for index, _ in offline.translate_iter(texts, source="en", target="de"):
        seen.append((index, offline.engine_calls))
    assert [calls for index, calls in seen if index == 0] == [1]
    assert sorted(i for i, _ in seen) == list(range(130))


def test_cache_means_no_engine_call(offline: OfflineTranslator) -> None:
    offline.translate(ARTICLE_EN, source="en", target="de")
    calls, hops = offline.engine_calls, offline.hops
    offline.translate(list(reversed(ARTICLE_EN)), source="en", target="de")
    assert (offline.engine_calls, offline.hops) == (calls, hops)


def test_glossary_never_leaks_placeholders(offline: OfflineTranslator) -> None:
    term = GlossaryTerm("Токаев", "Tokajew")
    [result] = offline.translate(["Токаев заявил в понедельник."], source="ru", target="de", glossary=[term])
    assert "[X" not in result.text
    assert ("Tokajew" in result.text) != (result.dropped_terms == ["Токаев"])


def test_unavailable_without_models_then_picks_up_new_install(
    tmp_path: Path, tiny_packages: dict[str, Path]
) -> None:
    translator = OfflineTranslator({"models_dir": tmp_path / "models"})
    available, reason = translator.availability()
    assert not available and "werkbank models install" in reason
    with pytest.raises(TranslatorUnavailable):
        translator.translate(["Hello."], source="en", target="de")
    install_package(tiny_packages["en-de"], tmp_path / "models")  # while "running"
    assert translator.availability() == (True, None)
    assert translator.pairs() == {("en", "de")}
    with pytest.raises(TranslatorUnavailable, match="no model for ru→de installed"):
        translator.translate(["Привет."], source="ru", target="de")
    install_package(tiny_packages["ru-en"], tmp_path / "models")
    assert ("ru", "de") in translator.pairs()


def test_plain_ct2_opus_directory(tmp_path: Path, offline: OfflineTranslator) -> None:
    """A CT2-converted OPUS-MT dir (model.bin, source.spm, target.spm) installs and translates."""
    argos = offline.models()[("en", "de")].path
    opus = tmp_path / "opus-mt-en-uk"
    opus.mkdir()
    for file in (argos / "model").iterdir():
        (opus / file.name).write_bytes(file.read_bytes())
    for name in ("source.spm", "target.spm"):
        (opus / name).write_bytes((argos / "sentencepiece.model").read_bytes())
    model = install_package(opus, offline.config.models_dir)
    assert (model.kind, model.code) == ("opus", "en-uk")
    [result] = offline.translate(["The city has news."], source="en", target="uk")
    assert isinstance(result, TranslationResult) and result.text.strip()


def test_reinstalled_model_is_reloaded(offline: OfflineTranslator, tiny_packages: dict) -> None:
    model = offline.models()[("en", "de")]
    first = offline.engine(model)
    install_package(tiny_packages["en-de"], offline.config.models_dir)
    model = offline.models()[("en", "de")]
    assert offline.engine(model) is not first
    assert offline.engine(model) is offline.engine(model)
