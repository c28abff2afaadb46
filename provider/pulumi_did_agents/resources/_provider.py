"""Behaviour shared by the three dynamic providers: configuration, pickling, check and diff.

A provider instance is pickled into every resource's state (``__provider``). It therefore holds no
client and no credential: ``__getstate__`` returns an empty dict, the class is pickled by
reference (it lives in this installed package), and credentials arrive through ``configure()``
in the provider process. That is why ``serialize_as_secret_always`` is ``False``: the blob is a
~100-byte reference to a class, with nothing secret in it, so state needs no passphrase for it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from typing import Any, ClassVar

from pulumi.dynamic import CheckFailure, CheckResult, ConfigureRequest, DiffResult, ResourceProvider
from pydantic import BaseModel, ValidationError

from ..client import Client, DidAgentsError, NotFoundError
from ._settings import ProviderSettings
from ._values import contains_unknown, is_unknown, paths_related, prune_none, strip_unknowns, without_provider

__all__ = ["DidResourceProvider", "ProvisioningError", "differs", "discard"]

log = logging.getLogger("pulumi_did_agents.provider")


class ProvisioningError(DidAgentsError):
    """A create could not finish; the half-made object was deleted (or the message says it was not)."""


def differs(old: Any, new: Any) -> bool:
    """Whether a property changed: unknown values always count as a change (they may)."""
    if contains_unknown(new):
        return True
    return bool(prune_none(old) != prune_none(new))


def discard(action: Callable[[], None], what: str) -> str:
    """Best-effort cleanup after a failed create; returns a sentence for the error message."""
    try:
        action()
    except NotFoundError:
        return f"{what} was already gone"
    except DidAgentsError as exc:
        log.warning("could not delete %s after a failed create: %s", what, exc)
        return f"{what} could NOT be deleted ({exc}); delete it by hand"
    return f"{what} was deleted"


class DidResourceProvider(ResourceProvider):
    """Base class: subclasses declare their inputs model and implement CRUD."""

    # The pickle is a bare class reference (see __getstate__): nothing in it is secret, so it is
    # stored as plain text and a stack's state needs no passphrase just for the provider blob.
    serialize_as_secret_always = False

    inputs_model: ClassVar[type[BaseModel]]
    input_keys: ClassVar[tuple[str, ...]]
    # Consulted only by create(): changing or removing it later must not touch the resource.
    diff_ignored: ClassVar[frozenset[str]] = frozenset({"adopt_id"})
    delete_before_replace: ClassVar[bool | None] = None

    def __init__(self) -> None:
        super().__init__()
        self._settings: ProviderSettings | None = None
        self.client_options: dict[str, Any] = {}
        """Extra ``Client`` keyword arguments (``transport=``, ``sleep=``): a test seam, never pickled."""

    # --- pickling and configuration ---------------------------------------------------------------

    def __getstate__(self) -> dict[str, Any]:
        return {}  # no settings, no credentials, no client: only the class reference is stored

    def __setstate__(self, state: Mapping[str, Any]) -> None:
        DidResourceProvider.__init__(self)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(configured={self._settings is not None})"

    def configure(self, req: ConfigureRequest) -> None:
        """Read ``didagents:apiUrl``/``didagents:apiKey`` (and tuning keys) from the stack config."""
        self._settings = ProviderSettings.resolve(req.config.get)

    @property
    def settings(self) -> ProviderSettings:
        return self._settings if self._settings is not None else ProviderSettings.resolve()

    def client(self) -> Client:
        """A fresh client per operation: the engine calls providers from up to four threads."""
        settings = self.settings
        return Client(
            base_url=settings.api_url,
            api_key=settings.api_key,
            max_retries=settings.max_retries,
            **self.client_options,
        )

    # --- check ----------------------------------------------------------------------------------

    def normalize(self, props: Mapping[str, Any]) -> dict[str, Any]:
        """Fill defaults and drop ``None`` so equal intent gives equal dicts; must tolerate Unknown."""
        return prune_none(dict(props))  # type: ignore[no-any-return]

    def check(self, _olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        """Validate the inputs and return them normalised, or one ``CheckFailure`` per bad field.

        Values still unknown in a preview are left out of validation and kept as they are.
        """
        # Output-only properties may arrive as None/Unknown; anything else unexpected is reported.
        props = {
            key: value
            for key, value in without_provider(news).items()
            if key in self.input_keys or not (value is None or is_unknown(value))
        }
        normalized = self.normalize(props)
        known, unknown_paths = strip_unknowns(normalized)
        try:
            model = self.inputs_model.model_validate(known)
        except ValidationError as exc:
            return CheckResult(normalized, _failures(exc, unknown_paths))
        if unknown_paths:
            return CheckResult(normalized, [])
        return CheckResult(model.model_dump(mode="json", exclude_none=True), [])

    # --- diff -----------------------------------------------------------------------------------

    def pick_inputs(self, props: Mapping[str, Any]) -> dict[str, Any]:
        return self.normalize({key: props[key] for key in self.input_keys if key in props})

    def replaces_for(self, key: str, old: Any, new: Any) -> bool:
        """Whether a change of ``key`` from ``old`` to ``new`` needs a replacement."""
        return False

    def diff(self, _id: str, _olds: dict[str, Any], _news: dict[str, Any]) -> DiffResult:
        """Compare the inputs recorded in state with the new checked inputs (never ``__provider``)."""
        old, new = self.pick_inputs(_olds), self.pick_inputs(_news)
        changed = [
            key
            for key in self.input_keys
            if key not in self.diff_ignored and differs(old.get(key), new.get(key))
        ]
        replaces = [key for key in changed if self.replaces_for(key, old.get(key), new.get(key))]
        return DiffResult(
            changes=bool(changed),
            replaces=replaces,
            delete_before_replace=self.delete_before_replace if replaces else None,
        )


def _failures(exc: ValidationError, unknown_paths: Iterable[tuple[str, ...]]) -> list[CheckFailure]:
    unknown = list(unknown_paths)
    failures: list[CheckFailure] = []
    for error in exc.errors(include_input=False, include_url=False):
        loc = tuple(str(part) for part in error["loc"])
        if any(paths_related(loc, path) for path in unknown):
            continue  # judged again once the value is known
        prop = ".".join(loc) if loc else "<inputs>"
        message = str(error["msg"]).removeprefix("Value error, ")
        # The reason never echoes the value: it may be a secret (llm.custom.key).
        failures.append(CheckFailure(prop, f"{prop}: {message}"))
    return failures
