"""The ingest benchmarks' articles: real sentences, none twice in an article, every article new."""

import pytest

from benchmarks.news_articles import DATA, article, distinct_share, pool
from testkit.articles import article as repetitive

pytestmark = pytest.mark.skipif(not (DATA / "ud").is_dir(), reason="shared/data/langid not here")


def test_no_sentence_repeats_inside_an_article_and_titles_are_unique():
    titles = set()
    for n in range(200):
        text = article(n)["text"]
        used = [s for s in pool(("en", "ru")[n % 2]) if s in text]
        assert len(used) == len(set(used)) >= 18
        titles.add(text.split("\n\n")[0])
        assert len(text.split("\n\n")) == 7  # title and six paragraphs
    assert len(titles) == 200


def test_even_articles_are_latin_and_odd_ones_cyrillic():
    assert not any("а" <= c <= "я" for c in article(10)["text"].split("\n\n", 1)[1].lower())
    assert sum("а" <= c <= "я" for c in article(11)["text"].lower()) > 500


def test_distinct_words_are_like_a_real_article_not_like_the_repetitive_test_articles():
    shares = sorted(distinct_share(article(n)["text"]) for n in range(100))
    assert shares[0] > 0.45 and shares[50] > 0.6
    assert max(distinct_share(repetitive(n)["text"]) for n in range(100)) < 0.4
