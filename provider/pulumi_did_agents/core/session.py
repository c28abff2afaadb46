"""What one provider process shares between resources: settings, a connection pool, the ownership
indexes, a progress reporter and the fence against acting for an engine that has died.

The fence is whether the engine that started this provider is still there. This module stays light
(the standard library and :mod:`pulumi_did_agents.errors`): the native plugin imports it to watch
the engine before it announces its port, and the HTTP client, the core and the schema load after
that. Plugins run in their own process groups, so a killed ``pulumi up`` leaves its providers
running. Both front ends ask before every create and exit once the engine is gone.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import threading
import time
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from ..errors import ProviderError

if TYPE_CHECKING:
    import httpx

    from ..client import Client
    from ..uploaders import Uploader
    from .account import AccountCheck
    from .settings import ProviderSettings

__all__ = [
    "MarkerIndex",
    "Notice",
    "Progress",
    "Session",
    "engine_alive",
    "exit_with_engine",
    "watch_engine",
]

log = logging.getLogger("pulumi_did_agents.core")

_PARENT_PID = os.getppid()
"""The process that started this provider: the Pulumi engine. Captured when the provider loads."""

_ENGINE: tuple[str, int] | None = None
"""The engine's gRPC address, once a plugin host has named it (:func:`watch_engine`)."""


def watch_engine(address: str | None) -> None:
    """Also judge the engine's life by its gRPC address (``127.0.0.1:PORT``, a plugin's argument).

    The parent is not always the engine: the SDK's ``pulumi-resource-pulumi-python`` is a shell
    script that runs Python without ``exec``, so a dynamic provider's parent is that shell, which
    lives as long as the provider does. A killed engine's listening socket is closed by the kernel,
    so a refused connection says it is gone on every platform.
    """
    global _ENGINE
    host, sep, port = (address or "").rpartition(":")
    _ENGINE = (host.strip("[]"), int(port)) if sep and host and port.isdigit() else None


def engine_alive() -> bool:
    """False once the engine that started us has exited (we were re-parented, or its port is closed).

    Plugins run in their own process groups, so a killed ``pulumi up`` leaves them running. A
    provider that then created objects would make them for a run that can no longer record them.
    """
    if os.getppid() != _PARENT_PID:
        return False
    if _ENGINE is None:
        return True
    try:
        socket.create_connection(_ENGINE, timeout=2).close()
    except ConnectionRefusedError:
        return False
    except OSError:
        return True  # slow or unusual, not provably gone: acting on a live engine's behalf is right
    return True


def exit_with_engine(address: str | None, what: str, interval: float = 1.0) -> None:
    """Watch the engine at ``address`` and exit this process (``what``, for the log) once it is gone:
    nothing done afterwards could be recorded in the stack's state."""
    watch_engine(address)

    def watch() -> None:
        while engine_alive():
            time.sleep(interval)
        log.warning("the Pulumi engine exited; stopping %s", what)
        os._exit(0)

    threading.Thread(target=watch, name="didagents-engine-watch", daemon=True).start()


T = TypeVar("T")

Progress = Callable[[str, str], None]
"""``progress(urn, message)``: status text shown beside a resource while it waits."""

Notice = Callable[[str, str], None]
"""``notice(urn, message)``: a line kept in the output under the resource (an adoption)."""


class MarkerIndex(Generic[T]):
    """The objects of one listing (all agents, one knowledge base's documents …) by ownership marker.

    Loaded at most once per process and scope: what a killed earlier run left behind was made
    before this process started, so one listing finds it, and later creates cost no extra call.
    """

    def __init__(
        self,
        load: Callable[[], Iterable[T]],
        marker_of: Callable[[T], str | None],
        id_of: Callable[[T], str],
        *,
        empty: bool = False,
    ) -> None:
        self._load = load
        self._marker_of = marker_of
        self._id_of = id_of
        self._lock = threading.Lock()
        self._by_marker: dict[str, list[T]] | None = {} if empty else None

    def candidates(self, marker: str) -> list[T]:
        with self._lock:
            if self._by_marker is None:
                self._fill()
            assert self._by_marker is not None
            return list(self._by_marker.get(marker, []))

    def prefetch(self) -> None:
        """Start loading now, in the background, so the first create that needs the index does not
        wait for the listing. A failed load is left to that create, which loads (and reports) again."""

        def load() -> None:
            with contextlib.suppress(Exception):
                self.candidates("")

        threading.Thread(target=load, name="didagents-prefetch", daemon=True).start()

    def reload(self) -> None:
        """Forget the snapshot: after an ambiguous create the object may exist now."""
        with self._lock:
            self._fill()

    def id_of(self, item: T) -> str:
        return self._id_of(item)

    def forget(self, object_id: str) -> None:
        with self._lock:
            for items in (self._by_marker or {}).values():
                items[:] = [item for item in items if self._id_of(item) != object_id]

    def _fill(self) -> None:
        by_marker: dict[str, list[T]] = {}
        for item in self._load():
            marker = self._marker_of(item)
            if marker:
                by_marker.setdefault(marker, []).append(item)
        self._by_marker = by_marker


def line_urn(urn: str | None) -> str | None:
    """The URN whose line shows a report: a release object's synthetic ``<agent URN>#<part>`` is its
    agent's, the only one the engine knows."""
    return urn.split("#", 1)[0] if urn else urn


