"""`werkbank …` commands: thin wrappers around the services (local) or the REST API (--server)."""

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress

from app.cli import recount as _recount  # noqa: F401 - registers `werkbank db recount`
from app.cli.client import ExportRequest, Target, make_target
from app.cli.database import db_app
from app.cli.feeds import feeds_app, refetch
from app.cli.memory import tm_app
from app.cli.mtmodels import models_app
from app.cli.quality import qa_app

cli = typer.Typer(
    help="Werkbank: translation-and-excerpt workbench.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
user_app = typer.Typer(help="Users.", no_args_is_help=True)
token_app = typer.Typer(help="API tokens.", no_args_is_help=True)
cli.add_typer(db_app, name="db")
cli.add_typer(qa_app, name="qa")
cli.add_typer(user_app, name="user")
terms_app = typer.Typer(help="Termbase.", no_args_is_help=True)
cli.add_typer(token_app, name="token")
cli.add_typer(terms_app, name="terms")
cli.add_typer(models_app, name="models")
cli.add_typer(feeds_app, name="feeds")
cli.command()(refetch)
cli.add_typer(tm_app, name="tm")
console = Console(stderr=True)

ServerOpt = Annotated[
    str | None, typer.Option("--server", envvar="WERKBANK_SERVER", help="Remote Werkbank URL")
]
TokenOpt = Annotated[
    str | None, typer.Option("--token", envvar="WERKBANK_TOKEN", help="API token for --server")
]


@cli.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Bind address")] = None,
    port: Annotated[int | None, typer.Option(help="Port")] = None,
    workers: Annotated[
        int | None, typer.Option(min=1, help="Server processes (PostgreSQL only; default WERKBANK_WORKERS)")
    ] = None,
) -> None:
    """Migrate the database, create the first admin if needed, start the server and its worker."""
    import uvicorn

    from app.config import get_settings
    from app.setup import prepare_database

    settings = get_settings()
    processes = workers or settings.workers
    if processes > 1 and settings.resolved_database_url.startswith("sqlite"):
        console.print(
            f"[red]error[/red] sqlite_single_process: --workers {processes} needs PostgreSQL "
            "(WERKBANK_DATABASE_URL=postgresql+psycopg://…); SQLite serves one process. "
            "See docs/deployment.md."
        )
        raise typer.Exit(2)
    if processes > 1 and not settings.rate_limit_url:
        console.print(
            "[yellow]warning[/yellow] the login throttle counts per process; set WERKBANK_RATE_LIMIT_URL"
        )
    password = prepare_database()
    if password:
        typer.echo(f"Created user 'admin' with one-time password: {password}")
        typer.echo("Log in and keep it safe; it is not shown again.")
    uvicorn.run(
        "app.main:served_app",
        factory=True,
        workers=processes,
        host=host or settings.host,
        port=port or settings.port,
        log_level="info",
        **_proxy_options(),
    )


def _proxy_options() -> dict[str, object]:
    """uvicorn's proxy-header handling: off unless WERKBANK_FORWARDED_ALLOW_IPS names the proxies."""
    from app.config import get_settings

    parts = get_settings().forwarded_allow_ips.split(",")
    trusted = ",".join(part.strip() for part in parts if part.strip())
    # uvicorn trusts 127.0.0.1 by default; without a configured proxy nobody is trusted.
    return {"proxy_headers": True, "forwarded_allow_ips": trusted} if trusted else {"proxy_headers": False}


@user_app.command("add")
def user_add(
    name: str,
    role: Annotated[str, typer.Option(help="admin, editor or translator")] = "translator",
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from stdin")
    ] = False,
) -> None:
    """Create a user (prompts for the password unless --password-stdin)."""
    from app.accounts.users import create_user
    from app.models import UserCreate
    from app.setup import local_session

    password = (
        sys.stdin.readline().rstrip("\n")
        if password_stdin
        else typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    )
    payload = UserCreate.model_validate({"username": name, "role": role, "password": password})
    with local_session() as session:
        user = create_user(session=session, payload=payload)
    typer.echo(f"Created {user.role} {user.username!r}.")


@token_app.command("create")
def token_create(
    name: str, label: Annotated[str, typer.Option(help="What the token is for")] = "cli"
) -> None:
    """Print a new API token for user NAME (shown once)."""
    from app.accounts.users import get_user, issue_token
    from app.setup import local_session

    with local_session() as session:
        user = get_user(session=session, username=name)
        typer.echo(issue_token(session=session, user=user, kind="api", name=label))


