"""A post's preview: the HTML exactly as it will be published, the quoted share, the typography changes."""

from pydantic import BaseModel
from sqlmodel import Session

from app.config import Settings
from app.exporters import html
from app.exporters.layout import normalize_post
from app.publishing.posts import get_post, render, source_warnings


class PostPreview(BaseModel):
    """What the editor sees before publishing."""

    html: str
    title: str
    quoted_chars: int
    total_chars: int
    share: float
    over_budget: bool
    warnings: list[str]
    typography_changes: list[dict]


def preview_post(*, session: Session, post_id: int, settings: Settings) -> PostPreview:
    """The post rendered for publishing, with its excerpt's statistics and the typography it changed."""
    post = get_post(session=session, post_id=post_id)
    rendered = render(session=session, post=post, settings=settings)
    ex = rendered.excerpt
    changes = [
        {"field": c.field, "before": c.change.before, "after": c.change.after, "rule": c.change.rule}
        for c in normalize_post(rendered.view).changes
    ]
    return PostPreview(
        html=html.render_post(rendered.view),
        title=html.render_title(rendered.view),
        quoted_chars=ex.quoted_chars,
        total_chars=ex.total_chars,
        share=ex.share,
        over_budget=ex.over_budget,
        warnings=ex.warnings + source_warnings(session=session, post=post),
        typography_changes=changes,
    )
