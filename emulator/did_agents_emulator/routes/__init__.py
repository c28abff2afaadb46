"""HTTP routes. Every route has the same shape:

* ``@router.<method>(path, response_model=<a model of ..responses>)``, plus ``status_code`` and
  ``response_model_exclude_unset=True`` where the body has optional fields (a 204 has
  ``response_class=Response`` and no model);
* parameters: ``caller: ApiCaller`` (API keys) or ``caller: AnyCaller`` (client keys too), or
  ``ctx: Ctx`` for the unauthenticated ``/_emulator`` routes; path parameters; a body model of
  ``..models``;
* body: ``ctx, principal = caller``, one call into ``..store`` or ``..rag``, return what it returns.

``async def`` unless the call blocks: writes through ``db.tx()`` and calls over the network (document
sources, webhooks) are ``def``, which FastAPI runs in its worker threads; reads and group-committed
writes (``await db.write_async``) run on the event loop.
"""
