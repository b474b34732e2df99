"""A bulk request's work, started at once: text and HTML items in the ingest processes, URLs on threads."""

from concurrent.futures import Future, ThreadPoolExecutor, wait

from app.config import Settings
from app.ingest import procs
from app.ingest.pipeline import prepare, source_of
from app.ingest.store import Prepared
from app.ingest.work import Source, Worked
from app.models import DocumentCreate, User


class Started:
    """The work of every item whose URL is not stored yet, read back item by item as it finishes.

    Text and HTML items go to the ingest processes `procs.CHUNK` at a time, in item order; a URL
    item is fetched and prepared on a thread. A chunk's results are kept from their first read until
    `release`, so a finished chunk is not held for the rest of the request.
    """

    def __init__(self, *, user: User | None, settings: Settings) -> None:
        self.user, self.settings = user, settings
        # Read here, on the request's thread: the fetch threads run while that thread commits
        # batches, and a commit expires `user`, whose reload there would share the session.
        self.created_by = user.username if user else None
        self.sources: list[Source] = []
        self.items: list[int] = []  # the item of each source
        self.at: dict[int, int] = {}  # item → its place in `sources`
        self.fetches: dict[int, Future[Prepared]] = {}
        self.futures: list[Future[procs.Results] | None] = []
        self.chunks: dict[int, procs.Results] = {}

    def start(
        self,
        payloads: dict[int, DocumentCreate],
        keys: dict[int, str | None],
        threads: ThreadPoolExecutor,
        *,
        skip: set[str],
    ) -> None:
        """Start the work of every item whose URL key is not in `skip` (stored, or an earlier item's)."""
        for i, payload in payloads.items():
            key = keys[i]
            if key in skip:
                continue  # answered from the stored document, or done here should that one fail
            if key:
                skip.add(key)
            source = source_of(payload, self.settings)
            if source is None:
                self.fetches[i] = threads.submit(self._fetched, payload, key)
            else:
                self.at[i] = len(self.sources)
                self.sources.append(source)
                self.items.append(i)
        processes, nice = self.settings.ingest_processes, self.settings.ingest_nice
        self.futures = list(procs.submit(self.sources, processes=processes, nice=nice))

    def _fetched(self, payload: DocumentCreate, key: str | None) -> Prepared:
        """A URL item fetched and prepared (on a fetch thread: no database, no ORM object)."""
        prepared = prepare(payload=payload, user=None, settings=self.settings, url_key=key)
        prepared.row["created_by"] = self.created_by
        return prepared

    def _future(self, i: int) -> Future | None:
        if i in self.fetches:
            return self.fetches[i]
        if i in self.at:
            return self.futures[self.at[i] // procs.CHUNK]
        return None

    def ready(self, i: int) -> bool:
        """Whether item `i`'s work is finished (or it has none), so reading it will not wait."""
        future = self._future(i)
        return future is None or future.done() or self.at.get(i, -1) // procs.CHUNK in self.chunks

    def wait(self, i: int) -> None:
        """Block until item `i`'s work is finished (or failed)."""
        future = self._future(i)
        if future is not None:
            wait([future])

    def worked(self, i: int) -> Worked | Exception | None:
        """Item `i`'s result from the ingest processes (waiting for it); None when it went elsewhere."""
        if i not in self.at:
            return None
        n, place = divmod(self.at[i], procs.CHUNK)
        if n not in self.chunks:
            future = self.futures[n]
            assert future is not None  # released chunks are never read again
            self.chunks[n] = procs.chunk_result(future, self.sources[n * procs.CHUNK : (n + 1) * procs.CHUNK])
            self.futures[n] = None
        return self.chunks[n][place]

    def release(self, upto: int) -> None:
        """Forget the results of chunks whose items all come before item `upto`."""
        last = len(self.items) - 1
        for n in [n for n in self.chunks if self.items[min((n + 1) * procs.CHUNK - 1, last)] < upto]:
            del self.chunks[n]
