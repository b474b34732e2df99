"""Every datetime the API answers is aware UTC with an offset, per model and per answer."""

import json
import re
import types
from datetime import datetime
from typing import Annotated, Any, Union, get_args, get_origin

from fastapi.routing import APIRoute
from pydantic import BaseModel

from app.models.types import Timestamp
from testkit.samples import EN

OFFSET = re.compile(r"(Z|[+-]\d\d:\d\d)$")
LOOKS_LIKE_TIME = re.compile(r"^\d{4}-\d\d-\d\d[T ]\d\d:\d\d")
TIMESTAMP_META = get_args(Timestamp)[1:]


# ---- every response model of every route uses Timestamp ----


def _is_timestamp(metadata: list[Any] | tuple[Any, ...]) -> bool:
    return all(any(m is wanted for m in metadata) for wanted in TIMESTAMP_META)


def _untyped_datetimes(tp: Any, where: str, seen: set[type], found: list[str]) -> list[str]:
    """Paths of datetime fields in ``tp`` that are not Timestamp; ``found`` collects the good ones."""
    if get_origin(tp) is Annotated:
        base, *meta = get_args(tp)
        if base is datetime:
            if _is_timestamp(meta):
                found.append(where)
                return []
            return [where]
        return _untyped_datetimes(base, where, seen, found)
    if tp is datetime:
        return [where]
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        if tp in seen:
            return []
        seen.add(tp)
        bad: list[str] = []
        for name, field in tp.model_fields.items():
            path = f"{tp.__name__}.{name}"
            if field.annotation is datetime:  # pydantic moved a top-level Annotated into metadata
                (found if _is_timestamp(field.metadata) else bad).append(path)
            else:
                bad += _untyped_datetimes(field.annotation, path, seen, found)
        return bad
    if get_origin(tp) in (Union, types.UnionType, list, tuple, set, dict) or get_args(tp):
        return [p for arg in get_args(tp) for p in _untyped_datetimes(arg, where, seen, found)]
    return []


def test_the_walker_finds_datetimes_anywhere():
    class Inner(BaseModel):
        at: datetime | None

    class Outer(BaseModel):
        ok: Timestamp
        maybe_ok: Timestamp | None = None
        items: list[Inner]
        nested: dict[str, list[datetime]]

    found: list[str] = []
    assert _untyped_datetimes(Outer, "Outer", set(), found) == ["Inner.at", "Outer.nested"]
    assert sorted(found) == ["Outer.maybe_ok", "Outer.ok"]


def _api_routes(app) -> list[APIRoute]:
    """Every APIRoute of the app (FastAPI ≥ 0.16x keeps included routers as one entry each)."""
    try:
        from fastapi.routing import iter_route_contexts
    except ImportError:  # older FastAPI: app.routes is already flat
        return [r for r in app.routes if isinstance(r, APIRoute)]
    return [
        c.original_route for c in iter_route_contexts(app.routes) if isinstance(c.original_route, APIRoute)
    ]


def test_every_response_model_uses_the_aware_timestamp_type():
    from app.main import create_app

    routes = [r for r in _api_routes(create_app()) if r.response_model is not None]
    assert len(routes) > 30
    seen: set[type] = set()
    found: list[str] = []
    bad = {
        f"{sorted(r.methods)[0]} {r.path}: {p}"
        for r in routes
        for p in _untyped_datetimes(r.response_model, r.path, seen, found)
    }
    assert bad == set()
    assert {"PostPublic.published_at", "JobPublic.finished_at", "UserPublic.created_at"} <= set(found)
    assert {"DocumentSummary.published_at", "RevisionPublic.created_at", "TermPublic.updated_at"} <= set(
        found
    )


# ---- the API on both databases: every date-time value in every answer has an offset ----


def _resolve(schema: dict, spec: dict) -> dict:
    while "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _date_times(schema: dict, value: Any, spec: dict, where: str):
    """(path, value) of every value whose schema says format: date-time."""
    schema = _resolve(schema, spec)
    if value is None:
        return
    if schema.get("format") == "date-time":
        yield where, value
        return
    for key in ("anyOf", "oneOf", "allOf"):
        for sub in schema.get(key, []):
            yield from _date_times(sub, value, spec, where)
    if isinstance(value, dict):
        extra = schema.get("additionalProperties")
        for k, v in value.items():
            sub = schema.get("properties", {}).get(k) or (extra if isinstance(extra, dict) else None)
            if sub:
                yield from _date_times(sub, v, spec, f"{where}.{k}")
    if isinstance(value, list) and isinstance(schema.get("items"), dict):
        for v in value:
            yield from _date_times(schema["items"], v, spec, f"{where}[]")


def _strings(value: Any):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


class Checker:
    """Calls the API and checks each JSON answer against /openapi.json's date-time fields."""

    def __init__(self, spec: dict) -> None:
        self.spec = spec
        self.checked: dict[str, int] = {}

    def __call__(self, client, method: str, template: str, *, json=None, params=None, **path) -> Any:
        r = client.request(method.upper(), template.format(**path), json=json, params=params)
        assert r.status_code < 300, (template, r.status_code, r.text)
        body = r.json()
        responses = self.spec["paths"][template][method]["responses"]
        content = responses.get(str(r.status_code), {}).get("content") or next(
            v["content"] for k, v in responses.items() if k.startswith("2") and "content" in v
        )
        for where, value in _date_times(content["application/json"]["schema"], body, self.spec, template):
            assert isinstance(value, str) and OFFSET.search(value), (where, value)
            datetime.fromisoformat(value)
            self.checked[where] = self.checked.get(where, 0) + 1
        for text in _strings(body):  # belt and braces: untyped dicts (bulk results, errors) too
            assert not LOOKS_LIKE_TIME.match(text) or OFFSET.search(text), (template, text)
        return body


