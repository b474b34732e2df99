"""`werkbank tm …`: the translation memory from the command line (local database)."""

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress

tm_app = typer.Typer(help="Translation memory.", no_args_is_help=True)
console = Console(stderr=True)


@tm_app.command("import")
def tm_import(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="TMX 1.4b file")],
) -> None:
    """Import a TMX file into the memory in one transaction (all units or, on an error, none)."""
    from app.config import get_settings
    from app.errors import PayloadTooLarge
    from app.memory.tmx import import_tmx
    from app.setup import local_session

    limit = get_settings().tm_import_max_bytes
    if file.stat().st_size > limit:  # refused before reading it into memory
        raise PayloadTooLarge(f"{file.name} is over {limit} bytes", code="tmx_too_large", max_bytes=limit)
    data = file.read_bytes()
    with Progress(console=console) as progress, local_session() as session:
        task = progress.add_task(f"Importing {file.name}", total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        result = import_tmx(session=session, data=data, max_bytes=limit, progress=advance)
    langs = ", ".join(f"{lang}: {n}" for lang, n in sorted(result.languages.items())) or "none"
    typer.echo(f"{result.units} units imported ({langs}), {result.skipped} skipped.")


@tm_app.command("rebuild")
def tm_rebuild() -> None:
    """Write a memory unit for every approved segment (those approved before the memory existed too)."""
    from app.memory.units import rebuild
    from app.setup import local_session

    with Progress(console=console) as progress, local_session() as session:
        task = progress.add_task("Remembering approved segments", total=None)
        written = rebuild(
            session=session, progress=lambda done, total: progress.update(task, completed=done, total=total)
        )
    typer.echo(f"{written} units from approved segments.")
