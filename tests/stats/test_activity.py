"""Activity per day in the site's zone: documents ingested, segments approved, posts published, per user."""

from datetime import UTC, datetime

from sqlalchemy import update

from testkit.samples import EN


def test_activity_counts_each_day_and_user_and_empty_days_are_zeros(translator, editor, session):
    from app.models import Document, Revision

    doc = translator.post("/api/documents", json={"text": EN}).json()
    other = editor.post("/api/documents", json={"text": EN.replace("Kazakhstan", "Kyrgyzstan")}).json()
    for seg in doc["segments"][:2]:
        v = translator.patch(
            f"/api/segments/{seg['id']}", json={"target_text": "Text.", "version": 1}
        ).json()["version"]
        editor.post(f"/api/segments/{seg['id']}/approve", json={"version": v}).raise_for_status()
    # Move the events to known instants: 23:30 UTC on 9 January is already 10 January in Berlin.
    session.exec(
        update(Document)
        .where(Document.id == doc["id"])
        .values(created_at=datetime(2022, 1, 9, 23, 30, tzinfo=UTC))
    )
    session.exec(
        update(Document)
        .where(Document.id == other["id"])
        .values(created_at=datetime(2022, 1, 11, 8, 0, tzinfo=UTC))
    )
    session.exec(
        update(Revision)
        .where(Revision.kind == "approve")
        .values(created_at=datetime(2022, 1, 10, 12, 0, tzinfo=UTC))
    )
    session.commit()
    r = translator.get(
        "/api/stats/activity", params={"since": "2022-01-09T00:00:00", "until": "2022-01-12T00:00:00"}
    )
    assert r.status_code == 200, r.text
    report = r.json()
    assert report["timezone"] == "Europe/Berlin" and report["since"] == "2022-01-08T23:00:00Z"
    days = {d["day"]: d for d in report["days"]}
    assert list(days) == ["2022-01-09", "2022-01-10", "2022-01-11"]
    assert days["2022-01-09"] == {
        "day": "2022-01-09",
        "documents_ingested": 0,
        "segments_approved": 0,
        "posts_published": 0,
        "users": [],
    }
    assert (days["2022-01-10"]["documents_ingested"], days["2022-01-10"]["segments_approved"]) == (1, 2)
    assert days["2022-01-10"]["users"] == [
        {"user": "editor", "documents_ingested": 0, "segments_approved": 2, "posts_published": 0},
        {"user": "translator", "documents_ingested": 1, "segments_approved": 0, "posts_published": 0},
    ]
    assert days["2022-01-11"]["users"] == [
        {"user": "editor", "documents_ingested": 1, "segments_approved": 0, "posts_published": 0}
    ]
    assert report["totals"] == {"documents_ingested": 2, "segments_approved": 2, "posts_published": 0}


def test_empty_ranges_are_zeros_and_long_ranges_are_refused(translator):
    same = translator.get(
        "/api/stats/activity", params={"since": "2022-01-10T00:00:00Z", "until": "2022-01-10T00:00:00Z"}
    )
    assert same.status_code == 200
    assert same.json()["days"] == [] and same.json()["totals"] == {
        "documents_ingested": 0,
        "segments_approved": 0,
        "posts_published": 0,
    }
    quiet = translator.get(
        "/api/stats/activity", params={"since": "1999-01-01", "until": "1999-01-03"}
    ).json()
    assert [d["day"] for d in quiet["days"]] == ["1999-01-01", "1999-01-02"]
    assert all(d["segments_approved"] == 0 and d["users"] == [] for d in quiet["days"])
    default = translator.get("/api/stats/activity").json()
    assert len(default["days"]) in (30, 31)
    long = translator.get("/api/stats/activity", params={"since": "2000-01-01", "until": "2010-01-01"})
    assert long.status_code == 422 and long.json()["error"]["code"] == "range_too_long"
    bad = translator.get("/api/stats/activity", params={"since": "yesterday"})
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid_input"


def test_ranges_at_the_ends_of_the_calendar_are_answers_not_500s(translator):
    early = translator.get("/api/stats/activity", params={"until": "0001-01-03T00:00:00Z"})
    assert early.status_code == 200 and [d["day"] for d in early.json()["days"]][0] == "0001-01-01"
    huge = translator.get("/api/stats/activity", params={"since": "0001-01-02", "until": "9999-12-30"})
    assert huge.status_code == 422 and huge.json()["error"]["code"] == "range_too_long"
    engines = translator.get("/api/stats/engines", params={"since": "0001-01-02", "until": "9999-12-30"})
    assert engines.status_code == 200 and engines.json()["totals"]["segments"] == 0
