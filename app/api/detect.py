"""Language detection for the UI, before anything is stored."""

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from app.api.deps import CurrentUser
from app.detection.detector import ROUTED_LANGS
from app.ingest.pipeline import detect_text

router = APIRouter(prefix="/api/detect", tags=["detect"])


class DetectRequest(BaseModel):
    text: str = Field(min_length=1, max_length=1_000_000)


class DetectResponse(BaseModel):
    lang: str
    confidence: float
    supported: bool
    paragraphs: list[dict]
    mixed: list[int]


def _detect(text: str) -> DetectResponse:
    found = detect_text(text=text)
    return DetectResponse(
        lang=found.lang,
        confidence=round(found.confidence, 4),
        supported=found.lang in ROUTED_LANGS,
        paragraphs=[
            {"lang": d.lang, "confidence": round(d.confidence, 4), "method": d.method, "scores": d.scores}
            for d in found.paragraphs
        ],
        mixed=found.mixed,
    )


@router.get("", response_model=DetectResponse)
def detect_get(_: CurrentUser, text: str = Query(min_length=1, max_length=20_000)) -> DetectResponse:
    """Detect the language of a short text."""
    return _detect(text)


@router.post("", response_model=DetectResponse)
def detect_post(body: DetectRequest, _: CurrentUser) -> DetectResponse:
    """Detect the language of a longer text (per paragraph and overall)."""
    return _detect(body.text)
