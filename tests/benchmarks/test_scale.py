"""The scale benchmark pairs small and big requests and reports the rare-word growth both ways."""

from benchmarks import scale


class _Archive:
    """Stands in for a served archive: records the order of requests, answers a fixed latency."""

    def __init__(self, n: int, ms: float, log: list[int]) -> None:
        self.n, self.ms, self.log = n, ms, log

    def get(self, path: str, params: dict) -> float:
        self.log.append(self.n)
        return self.ms


def test_paired_alternates_small_and_big_and_which_goes_first() -> None:
    log: list[int] = []
    run = scale.paired(_Archive(1000, 2.0, log), _Archive(100_000, 3.0, log), "inbox first page", 4)
    out = run()
    assert out == {"small": [2.0] * 4, "big": [3.0] * 4}
    assert log == [100_000, 1000, 1000, 100_000, 100_000, 1000, 1000, 100_000]


def _result() -> dict:
    names = list(scale.queries(100_000))
    reads = []
    for factor in (1.0, 1.1, 0.9, 1.0, 1.05, 0.95):
        reads.append({name: {"small": [2.0 * factor] * 10, "big": [3.0 * factor] * 10} for name in names})
    hits = {f"{name}@{n}": ("3" if "rare" in name else "50+") for name in names for n in (1000, 100_000)}
    return {
        "kind": "sqlite",
        "small": 1000,
        "big": 100_000,
        "names": names,
        "hits": hits,
        "reads": reads,
        "writes": [{"patch": [4.0] * 8, "me": [2.0] * 8}] * 6,
        "ingest": [{"ingest": {"big": 11.0, "empty": 10.0}}] * 6,
    }


def test_a_rare_word_stands_in_the_same_few_documents_of_either_archive() -> None:
    from benchmarks.scale_data import RARE_DOCS, rare_ids

    small, big = rare_ids(1000), rare_ids(100_000)
    assert len(small) == len(big) == RARE_DOCS
    assert sum(i % 2 for i in small) == sum(i % 2 for i in big) == RARE_DOCS // 2  # odd ids are English
    assert max(big) > 90_000 and min(big) < 10_000  # spread over the archive's history, not one corner


def test_growth_is_per_round_and_rare_words_show_their_hits() -> None:
    figures = {f.name: f for f in scale.figures(_result())}
    rare = next(f for n, f in figures.items() if n.startswith("sqlite: search rare Latin") and "/ 1,000" in n)
    assert "first page: 3 hits / 3" in rare.name
    assert rare.summary.estimate == 1.5
    assert not any("equal work" in n for n in figures)


def test_patch_and_ingest_ratios_are_per_round() -> None:
    figures = {f.name: f for f in scale.figures(_result())}
    ingest = next(f for n, f in figures.items() if "ingest one document" in n)
    patch = next(f for n, f in figures.items() if "PATCH" in n)
    assert round(ingest.summary.estimate, 6) == 1.1 and ingest.verdict.word == "met"
    assert patch.summary.estimate == 2.0
