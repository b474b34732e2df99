"""`search_text` keeps each word once, and the index holds the same words as for the full text."""

from sqlalchemy import text

from app.documents.search import search_text
from testkit.samples import EN, RU

# Tokens PostgreSQL's parser and FTS5 treat specially: hyphenated words, URLs, hosts, paths, e-mail
# addresses, numbers with points and signs, versions, apostrophes, words glued to punctuation.
TRICKY = (
    "China-Central Asia pipeline: see https://example.org/news/2026/talks?id=5 and www.example.com, "
    "write to press.office@example.org or /var/log/app.log. Up -5.5% to 3.14; v1.2.3 released, "
    "rock'n'roll «Путин» — переговоры/встречи, 10-15 января; ООН-2026 e.g. U.S. policy... "
    "China-Central Asia pipeline: see https://example.org/news/2026/talks?id=5 and www.example.com."
)
TEXTS = [TRICKY, EN, RU, EN + "\n\n" + EN, RU + "\n\n" + TRICKY + "\n\n" + RU]


def test_each_word_once_case_folded_in_order_of_first_use():
    assert search_text(["Talks in Geneva", "GENEVA talks: in  Geneva\tagain"]) == (
        "talks in geneva talks: again"
    )
    assert search_text(["Straße STRASSE"]) == "strasse"  # casefold, not lower
    assert search_text([]) == "" and search_text(["", "  "]) == ""


def _pg_words(session, value: str) -> list[str]:
    row = session.execute(text("SELECT tsvector_to_array(to_tsvector('simple', :t))"), {"t": value})
    return sorted(row.scalar_one())


def _fts_words(session, value: str) -> list[str]:
    # The tokenizer of migration 0008's FTS5 table, in a throwaway table of this connection.
    session.execute(
        text("CREATE VIRTUAL TABLE temp.probe USING fts5(t, tokenize='unicode61 remove_diacritics 0')")
    )
    session.execute(text("CREATE VIRTUAL TABLE temp.probe_vocab USING fts5vocab(temp, probe, 'row')"))
    session.execute(text("INSERT INTO temp.probe(t) VALUES (:t)"), {"t": value})
    words = [row[0] for row in session.execute(text("SELECT term FROM temp.probe_vocab ORDER BY term"))]
    session.execute(text("DROP TABLE temp.probe_vocab"))
    session.execute(text("DROP TABLE temp.probe"))
    return words


def test_the_index_holds_the_same_words_as_for_the_full_text(session):
    words = _pg_words if session.get_bind().dialect.name == "postgresql" else _fts_words
    for value in TEXTS:
        full = value.casefold()
        short = search_text(value.split("\n\n"))
        assert len(short) < len(full)
        assert words(session, short) == words(session, full), value[:40]
    session.rollback()
