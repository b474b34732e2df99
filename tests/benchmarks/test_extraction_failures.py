"""The tuning part's failure listing: lost paragraphs, refusals and acceptances, and no scoring page read."""

from benchmarks import extraction_failures
from benchmarks.extraction_corpus import Page
from benchmarks.extraction_failures import lost_paragraphs, page_failures, print_tuning_failures

PARA = "The talks in Geneva resumed on Monday after a long pause, officials from both delegations said in a statement."
OTHER = (
    "Further rounds will follow at regular intervals in the spring, the chair of the conference added later."
)
ARTICLE = (
    "<html><head><title>Talks resume | Example</title>"
    '<meta property="article:published_time" content="2024-05-12T10:00:00Z"></head>'
    f"<body><article><h1>Talks resume</h1><p>{PARA}</p><p>{OTHER}</p></article></body></html>"
)
HOME = (
    '<html><head><title>Example</title><meta property="og:type" content="website">'
    '<link rel="canonical" href="https://example.org/"></head>'
    f"<body><p>{PARA}</p><p>{OTHER}</p></body></html>"
)


def _page(name: str, html: str, kind: str = "article", split: str = "tune", **extra) -> Page:
    return Page(name=name, kind=kind, lang="en", split=split, html=html, **extra)


def test_lost_paragraphs_are_the_expected_ones_mostly_missing():
    assert lost_paragraphs(PARA, f"{PARA}\n\n{OTHER}") == [OTHER]
    assert lost_paragraphs(f"{PARA} {OTHER}", f"{PARA}\n\n{OTHER}") == []


def test_a_clean_article_has_no_failure_and_a_wrong_title_is_one():
    good = _page("good", ARTICLE, expected=f"{PARA}\n\n{OTHER}", title="Talks resume")
    assert page_failures(good) == []
    wrong = _page("wrong", ARTICLE, expected=f"{PARA}\n\n{OTHER}", title="Talks resume in Geneva")
    assert page_failures(wrong) == ["title 'Talks resume', expected 'Talks resume in Geneva'"]


def test_an_accepted_non_article_and_a_refused_article_are_failures():
    assert page_failures(_page("home", HOME, kind="home")) == []  # refused: right
    accepted = page_failures(_page("story-as-home", ARTICLE, kind="home"))
    assert accepted and accepted[0].startswith("ACCEPTED home page")
    refused = page_failures(_page("home-as-story", HOME))
    assert refused and refused[0].startswith("REFUSED article: not_an_article")


def test_scoring_pages_are_never_extracted(monkeypatch, capsys):
    seen = []
    monkeypatch.setattr(extraction_failures, "page_failures", lambda page: seen.append(page.name) or ["x"])
    pages = [_page("tuning", ARTICLE), _page("scoring", ARTICLE, split="score")]
    assert print_tuning_failures(pages) == 1
    assert seen == ["tuning"] and "scoring" not in capsys.readouterr().out