@dataclass
class Session:
    """Per-process provider state; the core's only way to reach the API."""

    settings: ProviderSettings
    progress: Progress | None = None
    notices: Notice | None = None
    client_options: dict[str, Any] = field(default_factory=dict)
    """Extra ``Client`` keyword arguments (``transport=``, ``sleep=``): a test seam."""

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._http: httpx.Client | None = None
        self._indexes: dict[Hashable, MarkerIndex[Any]] = {}
        self._fresh: set[Hashable] = set()
        self._uploader: Uploader | None = None
        self._made: set[str] = set()
        self._reported: set[str] = set()
        self._cancelled = threading.Event()
        from ..client import AdaptiveLimiter

        self._limiter = AdaptiveLimiter(sleep=self._sleep)
        """One request rate for every call of this provider process (docs/api-decisions.md)."""
        self._account: AccountCheck | None = None

    def credentials_failure(self) -> str | None:
        """Why the API key or URL cannot work (one line), or ``None``; one API call per session.

        ``didagents:offline`` skips it. Only checks ask: ``up`` keeps the client's retries."""
        if self.settings.offline:
            return None
        from .account import AccountCheck

        with self._lock:
            if self._account is None:
                self._account = AccountCheck(self.settings, self._check_client, self.client)
        return self._account.failure()

    def _check_client(self) -> Client:
        from ..client import Client
        from .account import PREVIEW_TIMEOUT

        seams = {k: v for k, v in self.client_options.items() if k in ("transport", "sleep", "clock")}
        return Client(
            base_url=self.settings.api_url,
            api_key=self.settings.api_key,
            retry_timeout=0,
            timeout=PREVIEW_TIMEOUT,
            **seams,
        )

    def uploader(self) -> Uploader | None:
        """The configured uploader for local document sources (built once), or ``None``."""
        if self.settings.uploader is None:
            return None
        from ..uploaders import uploader_from_url

        with self._lock:
            if self._uploader is None:
                self._uploader = uploader_from_url(self.settings.uploader)
            return self._uploader

    def cancel(self) -> None:
        """The engine is stopping (Ctrl-C): retries and readiness waits end at once, each failing
        with one line; a create whose object exists is reported as made (a partial create)."""
        self._cancelled.set()

    def _sleep(self, seconds: float) -> None:
        if self._cancelled.wait(seconds):
            raise ProviderError("cancelled: the update was interrupted (Ctrl-C) while waiting to retry")

    def client(self, urn: str | None = None) -> Client:
        """A client over the process's shared connection pool (httpx clients are thread-safe);
        its retries are reported beside ``urn``'s resource."""
        import httpx

        from ..client import DEFAULT_TIMEOUT, Client

        if "transport" not in self.client_options:
            with self._lock:
                if self._http is None:
                    self._http = httpx.Client(
                        timeout=DEFAULT_TIMEOUT,
                        follow_redirects=False,
                        limits=httpx.Limits(max_connections=64, max_keepalive_connections=64),
                    )
            options: dict[str, Any] = {"http_client": self._http, "sleep": self._sleep, **self.client_options}
        else:
            options = dict(self.client_options)
        options.setdefault("limiter", self._limiter)
        if urn is not None:
            options["on_retry"] = lambda message: self.report(urn, message)
        return Client(
            base_url=self.settings.api_url,
            api_key=self.settings.api_key,
            retry_timeout=self.settings.retry_timeout,
            **options,
        )

    def index(self, scope: Hashable, build: Callable[[bool], MarkerIndex[Any]]) -> MarkerIndex[Any]:
        """The index of ``scope``, built on first use; ``build(empty)`` gets whether the scope is
        known to hold nothing of ours (a container this process created itself)."""
        with self._lock:
            if scope not in self._indexes:
                self._indexes[scope] = build(scope in self._fresh)
            return self._indexes[scope]

    def forget(self, scope: Hashable, object_id: str) -> None:
        """An object this process deleted must not be adopted by a later create."""
        with self._lock:
            index = self._indexes.get(scope)
            self._made.discard(object_id)
        if index is not None:
            index.forget(object_id)

    def note_made(self, object_id: str) -> None:
        """This process created (or adopted) ``object_id``: inputs naming it need no existence check.

        The engine runs ``Check`` calls one at a time, so a check per dependent resource of an object
        made moments ago (a document's ``knowledge_id``) would put one API round trip per resource on
        the critical path of every ``pulumi up``.
        """
        with self._lock:
            self._made.add(object_id)

    def made_here(self, object_id: str) -> bool:
        with self._lock:
            return object_id in self._made

    def mark_fresh(self, scope: Hashable) -> None:
        """``scope`` (a knowledge base's documents, an agent's keys) was created empty by this process."""
        with self._lock:
            self._fresh.add(scope)

    def ensure_engine_alive(self, what: str) -> None:
        if not engine_alive():
            raise ProviderError(f"not {what}: the Pulumi engine that started this provider has exited")

    def report(self, urn: str | None, message: str) -> None:
        """Progress beside ``urn``'s resource; a release's objects (``<agent URN>#…``) report on
        their agent's line, the only one the engine knows."""
        urn = line_urn(urn)
        if self.progress is not None and urn:
            with self._lock:
                self._reported.add(urn)
            self.progress(urn, message)

    def finished(self, urn: str) -> None:
        """Clear the status text a finished resource's line would otherwise keep ("waiting for …")."""
        with self._lock:
            shown = urn in self._reported
            self._reported.discard(urn)
        if shown and self.progress is not None:
            self.progress(urn, "")

    def notice(self, urn: str, message: str) -> None:
        if self.notices is not None:
            self.notices(line_urn(urn) or urn, message)

    def close(self) -> None:
        with self._lock:
            if self._http is not None:
                self._http.close()
                self._http = None
