"""GET /api/documents/{id}/qa checks a text once per process (app.documents.qa_memo) and still answers
as checking afresh would: a termbase change, a new German text or another check set is checked again,
and a check that raised runs again (SQLite and PostgreSQL)."""

import pytest

TEXT = "Ceasefire talks\n\nThe ceasefire holds, 1.5 million people stay.\n\nTalks resume on Monday."


class _Counter:
    """Counts the pairs the checks were run on, through a plug-in that finds nothing (or raises)."""

    def __init__(self, raises: bool = False) -> None:
        self.runs, self.raises = 0, raises


@pytest.fixture
def counted(monkeypatch):
    from app.qa import registry
    from app.qa.base import Check

    counter = _Counter()

    class Counting(Check):
        code = "counting"

        def run(self, pair):
            counter.runs += 1
            if counter.raises:
                raise ValueError("flaky plug-in")
            return []

    entries = (*registry.get_checks(), registry.Entry("counting", Counting()))
    monkeypatch.setattr(registry, "get_checks", lambda: entries)
    return counter


def _edited(translator, german: list[str]) -> dict:
    doc = translator.post("/api/documents", json={"text": TEXT, "source_lang": "en"}).json()
    for seg, text in zip(doc["segments"], german, strict=True):
        r = translator.patch(f"/api/segments/{seg['id']}", json={"target_text": text, "version": 1})
        assert r.status_code == 200
    return doc


def _qa(client, doc) -> list[list[str]]:
    body = client.get(f"/api/documents/{doc['id']}/qa").json()
    return [sorted(i["code"] for i in s["qa"]) for s in body["segments"]]


def test_the_same_texts_are_checked_once_and_a_glossary_change_is_checked_again(translator, editor, counted):
    german = ["Gespräche über den Waffenstillstand", "Der Waffenstillstand hält, 1,5 Millionen bleiben.", ""]
    doc = _edited(translator, german)
    counted.runs = 0
    first = _qa(translator, doc)
    assert counted.runs <= 2  # two German texts; the edits may have checked them already
    assert first == [[], [], []]
    counted.runs = 0
    assert _qa(translator, doc) == first and counted.runs == 0  # read again: nothing checked
    editor.post(
        "/api/terms", json={"source_lang": "en", "source_term": "ceasefire", "target_term": "Waffenruhe"}
    )
    after = _qa(translator, doc)
    assert counted.runs == 2  # another termbase: both texts checked again…
    assert after == [["glossary_term_missing"], ["glossary_term_missing"], []]  # …and the answer follows it
    seg = doc["segments"][1]
    translator.patch(
        f"/api/segments/{seg['id']}",
        json={"target_text": "Die Waffenruhe hält, 1,5 Millionen bleiben.", "version": 2},
    )
    counted.runs = 0
    assert (
        _qa(translator, doc) == [["glossary_term_missing"], [], []] and counted.runs == 0
    )  # the edit checked it


def test_a_check_that_raised_runs_again(translator, counted):
    counted.raises = True
    doc = _edited(translator, ["Gespräche über den Waffenstillstand", "", ""])
    counted.runs = 0
    assert _qa(translator, doc)[0] == ["check_failed"]
    assert _qa(translator, doc)[0] == ["check_failed"] and counted.runs == 2
    counted.raises = False
    assert _qa(translator, doc)[0] == [] and counted.runs == 3


def test_equal_termbases_are_one_object_and_another_termbase_is_another():
    from app.documents.qa_memo import interned
    from app.qa.base import QATerm

    first = interned((QATerm("ceasefire", "Waffenruhe"), QATerm("CSTO", "OVKS", True)))
    again = interned((QATerm("ceasefire", "Waffenruhe"), QATerm("CSTO", "OVKS", True)))
    other = interned((QATerm("ceasefire", "Waffenstillstand"), QATerm("CSTO", "OVKS", True)))
    assert first is again and hash(first) == hash(again)
    assert other is not first and other != first
    assert first == (
        QATerm("ceasefire", "Waffenruhe"),
        QATerm("CSTO", "OVKS", True),
    )  # still the tuple it was
