"""GET /api/documents?q=: full-text search with an index, case-insensitive in every script, prefixes, newest first."""

from sqlalchemy import text

PUTIN = "Путин провёл переговоры в Женеве\n\nПрезидент России встретился с делегацией и обсудил вопросы безопасности."
GENEVA = (
    "Talks in Geneva resumed\n\nDelegations of both countries met in Geneva on Monday to discuss security."
)


def _ids(client, **params) -> list[int]:
    page = client.get("/api/documents", params=params)
    assert page.status_code == 200, page.text
    return [d["id"] for d in page.json()["items"]]


def test_case_folding_and_prefixes_in_latin_and_cyrillic(translator):
    ru = translator.post("/api/documents", json={"text": PUTIN}).json()["id"]
    en = translator.post("/api/documents", json={"text": GENEVA}).json()["id"]
    for q in ["путин", "ПУТИН", "Путин", "пут", "ПРЕЗИДЕНТ росс", "провёл"]:
        assert _ids(translator, q=q) == [ru], q
    for q in ["geneva", "GENEVA", "gen", "Talks geneva", "deleg secur"]:
        assert _ids(translator, q=q) == [en], q
    assert _ids(translator, q="утин") == []  # a prefix of a word, not any substring
    assert _ids(translator, q="geneva путин") == []  # every word must match
    assert _ids(translator, q="!!! ...") == []  # no letters: nothing, and no error
    assert _ids(translator, q=" ") == [en, ru]  # an empty search box filters nothing
    assert _ids(translator, q="security", lang="ru") == []
    assert _ids(translator, q="security", lang="en") == [en]


def test_prefixes_of_every_length_and_whole_words(translator):
    """Every prefix length as it is typed, inside and beyond the prefix indexes (2 to 8 letters on SQLite)."""
    ru = translator.post("/api/documents", json={"text": PUTIN}).json()["id"]
    en = translator.post("/api/documents", json={"text": GENEVA}).json()["id"]
    word = "безопасности"  # 12 letters
    for n in range(2, len(word) + 1):
        assert _ids(translator, q=word[:n].upper()) == [ru], word[:n]
    word = "delegations"  # 11 letters
    for n in range(2, len(word) + 1):
        assert _ids(translator, q=word[:n]) == [en], word[:n]
    for q in ["встретился", "Делегацией", "discuss", "Countries", "президент россии"]:
        assert _ids(translator, q=q) == ([ru] if q[0] in "вДп" else [en]), q  # whole words
    assert _ids(translator, q="безопасностью") == []  # longer than the stored word: no match
    assert _ids(translator, q="delegationss") == []
    assert _ids(translator, q="елегац") == []  # not a word start


def test_search_pages_newest_first_and_stays_stable_under_inserts(translator):
    made = [
        translator.post(
            "/api/documents",
            json={"text": f"Report {i} from Geneva\n\nDelegations met on day {i} of the talks."},
        ).json()["id"]
        for i in range(5)
    ]
    first = translator.get("/api/documents", params={"q": "deleg", "limit": 2}).json()
    assert [d["id"] for d in first["items"]] == made[::-1][:2]
    newer = translator.post(
        "/api/documents", json={"text": "Report 9 from Geneva\n\nDelegations met again."}
    ).json()["id"]
    seen, cursor = [d["id"] for d in first["items"]], first["next_cursor"]
    while cursor:
        page = translator.get("/api/documents", params={"q": "deleg", "limit": 2, "cursor": cursor}).json()
        seen += [d["id"] for d in page["items"]]
        cursor = page["next_cursor"]
    assert seen == made[::-1]  # the newer document belongs to a fresh first page, not to this walk
    assert _ids(translator, q="deleg")[0] == newer


def test_results_follow_edits_and_deletes(translator, session):
    ru = translator.post("/api/documents", json={"text": PUTIN}).json()["id"]
    en = translator.post("/api/documents", json={"text": GENEVA}).json()["id"]
    seg = translator.get(f"/api/documents/{en}").json()["segments"][1]
    saved = translator.patch(
        f"/api/segments/{seg['id']}", json={"target_text": "Putin in Genf", "version": seg["version"]}
    )
    assert saved.status_code == 200
    assert _ids(translator, q="genf") == []  # the search covers the source text, not the German draft
    session.execute(text("UPDATE document SET search_text = 'обновлённый текст' WHERE id = :id"), {"id": ru})
    session.commit()
    assert _ids(translator, q="путин") == []
    assert _ids(translator, q="обновл") == [ru]
    session.execute(text("DELETE FROM document WHERE id = :id"), {"id": en})
    session.commit()
    assert _ids(translator, q="geneva") == []
    assert _ids(translator) == [ru]


def test_search_semantics_are_in_the_openapi(anon):
    params = {
        p["name"]: p for p in anon.get("/openapi.json").json()["paths"]["/api/documents"]["get"]["parameters"]
    }
    assert "case-insensitive" in params["q"]["description"] and "prefix" in params["q"]["description"]
    assert "next_cursor" in params["cursor"]["description"]


def test_a_rare_word_on_postgresql_reads_its_index_matches_not_the_whole_table(translator, session, db_url):
    """PostgreSQL estimates any prefix its statistics do not track at 0.5 % of the table and would walk
    the primary key newest-first through every row; such a query pages on id + 0 instead."""
    if not db_url.startswith("postgresql"):
        return  # SQLite's FTS5 walks its own matches; there is no planner estimate to correct
    from sqlmodel import col, select

    from app.documents import search as search_module
    from app.models import Document

    made = [
        translator.post(
            "/api/documents", json={"text": f"Report {i}\n\nDelegations met in Geneva, day {i}."}
        ).json()["id"]
        for i in range(40)
    ]
    rare = translator.post(
        "/api/documents", json={"text": "Zelenograd\n\nA council met in Zelenograd."}
    ).json()["id"]
    # Statistics track the most common lexemes only (1,000 by default); 10 here stand for a big table.
    session.exec(text("ALTER TABLE document ALTER COLUMN search_vector SET STATISTICS 1"))
    session.exec(text("ANALYZE document"))
    search_module._tracked.clear()  # statistics changed: forget what this process read before
    assert not search_module.rare(session, ["geneva"]) and not search_module.rare(session, ["gen", "deleg"])
    assert search_module.rare(session, ["zelenograd"]) and search_module.rare(session, ["geneva", "zelen"])
    query, key = search_module.search(
        select(col(Document.id)), dialect="postgresql", q="zelen", session=session
    )
    sql = (
        query.order_by(key.desc())
        .limit(51)
        .compile(session.get_bind(), compile_kwargs={"literal_binds": True})
    )
    session.exec(text("SET LOCAL enable_seqscan = off"))  # 41 rows: a table scan would win either way
    plan = "\n".join(row[0] for row in session.connection().exec_driver_sql(f"EXPLAIN {sql}"))
    assert "ix_document_search" in plan and "document_pkey" not in plan, plan
    session.rollback()
    assert _ids(translator, q="zelen") == [rare]
    assert _ids(translator, q="geneva", limit=5) == made[::-1][:5]
