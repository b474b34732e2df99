"""The extraction benchmark's measures: shingles, glued words, leaked blocks, titles, dates."""

from datetime import UTC, datetime

from benchmarks.extraction_score import glued_words, leaked_lines, prf, same_authors, same_date, same_title

EXPECTED = "the New York Times claimed it was unclear.\n\nSENAIN. His lawyer said so on Monday."


def test_prf_is_one_for_the_same_text_and_falls_with_extra_or_missing_words():
    assert prf(EXPECTED, EXPECTED) == (1.0, 1.0, 1.0)
    p, r, f1 = prf(EXPECTED + " Sign up for our newsletter today and every day.", EXPECTED)
    assert p < 1.0 and r == 1.0 and f1 < 1.0
    p, r, _ = prf("the New York Times claimed it was unclear.", EXPECTED)
    assert p == 1.0 and r < 0.6


def test_scripts_without_spaces_count_characters():
    assert prf("外国专家中美合作", "外国专家中美合作共赢")[1] < 1.0


def test_glued_words_are_neighbours_run_together():
    found = "the New York Timesclaimed it was unclear. SENAIN.His lawyer said so on Monday."
    assert glued_words(found, EXPECTED) == ["Timesclaimed", "SENAIN.His"]
    assert glued_words(EXPECTED, EXPECTED) == []


def test_leaked_lines_share_nothing_with_the_expected_text():
    blocks = ["the New York Times claimed it was unclear.", "Sign up for our newsletter", "Keywords"]
    assert leaked_lines(blocks, EXPECTED) == ["Sign up for our newsletter", "Keywords"]


def test_titles_authors_and_dates():
    assert same_title("Gates on ‘Being friendly’", "Gates on 'Being friendly'")
    assert not same_title("Talks resume | CNN Politics", "Talks resume")
    assert same_authors("Tom Watkins; Dana A. Ford", ["Dana A. Ford", "Tom Watkins"])
    assert not same_authors("Dana A Ford; Tom Watkins", ["Dana A. Ford", "Tom Watkins"])
    assert same_date(datetime(2023, 11, 2, 19, 53, 52, tzinfo=UTC), "2023-11-02T19:53:52Z")
    assert not same_date(datetime(2023, 11, 2, tzinfo=UTC), "2023-11-02T19:53:52Z")  # the time was lost
    assert same_date(datetime(2013, 11, 27, 8, 36, tzinfo=UTC), "2013-11-27")
