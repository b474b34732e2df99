"""`werkbank ingest` with several sources: files read a batch at a time, each batch one bulk request."""

import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import Progress

from app.cli.client import Target

SUFFIXES = (".txt", ".html", ".htm", ".md")
MAX_BATCH_BYTES = 4_000_000  # well under the server's body cap, whatever the batch size


@dataclass(frozen=True)
class Source:
    """One thing to ingest: a label for the report and how to build its payload (read on demand)."""

    label: str
    payload: Callable[[], dict]


def _file(path: Path) -> dict:
    key = "html" if path.suffix.lower() in (".html", ".htm") else "text"
    return {key: path.read_text(encoding="utf-8", errors="replace")}


def sources(items: list[str]) -> list[Source]:
    """A Source for each FILE, file of a folder, URL or '-'."""
    out: list[Source] = []
    for item in items:
        if item == "-":
            text = sys.stdin.read()
            out.append(Source("stdin", lambda text=text: {"text": text}))
        elif item.startswith(("http://", "https://")):
            out.append(Source(item, lambda item=item: {"url": item}))
        elif Path(item).is_dir():
            files = sorted(p for p in Path(item).iterdir() if p.suffix.lower() in SUFFIXES)
            out.extend(sources([str(p) for p in files]))
        else:
            path = Path(item)
            if not path.is_file():
                raise typer.BadParameter(f"No such file: {item}")
            out.append(Source(item, lambda path=path: _file(path)))
    return out


def batches(items: list[Source], *, size: int, extra: dict) -> Iterator[list[tuple[str, dict]]]:
    """(label, payload) lists of at most `size` items and about MAX_BATCH_BYTES of text each."""
    batch: list[tuple[str, dict]] = []
    weight = 0
    for source in items:
        payload = {**source.payload(), **extra}
        cost = len(json.dumps(payload, ensure_ascii=False).encode())
        if batch and (len(batch) >= size or weight + cost > MAX_BATCH_BYTES):
            yield batch
            batch, weight = [], 0
        batch.append((source.label, payload))
        weight += cost
    if batch:
        yield batch


def ingest_many(target: Target, items: list[Source], *, size: int, extra: dict, console: Console) -> int:
    """Ingest in bulk batches with a progress bar, one JSON line per source; the number of failures."""
    failures = 0
    with Progress(console=console) as progress:
        task = progress.add_task("Ingesting", total=len(items))
        for batch in batches(items, size=size, extra=extra):
            results = target.ingest_bulk([payload for _, payload in batch])
            for (label, _), result in zip(batch, results, strict=True):
                failures += result["result"] == "error"
                typer.echo(json.dumps({"source": label, **_line(result)}, ensure_ascii=False))
            progress.advance(task, len(batch))
    return failures


def _line(result: dict) -> dict:
    if result["result"] == "error":
        return {"result": "error", "error": result["error"]}
    return {
        "result": "ok",
        "created": result["result"] == "created",
        "document_id": result["document_id"],
        "status": result["status"],
    }
