"""`werkbank db recount`: rebuild every document's counters and status from its segments."""

from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from app.cli.database import db_app


@db_app.command("recount")
def recount(
    batch: Annotated[int, typer.Option(min=1, max=10_000, help="Documents per transaction")] = 500,
) -> None:
    """Rebuild the per-document counters (segments by status, words) and statuses from the segments.

    The database keeps them by itself; this repairs them after a restore or a hand-made change
    (best while nobody writes).
    """
    from app.documents.counters import recount as rebuild
    from app.setup import local_session

    columns = (TextColumn("Recounting documents"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with local_session() as session, Progress(*columns) as progress:
        task = progress.add_task("recount", total=None)
        done = rebuild(
            session=session,
            batch=batch,
            progress=lambda n, total: progress.update(task, completed=n, total=total),
        )
    typer.echo(f"Recounted {done} documents.")
