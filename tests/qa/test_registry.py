"""The check registry: plug-ins load like built-ins, a broken one is listed with its reason, a raising one is reported."""

from app.qa.base import Check, Pair
from app.qa.registry import CHECK_FAILED, Entry, check_segment, load, run_checks


class Exploding(Check):
    code = "exploding"

    def run(self, pair: Pair):
        raise RuntimeError("kaputt")


def test_a_check_that_cannot_be_loaded_is_kept_with_its_reason():
    missing = load("gone", "app.qa.checks.does_not_exist:Gone")
    assert missing.check is None and "ModuleNotFoundError" in missing.error
    wrong = load("wrong", "app.qa.base:Pair")
    assert wrong.check is None and "not a Check subclass" in wrong.error
    assert load("quotes", "app.qa.checks.quote_style:QuoteStyle").check is not None


def test_a_check_that_raises_is_reported_and_the_others_still_run():
    entries = (
        Entry("exploding", Exploding()),
        load("quote_style", "app.qa.checks.quote_style:QuoteStyle"),
        Entry("gone", error="ImportError"),
    )
    found = run_checks(Pair(source='He said "no".', target='Er sagte "nein".', source_lang="en"), entries)
    assert [(i.code, i.severity) for i in found] == [
        (CHECK_FAILED, "warning"),
        ("quote_style", "warning"),
        ("quote_style", "warning"),
    ]
    assert "exploding" in found[0].message and "kaputt" in found[0].message


def test_nothing_is_checked_without_german_text_or_for_a_german_source():
    assert check_segment(source="Talks resumed.", target=None, source_lang="en") == []
    assert check_segment(source="Gespräche.", target="Gespräche.", source_lang="de") == []
    assert check_segment(source="Talks resumed.", target="Talks resumed.", source_lang="en") != []
