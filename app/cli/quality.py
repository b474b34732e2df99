"""`werkbank qa …`: quality checks over the stored segments."""

import typer
from rich.progress import Progress

qa_app = typer.Typer(help="Quality checks (QA) of the stored translations.", no_args_is_help=True)


def backfill_with_progress() -> None:
    """Compute the QA of segments that have a German text and none stored yet, showing progress."""
    from app.documents.qa_backfill import backfill as fill
    from app.setup import local_session

    with local_session() as session, Progress() as progress:
        task = progress.add_task("QA", total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        filled = fill(session=session, progress=advance)
    typer.echo(f"QA computed for {filled} segment(s).")


@qa_app.command("backfill")
def backfill() -> None:
    """Compute and store the QA of every segment that has none yet (rows from before QA); shows progress."""
    backfill_with_progress()