@cli.command()
def ingest(
    sources: Annotated[list[str], typer.Argument(help="FILE, folder, URL or - for stdin")],
    outlet: Annotated[str | None, typer.Option(help="Outlet label, e.g. TASS")] = None,
    source_url: Annotated[str | None, typer.Option("--source-url", help="Source link")] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="Override detection: en, ru or de")] = None,
    force: Annotated[bool, typer.Option("--force", help="Ingest pages that are not articles too")] = False,
    batch: Annotated[
        int, typer.Option("--batch", min=1, max=1000, help="Sources per bulk request (several sources)")
    ] = 50,
    server: ServerOpt = None,
    token: TokenOpt = None,
) -> None:
    """Ingest one source, or several through the bulk path in batches, with a progress bar."""
    from app.cli.ingesting import ingest_many
    from app.cli.ingesting import sources as read_sources

    target = make_target(server, token)
    items = read_sources(sources)
    given = {"outlet": outlet, "source_url": source_url, "source_lang": lang, "force": force}
    extra = {k: v for k, v in given.items() if v}
    if len(items) == 1:
        _print(target.ingest({**items[0].payload(), **extra}))
        return
    failures = ingest_many(target, items, size=batch, extra=extra, console=console)
    raise typer.Exit(1 if failures else 0)


EXPORT_DEFAULTS = {"document": "json", "post": "html", "day": "html", "pairs": "tmx"}


@cli.command()
def export(
    what: Annotated[str, typer.Argument(help="A document ID, or post | day | pairs")],
    ref: Annotated[str | None, typer.Argument(help="Post ID or day (YYYY-MM-DD)")] = None,
    format: Annotated[str | None, typer.Option("--format", help="Output format")] = None,  # noqa: A002
    since: Annotated[str | None, typer.Option(help="pairs: approved since (ISO date/time)")] = None,
    until: Annotated[str | None, typer.Option(help="pairs: approved before (ISO date/time)")] = None,
    document: Annotated[int | None, typer.Option(help="pairs: only this document")] = None,
    server: ServerOpt = None,
    token: TokenOpt = None,
) -> None:
    """Print an export: `export ID` (document pairs), `export post ID`, `export day DATE`, `export pairs`."""
    kind = "document" if what.isdigit() else what
    if kind not in EXPORT_DEFAULTS:
        raise typer.BadParameter("give a document ID, or post, day or pairs", param_hint="WHAT")
    if kind in ("post", "day") and not ref:
        raise typer.BadParameter(f"export {kind} needs a {'post ID' if kind == 'post' else 'day'}")
    request = ExportRequest(
        kind=kind,
        ref=what if kind == "document" else ref,
        fmt=format or EXPORT_DEFAULTS[kind],
        since=since,
        until=until,
        document_id=document,
    )
    typer.echo(make_target(server, token).export(request), nl=False)


@cli.command()
def translate(
    document_id: int,
    provider: Annotated[str | None, typer.Option(help="Translator name (default: setting)")] = None,
    wait: Annotated[
        bool, typer.Option("--wait/--no-wait", help="Follow the job with a progress bar")
    ] = False,
    server: ServerOpt = None,
    token: TokenOpt = None,
) -> None:
    """Draft German translations for a document (locally the job runs in this process)."""
    target = make_target(server, token)
    job = target.translate(document_id, provider)
    if server and not wait:
        _print(job)
        return
    job = _follow(target, job)
    _print(job)
    raise typer.Exit(0 if job["status"] == "done" else 1)


def _follow(target: Target, job: dict) -> dict:
    """Poll a job until it ends, drawing a progress bar."""
    import time

    with Progress(console=console) as progress:
        task = progress.add_task(f"Job {job['id']} ({job['provider']})", total=job["total"] or 1)
        while True:
            progress.update(task, completed=job["done"], total=job["total"] or 1)
            if job["status"] in ("done", "failed"):
                return job
            time.sleep(0.2)
            job = target.job(job["id"])


@cli.command()
def worker(workers: Annotated[int, typer.Option(help="Worker threads")] = 1) -> None:
    """Run a job worker (several machines can share a Redis queue: WERKBANK_QUEUE_URL)."""
    from app.setup import build_runtime, prepare_database
    from app.worker import run_worker

    prepare_database(queue_qa=False)
    build_runtime()
    run_worker(workers)


@terms_app.command("import")
def terms_import(file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="CSV file")]) -> None:
    """Upsert terms from CSV (source_lang,source_term,target_term[,note,case_sensitive])."""
    from app.drafting.termbase import import_csv
    from app.errors import InvalidInput
    from app.setup import local_session

    try:
        text = file.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"{file.name} is not UTF-8 (byte {exc.start})", code="invalid_csv") from exc
    with local_session() as session:
        result = import_csv(session=session, text=text)
    typer.echo(f"{result['created']} created, {result['updated']} updated.")


def _print(data: dict) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def main() -> None:
    """Console-script entry point; domain errors print their code and exit 1."""
    from pydantic import ValidationError

    from app.errors import WerkbankError

    try:
        cli()
    except WerkbankError as exc:
        console.print(f"[red]error[/red] {exc.code}: {exc.message}")
        sys.exit(1)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        console.print(f"[red]error[/red] invalid_input: {where}: {first.get('msg')}")
        sys.exit(2)


__all__ = ["Target", "cli", "main"]
