"""``GET /credits`` (docs ``GetCredits``, schema ``UserCredits``).

Every account has one credit item by default, granted when the server started; the ``no_credits``
config (``--no-credits``) names accounts that have none, which the docs answer with
``404 NotFoundError "not credits found for user"``. Nothing spends credits in the emulator.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from .. import ids
from ..auth import ApiCaller
from ..errors import CreditsNotFoundError
from ..responses import Credits
from ..settings import ALL_ACCOUNTS

router = APIRouter(tags=["Credits"])

DEFAULT_CREDITS = 10000  # the docs example's remaining and total
CREDIT_PERIOD = 30 * 24 * 3600.0  # [INFERRED] a monthly grant: expire_at is 30 days after it
NO_CREDITS = "not credits found for user"  # sic, docs GetCredits 404 example


@router.get("/credits", response_model=Credits)
async def get_credits(caller: ApiCaller) -> dict[str, Any]:
    """The account's credit items and their sums, or 404 ``NotFoundError`` if it has none."""
    ctx, principal = caller
    no_credits = ctx.config.current.no_credits
    if ALL_ACCOUNTS in no_credits or principal.account in no_credits:
        raise CreditsNotFoundError(NO_CREDITS)
    granted = ids.iso(ctx.started_at)
    item = {
        "owner_id": principal.account,
        "created_at": granted,
        "modified_at": granted,
        "valid_from": granted,
        "expire_at": ids.iso(ctx.started_at + CREDIT_PERIOD),
        "remaining": DEFAULT_CREDITS,
        "total": DEFAULT_CREDITS,
        "product_billing_interval": "month",
    }
    return {"credits": [item], "remaining": DEFAULT_CREDITS, "total": DEFAULT_CREDITS}
