"""The scoreboard: post-edit figures per engine and the newsroom's activity per day (JSON or CSV)."""

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Response

from app.api.deps import CurrentUser, SessionDep
from app.models import ActivityReport, EngineReport
from app.models.types import CLIENT_RULE, ClientDatetime
from app.stats.activity import activity
from app.stats.csvout import activity_csv, engines_csv
from app.stats.engines import engine_stats

router = APIRouter(prefix="/api/stats", tags=["stats"])
Since = Annotated[ClientDatetime | None, Query(description="From this instant on. " + CLIENT_RULE)]
Until = Annotated[ClientDatetime | None, Query(description="Before this instant. " + CLIENT_RULE)]
Format = Annotated[Literal["json", "csv"], Query(description="json (default) or csv")]
CSV = {
    200: {
        "content": {"text/csv": {"schema": {"type": "string"}}},
        "description": "JSON, or CSV with ?format=csv",
    }
}


def _csv(body: str, name: str) -> Response:
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(body, media_type="text/csv; charset=utf-8", headers=headers)


@router.get("/engines", response_model=EngineReport, responses=CSV)
def engines(
    session: SessionDep,
    _: CurrentUser,
    since: Since = None,
    until: Until = None,
    outlet: Annotated[str | None, Query(max_length=200)] = None,
    source_lang: Annotated[str | None, Query(max_length=8)] = None,
    format: Format = "json",  # noqa: A002
) -> Any:
    """Per provider (including `tm`): segments, mean chrF++, share approved unchanged, mean edit rate,
    median seconds from draft to approval; only approved machine or memory drafts count."""
    report = engine_stats(session=session, since=since, until=until, outlet=outlet, source_lang=source_lang)
    if format == "csv":
        return _csv(engines_csv([*report["providers"], report["totals"]]), "engines.csv")
    return report


@router.get("/activity", response_model=ActivityReport, responses=CSV)
def activity_per_day(
    session: SessionDep,
    _: CurrentUser,
    since: Since = None,
    until: Until = None,
    format: Format = "json",  # noqa: A002
) -> Any:
    """Per day in the site's zone (default: the last 30 days, at most 731): documents ingested,
    segments approved, posts published, in total and per user."""
    report = activity(session=session, since=since, until=until)
    if format == "csv":
        return _csv(activity_csv(report), "activity.csv")
    return report
