"""``ClientKey``: a key for browsers (the SDK, the embed widget) to talk to one agent."""

from __future__ import annotations

from ._decl import Prop, ResourceSpec, boolean, identifier, string

__all__ = ["CLIENT_KEY"]

CLIENT_KEY = ResourceSpec(
    name="ClientKey",
    doc=(
        "A client key of one agent, usable only from its `allowed_domains` (the browser's origin). "
        "`allowed_domains` updates in place; a new agent (or `name`) means a new key. The key itself "
        "is a secret output; the resource id is `agt_…/<fingerprint>` and never the key."
    ),
    inputs=(
        identifier("agent_id", "Id of the agent the key opens.", wire=None, required=True, replace=True),
        Prop(
            "allowed_domains",
            "array",
            "Origins the key works from, e.g. `https://www.example.com`.",
            required=True,
            min_items=1,
            items=Prop("item", "string", "", min_length=1, pattern=r"^\S+$", pattern_hint="an origin"),
        ),
        string("name", "A label for the key.", replace=True, min_length=1, not_blank=True),
        boolean(
            "expose_key",
            "Whether the key is the `client_key` output (a secret; the default). `false` keeps it out "
            "of the state and the engine entirely: `-v=9` logs print every output in clear.",
            wire=None,
            default=True,
        ),
    ),
    outputs=(
        string("key_id", "`agt_…/<fingerprint>`: identifies the key without revealing it.", wire=None),
        string(
            "client_key",
            "The key, for `Authorization: Client-Key …` (secret; absent with `expose_key: false`).",
            secret=True,
        ),
        string("created_at", "Creation time."),
    ),
    stable_outputs=("key_id", "client_key", "created_at"),
)
