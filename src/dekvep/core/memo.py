"""Answers read once per request: a page that shows the same figure in two places, or asks for
the same aggregate from several helpers, reads the database once.

The memo lives for one safe request (GET or HEAD, entered by ``RequestMemoMiddleware``) or one
``reading()`` block, never longer: nothing is kept between requests, so no page shows another
request's (or another user's) answer, and a request that changes data never reads an answer it
made stale. Outside a reading, ``once`` simply computes.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

T = TypeVar("T")

_MEMO: ContextVar[dict | None] = ContextVar("dekvep_request_memo", default=None)


@contextmanager
def reading() -> Iterator[None]:
    """Within it, ``once`` computes each key once; nested readings share the outer memo."""
    if _MEMO.get() is not None:
        yield
        return
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


def once(key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, read once per key within a reading (every time outside one)."""
    memo = _MEMO.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def in_reading() -> bool:
    return _MEMO.get() is not None


def is_kept(key: Hashable) -> bool:
    memo = _MEMO.get()
    return memo is not None and key in memo


def programme_key(programme) -> Hashable:
    """The memo key part of a programme (or of none)."""
    return getattr(programme, "pk", programme)


class RequestMemoMiddleware:
    """Each GET or HEAD request reads inside its own memo."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        with reading():
            return self.get_response(request)
