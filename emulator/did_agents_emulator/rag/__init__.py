"""Retrieval-augmented answers over knowledge bases, one job per module.

``ingest`` adds a document (fetch, extract and chunk it with ``..ingestion``, store it with
``..store.knowledge``); ``index`` keeps each knowledge base's BM25 index (``..retrieval``) over its
ready chunks; ``answers`` turns the best chunks into an answer (``..responder``). The SQL is in
``..store.knowledge``.
"""
