"""The one way the build uses more than one core: `fork_map`.

The workers are forked, so they start with everything this process has loaded (the site, its views, compiled
templates) without copying it through pickle; only the results come back, through a pipe. This process works on
its own share meanwhile. Measured on the 1,000-page benchmark site with two cores (scripts/benchmark.py), parsing
and rendering take about half the time. Below `least` items, or where fork is unavailable, everything runs here.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import os
import signal
import traceback
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")
_PR_SET_PDEATHSIG = 1


def cores(workers: int | None) -> int:
    """How many processes to use: the number asked for, or every core up to four."""
    return workers or min(os.cpu_count() or 1, 4)


def _die_with_parent(parent: int) -> None:
    """Ask Linux to kill this worker when the build dies, even by kill -9, so no worker keeps computing alone."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the worker ends when it next writes to the closed pipe
        pass
    if os.getppid() != parent:  # the build died before the request was made
        os._exit(1)


def _work(function: Callable[[T], R], items: Sequence[T], share: range, send: Connection, parent: int) -> None:
    _die_with_parent(parent)
    try:
        send.send(("ok", [function(items[index]) for index in share]))
    except BaseException:  # the parent raises it: a worker never dies silently
        send.send(("error", traceback.format_exc()))
    finally:
        send.close()


def fork_map(function: Callable[[T], R], items: Sequence[T], workers: int | None = None, least: int = 200) -> list[R]:
    """[function(item) for item in items], on every core when there are at least `least` items.

    `function` may be a closure over the loaded build: with fork nothing of it is pickled, only its results.
    """
    count = cores(workers)
    if len(items) < least or count < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [function(item) for item in items]
    context = multiprocessing.get_context("fork")
    shares = [range(first, len(items), count) for first in range(count)]  # interleaved: costly runs are spread
    children = []
    for share in shares[1:]:
        receive, send = context.Pipe(duplex=False)
        child = context.Process(target=_work, args=(function, items, share, send, os.getpid()), daemon=True)
        child.start()
        send.close()
        children.append((child, receive))
    results: list[R] = [None] * len(items)  # type: ignore[list-item]
    try:
        results[0::count] = [function(items[index]) for index in shares[0]]
        for number, (_child, receive) in enumerate(children, 1):
            status, value = receive.recv()
            if status == "error":
                raise RuntimeError(f"a worker process failed:\n{value}")
            results[number::count] = value
    finally:
        for child, receive in children:
            receive.close()
            child.join(timeout=5)
            if child.is_alive():
                child.kill()
    return results
