"""The bare baseline of ``emulator_throughput``: Starlette under uvicorn, nothing else.

The same two routes as the measured emulator calls (``GET /agents/{id}`` and ``POST
/agents/{id}/chat/{chatId}``) answering a fixed JSON body of similar size: no middleware, auth,
validation or database. It is served with exactly the uvicorn settings of ``did-agents-emulator
serve`` (``did_agents_emulator.cli.UVICORN_SETTINGS``), so the ratio is the emulator's own cost.

    python bench/baseline_app.py --port 8799 [--loop auto|asyncio|uvloop] [--http auto|h11|httptools]
"""

from __future__ import annotations

import argparse
import json

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from did_agents_emulator.cli import UVICORN_SETTINGS

AGENT = {
    "id": "agt_baseline0000",
    "preview_name": "Baseline",
    "presenter": {
        "type": "talk",
        "source_url": "https://example.com/a.png",
        "thumbnail": "https://example.com/t.png",
    },
    "starter_message": [],
    "greetings": [],
    "embed": False,
    "provider": "d-id-agents",
    "status": "done",
    "created": "2024-05-01T12:00:00.000Z",
    "modified": "2024-05-01T12:00:00.000Z",
    "owner_id": "acc_0000000000000000",
    "created_by": "emulator|acc_0000000000000000",
    "access": "unlisted",
    "metadata": {"plan": "emulator"},
}
REPLY = {
    "result": 'According to "Manual": "The warranty lasts two years from the date of purchase."',
    "documentIds": ["knl_x#doc_y"],
    "matches": [],
    "chatMode": "Functional",
    "context": "The warranty lasts two years from the date of purchase.",
}


async def get_agent(request: Request) -> Response:
    return Response(
        json.dumps({**AGENT, "id": request.path_params["agent_id"]}), media_type="application/json"
    )


async def chat(request: Request) -> Response:
    await request.body()  # read the message, as any endpoint must
    return Response(json.dumps(REPLY), media_type="application/json")


app = Starlette(
    routes=[
        Route("/agents/{agent_id}", get_agent, methods=["GET"]),
        Route("/agents/{agent_id}/chat/{chat_id}", chat, methods=["POST"]),
    ]
)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--loop", choices=("auto", "asyncio", "uvloop"), default="auto")
    parser.add_argument("--http", choices=("auto", "h11", "httptools"), default="auto")
    args = parser.parse_args(argv)
    uvicorn.run(app, host=args.host, port=args.port, loop=args.loop, http=args.http, **UVICORN_SETTINGS)


if __name__ == "__main__":
    main()