def _exercise_documents(call, translator, editor) -> dict:
    doc = call(translator, "post", "/api/documents", json={"text": EN, "published_at": "2022-01-12T08:00:00"})
    assert doc["published_at"] == "2022-01-12T07:00:00Z"  # naive: Berlin winter time
    call(translator, "get", "/api/documents")
    segs = doc["segments"]
    for seg in segs[:2]:
        edited = call(
            translator,
            "patch",
            "/api/segments/{segment_id}",
            segment_id=seg["id"],
            json={"target_text": f"Deutsch {seg['position']}", "version": seg["version"]},
        )
        call(
            editor,
            "post",
            "/api/segments/{segment_id}/approve",
            segment_id=seg["id"],
            json={"version": edited["version"]},
        )
    revs = call(translator, "get", "/api/segments/{segment_id}/revisions", segment_id=segs[1]["id"])
    call(editor, "post", "/api/segments/{segment_id}/reopen", segment_id=segs[1]["id"], json={})
    current = call(translator, "get", "/api/segments/{segment_id}", segment_id=segs[1]["id"])
    call(
        translator,
        "post",
        "/api/segments/{segment_id}/revert",
        segment_id=segs[1]["id"],
        json={"revision_id": revs[0]["id"], "version": current["version"]},
    )
    stale = translator.patch(f"/api/segments/{segs[1]['id']}", json={"target_text": "x", "version": 1})
    assert stale.status_code == 409 and OFFSET.search(stale.json()["error"]["current"]["updated_at"])
    call(
        translator,
        "patch",
        "/api/segments/{segment_id}",
        segment_id=segs[2]["id"],
        json={"target_text": "Bearbeitet", "version": segs[2]["version"]},
    )
    call(editor, "post", "/api/documents/{document_id}/approve-edited", document_id=doc["id"])
    return call(translator, "get", "/api/documents/{document_id}", document_id=doc["id"])


def test_every_date_time_in_every_answer_has_an_offset(app, anon, admin, editor, translator):
    call = Checker(app.openapi())
    call(anon, "post", "/api/auth/login", json={"username": "translator", "password": "secret-pass-1"})
    call(translator, "get", "/api/auth/me")
    call(translator, "post", "/api/auth/tokens", json={"name": "script"})
    call(admin, "post", "/api/users", json={"username": "neu", "role": "editor", "password": "secret-pass-2"})
    call(admin, "get", "/api/users")
    doc = _exercise_documents(call, translator, editor)
    other = call(translator, "post", "/api/documents", json={"text": EN.replace("China", "Peking")})
    job = call(
        translator,
        "post",
        "/api/documents/{document_id}/translate",
        document_id=other["id"],
        json={"provider": "none"},
    )
    job = call(translator, "get", "/api/jobs/{job_id}", job_id=job["id"])
    assert job["status"] == "done" and job["finished_at"].endswith("Z")
    term = call(
        editor,
        "post",
        "/api/terms",
        json={"source_lang": "en", "source_term": "Kazakhstan", "target_term": "Kasachstan"},
    )
    call(editor, "patch", "/api/terms/{term_id}", term_id=term["id"], json={"note": "Staat"})
    call(translator, "get", "/api/terms/{term_id}", term_id=term["id"])
    call(translator, "get", "/api/terms")
    approved = [s["id"] for s in doc["segments"] if s["status"] == "approved" and s["kind"] != "title"]
    post = call(
        translator,
        "post",
        "/api/posts",
        json={
            "document_id": doc["id"],
            "title": "Zeiten",
            "segment_ids": approved[:1],
            "published_at": "2022-01-12T09:30:00+03:00",
        },
    )
    assert post["published_at"] == "2022-01-12T06:30:00Z"
    call(translator, "patch", "/api/posts/{post_id}", post_id=post["id"], json={"tags": ["Zeit"]})
    call(editor, "post", "/api/posts/{post_id}/ready", post_id=post["id"])
    call(translator, "get", "/api/posts/{post_id}", post_id=post["id"])
    call(translator, "get", "/api/posts", params={"date": "2022-01-12"})
    call(translator, "get", "/api/posts/{post_id}/preview", post_id=post["id"])
    for where in (
        "/api/auth/login.user.created_at",
        "/api/users[].created_at",
        "/api/documents.items[].created_at",
        "/api/documents/{document_id}.published_at",
        "/api/documents/{document_id}.segments[].updated_at",
        "/api/segments/{segment_id}/revisions[].created_at",
        "/api/jobs/{job_id}.started_at",
        "/api/terms/{term_id}.updated_at",
        "/api/posts.published_at",
        "/api/posts[].updated_at",
    ):
        assert call.checked.get(where), (where, sorted(call.checked))
    exported = translator.get(f"/api/posts/{post['id']}/export?format=json").json()
    assert exported["published_at"] == "2022-01-12T06:30:00+00:00"
    assert exported["published_local"] == "2022-01-12T07:30:00+01:00"
    day = translator.get("/api/days/2022-01-12/export?format=json").json()
    assert [p["published_local"] for p in day["posts"]] == ["2022-01-12T07:30:00+01:00"]
    lines = translator.get("/api/pairs/export?format=jsonl").text.splitlines()
    assert lines and all(OFFSET.search(json.loads(ln)["updated_at"]) for ln in lines)
