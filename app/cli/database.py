"""`werkbank db …`: migrate, back up and restore the database."""

from pathlib import Path
from typing import Annotated

import typer

db_app = typer.Typer(help="Database schema and backups.", no_args_is_help=True)


@db_app.command("upgrade")
def upgrade() -> None:
    """Apply all Alembic migrations (a populated SQLite database is backed up first), then compute the
    QA of rows from before QA, with a progress bar."""
    from app.cli.quality import backfill_with_progress
    from app.db import upgrade

    upgrade()
    typer.echo("Database is at the newest schema.")
    backfill_with_progress()


@db_app.command("backup")
def backup(
    to: Annotated[
        Path | None, typer.Option("--to", help="Write the copy here (default <data_dir>/backups/…)")
    ] = None,
) -> None:
    """Write a consistent copy of the SQLite database, also while the server runs (PostgreSQL: pg_dump)."""
    from app.backup import backup_database, backups_dir
    from app.config import get_settings

    settings = get_settings()
    path = backup_database(url=settings.resolved_database_url, backups_dir=backups_dir(settings), to=to)
    typer.echo(f"Backed up the database to {path}")


@db_app.command("restore")
def restore(
    file: Annotated[Path, typer.Argument(help="A copy made by `werkbank db backup` or by an upgrade")],
) -> None:
    """Replace the SQLite database with FILE (stop the server and workers first); backs up the current one."""
    from app.backup import backups_dir, restore_database
    from app.config import get_settings

    settings = get_settings()
    url = settings.resolved_database_url
    result = restore_database(url=url, backups_dir=backups_dir(settings), file=file)
    if result.backup:
        typer.echo(f"Backed up the replaced database to {result.backup}")
    typer.echo(f"Restored {file} (schema {result.revision}); the next start migrates it if it is older.")
