"""`werkbank feeds add|list|poll` and `werkbank refetch`: locally through the services, or with --server."""

import json
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import Progress

from app.cli.client import RemoteTarget

feeds_app = typer.Typer(help="Feed subscriptions (RSS/Atom) of the outlets.", no_args_is_help=True)
console = Console(stderr=True)

ServerOpt = Annotated[
    str | None, typer.Option("--server", envvar="WERKBANK_SERVER", help="Remote Werkbank URL")
]
TokenOpt = Annotated[
    str | None, typer.Option("--token", envvar="WERKBANK_TOKEN", help="API token for --server")
]


def _local(action: str, **kw: Any) -> Any:
    """Run one feeds action on the local database; the answer as JSON-ready data."""
    from app.config import get_settings
    from app.feeds import polling, refetch, subscriptions
    from app.models import FeedCreate
    from app.setup import local_session

    with local_session() as session:
        if action == "add":
            feed = subscriptions.create_feed(
                session=session, payload=FeedCreate.model_validate(kw["body"]), user=None
            )
            return subscriptions.feed_public(session=session, feed=feed).model_dump(mode="json")
        if action == "list":
            return [f.model_dump(mode="json") for f in subscriptions.list_feeds(session=session)]
        if action == "poll":
            result = polling.poll_feed(session=session, feed_id=kw["feed_id"], settings=get_settings())
            return result.model_dump(mode="json")
        result = refetch.refetch_document(
            session=session, document_id=kw["document_id"], settings=get_settings()
        )
        return result.model_dump(mode="json")


def _remote(server: str, token: str | None, method: str, path: str, body: Any = None) -> Any:
    return RemoteTarget(server, token).request(method, path, body)


@feeds_app.command("add")
def add(
    url: str,
    outlet: Annotated[str, typer.Option(help="Outlet name shown with the posts, e.g. TASS")],
    lang: Annotated[
        str | None, typer.Option("--lang", help="Source language (en, ru, de); default detected")
    ] = None,
    auto_translate: Annotated[
        bool, typer.Option("--auto-translate", help="Draft new articles at once")
    ] = False,
    provider: Annotated[str | None, typer.Option(help="Translator for --auto-translate")] = None,
    interval: Annotated[int, typer.Option(help="Minutes between polls (at least 5)")] = 15,
    server: ServerOpt = None,
    token: TokenOpt = None,
) -> None:
    """Subscribe to a feed; it is polled by the running server's worker within a minute."""
    body = {
        "url": url,
        "outlet": outlet,
        "source_lang": lang,
        "auto_translate": auto_translate,
        "provider": provider,
        "interval_minutes": interval,
    }
    feed = _remote(server, token, "POST", "/api/feeds", body) if server else _local("add", body=body)
    typer.echo(json.dumps(feed, ensure_ascii=False, indent=2))


@feeds_app.command("list")
def list_(server: ServerOpt = None, token: TokenOpt = None) -> None:
    """Every feed with its state: id, status, counts, next poll, URL."""
    feeds = _remote(server, token, "GET", "/api/feeds") if server else _local("list")
    for f in feeds:
        state = f["last_status"] + (f" ({f['last_error_code']})" if f["last_error_code"] else "")
        paused = " paused" if f["paused"] else ""
        typer.echo(
            f"{f['id']:>4}  {f['outlet'][:20]:<20} {state:<28} {f['documents_total']:>4} docs "
            f"{f['errors_total']:>3} errors  next {f['next_poll_at'] or '-'}{paused}  {f['url']}"
        )


@feeds_app.command("poll")
def poll(
    feed_id: Annotated[
        int | None, typer.Argument(help="One feed; default every feed that is not paused")
    ] = None,
    server: ServerOpt = None,
    token: TokenOpt = None,
) -> None:
    """Poll feeds now, with a progress bar; exit 1 if a feed failed."""
    if feed_id is not None:
        ids = [feed_id]
    else:
        feeds = _remote(server, token, "GET", "/api/feeds") if server else _local("list")
        ids = [f["id"] for f in feeds if not f["paused"]]
    failed = False
    with Progress(console=console) as progress:
        task = progress.add_task("Polling feeds", total=len(ids) or 1)
        for fid in ids:
            result = (
                _remote(server, token, "POST", f"/api/feeds/{fid}/poll")
                if server
                else _local("poll", feed_id=fid)
            )
            failed |= result["status"] == "error"
            code = f" {result['error_code']}" if result["error_code"] else ""
            progress.console.print(
                f"feed {fid}: {result['status']}{code} — "
                f"{result['entries']} entries, {result['new_documents']} new, {result['existing']} known, "
                f"{result['errors']} errors"
            )
            progress.advance(task)
    raise typer.Exit(1 if failed else 0)


def refetch(
    document_id: Annotated[int, typer.Argument(help="Document id")],
    server: ServerOpt = None,
    token: TokenOpt = None,
) -> None:
    """Fetch a document's source URL again; a changed text is marked paragraph by paragraph."""
    if server:
        result = _remote(server, token, "POST", f"/api/documents/{document_id}/refetch")
    else:
        result = _local("refetch", document_id=document_id)
    typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
