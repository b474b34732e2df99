"""The langid data split: by document, deterministic, disjoint, the same for parallel files."""

from pathlib import Path

import pytest

from benchmarks.langid_split import PARTS, assign_parts, wmt_doc

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "langid"


def test_parts_alternate_in_hash_order_and_do_not_depend_on_the_order_given():
    ids = [f"n0{i}" for i in range(1000, 1100)]
    parts = assign_parts(ids)
    assert parts == assign_parts(reversed(ids)) == assign_parts(ids + ids[:10])
    counts = [list(parts.values()).count(p) for p in PARTS]
    assert counts == [50, 50]


def test_wmt_lines_are_split_in_blocks():
    assert wmt_doc(0) == wmt_doc(19) != wmt_doc(20)


@pytest.mark.skipif(not (DATA / "ud").is_dir(), reason="shared/data/langid not here")
def test_no_text_and_no_parallel_document_is_in_both_parts():
    from benchmarks.langid import load_ud, load_wmt

    tuning, scoring = load_ud(DATA, "tuning"), load_ud(DATA, "scoring")
    for lang in tuning:
        left = {s for doc in tuning[lang] for s in doc}
        right = {s for doc in scoring[lang] for s in doc}
        assert left and right and not left & right, lang
    wmt_t, wmt_s = load_wmt(DATA, "tuning"), load_wmt(DATA, "scoring")
    assert all(wmt_t[lang] and wmt_s[lang] and not set(wmt_t[lang]) & set(wmt_s[lang]) for lang in wmt_t)
    # The PUD files are translations with shared ids: a document is in one part in all of them.
    import csv

    def parts_of(stem):
        with open(DATA / "ud" / f"{stem}.tsv", encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
        return assign_parts(r["doc"] for r in rows)

    assert parts_of("eng") == parts_of("rus") == parts_of("deu")


@pytest.mark.skipif(not (DATA / "ud").is_dir(), reason="shared/data/langid not here")
def test_limit_zero_scores_every_sentence_of_the_part_on_every_seed():
    from benchmarks.langid import build_workload, load_ud

    scoring = load_ud(DATA, "scoring")
    work = build_workload(DATA, 0, (1, 2), "scoring")
    for seed in (1, 2):
        sentences = [
            s.text for s in work.samples if s.kind == "sentence" and s.lang == "en" and s.seed == seed
        ]
        assert sorted(sentences) == sorted(t for doc in scoring["en"] for t in doc)
        headlines = [s for s in work.samples if s.kind == "headline" and s.lang == "en" and s.seed == seed]
        assert len(headlines) == len(sentences)
    drawn = build_workload(DATA, 50, (1,), "scoring")
    assert sum(s.kind == "sentence" and s.lang == "en" for s in drawn.samples) == 50
