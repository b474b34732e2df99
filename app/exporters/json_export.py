"""JSON of a post and of a day: structured fields, blocks and the finished HTML and text."""

import json
from datetime import date
from typing import Any

from app.exporters import html, text
from app.exporters.layout import display_title, normalize_post, safe_url
from app.exporters.types import PostView
from app.text.typography import format_day


def post_dict(post: PostView) -> dict[str, Any]:
    """The post as plain JSON-ready data (typography applied, URLs as given)."""
    ready = normalize_post(post).post
    return {
        "id": ready.id,
        "document_id": ready.document_id,
        "title": ready.title,
        "display_title": display_title(ready),
        "outlet": ready.outlet,
        "source": {"url": ready.source_url, "label": ready.source_label},
        "original": {"url": ready.original_url, "label": ready.original_label},
        "headline": ready.headline,
        "subtitle": ready.subtitle,
        "byline": ready.byline,
        "credit": ready.credit,
        "published_at": ready.published_at.isoformat(),
        "published_local": ready.published_local.isoformat(),
        "blocks": [{"kind": b.kind, "text": b.text} for b in ready.blocks],
        "read_more": ready.read_more,
        "read_more_url": safe_url(ready.read_more_url or ready.source_url) if ready.read_more else None,
        "full_original": {"line": ready.full_original_line, "url": ready.full_original_url},
        "categories": list(ready.categories),
        "tags": list(ready.tags),
        "slug": ready.slug,
        "status": ready.status,
        "html": html.render_post(post),
        "text": text.render_post(post),
    }


def render_post(post: PostView) -> str:
    """One post as a JSON object."""
    return json.dumps(post_dict(post), ensure_ascii=False, indent=2) + "\n"


def render_day(day: date, posts: list[PostView]) -> str:
    """{"date", "heading", "posts": [...]} with posts newest first."""
    ordered = sorted(posts, key=lambda p: p.published_at, reverse=True)
    data = {
        "date": day.isoformat(),
        "heading": format_day(day),
        "posts": [post_dict(post) for post in ordered],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
