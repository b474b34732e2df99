"""Keyset paging of list endpoints that answer a plain array: the next cursor goes in headers."""

from typing import Annotated

from fastapi import Query, Request, Response

from app.models.paging import LIST_CURSOR_RULE, NEXT_CURSOR_HEADER

Cursor = Annotated[str | None, Query(max_length=2000, description=LIST_CURSOR_RULE)]


def limit_query(default: int) -> object:
    """The `limit` parameter of a list: 1 to 1000 rows a page."""
    return Query(default, ge=1, le=1000, description=f"Rows per page (default {default}, at most 1000).")


def announce_next(request: Request, response: Response, next_cursor: str | None) -> None:
    """Tell the client where the next page starts, if there is one."""
    if next_cursor is None:
        return
    response.headers[NEXT_CURSOR_HEADER] = next_cursor
    url = request.url.include_query_params(cursor=next_cursor)
    response.headers["Link"] = f'<{url.path}?{url.query}>; rel="next"'
