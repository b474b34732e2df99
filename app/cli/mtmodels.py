"""`werkbank models …`: install, download and list offline translation models."""

from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TransferSpeedColumn
from rich.table import Table

from app.config import get_settings
from app.errors import WerkbankError
from app.translators.packages import (
    InstalledModel,
    download_package,
    install_package,
    list_models,
)
from app.translators.registry import models_dir_for

models_app = typer.Typer(help="Offline translation models (CTranslate2 / Argos packages).")
console = Console()


def _fail(exc: WerkbankError) -> None:
    console.print(f"[red]error[/red] ({exc.code}): {exc.message}")
    raise typer.Exit(1)


@models_app.command("install")
def install(
    package: str = typer.Argument(..., help="An .argosmodel file, a CT2 model dir, or a pair like en-de."),
) -> None:
    """Install a model package file, or download one from the Argos index by pair code."""
    settings = get_settings()
    models_dir = models_dir_for(settings)
    try:
        if Path(package).exists():
            model = install_package(Path(package), models_dir)
        else:
            model = _download(package, models_dir, settings.translator_offline_index_url)
    except WerkbankError as exc:
        _fail(exc)
        return
    console.print(f"installed {model.source}→{model.target} ({model.name}) in {model.path}")


def _download(code: str, models_dir: Path, index_url: str) -> InstalledModel:
    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task(f"downloading {code}", total=None)

        def report(done: int, total: int | None) -> None:
            progress.update(task, completed=done, total=total)

        return download_package(code, models_dir, report, index_url=index_url)


@models_app.command("list")
def list_() -> None:
    """List installed models."""
    models_dir = models_dir_for(get_settings())
    models = list_models(models_dir)
    if not models:
        console.print(f"no models in {models_dir}; install one with `werkbank models install`")
        return
    table = Table("pair", "name", "version", "kind", "path")
    for model in models:
        table.add_row(model.code, model.name, model.version, model.kind, str(model.path))
    console.print(table)
