"""Render queued pages on every core.

While SiteBuilder.build runs, renders that the cache cannot answer are queued; then worker processes render
slices of the queue. The workers are forked, so they share the loaded site, its views and compiled templates
without copying them; only the finished bytes come back. Measured on the 1,000-page benchmark site with two cores
(scripts/benchmark.py): rendering takes about half the time. Below MIN_JOBS, or where fork is unavailable,
everything renders in this process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING, Any, TypeVar

from .errors import Problem, Problems

if TYPE_CHECKING:
    from .site import Output, SiteBuilder

MIN_JOBS = 200
T = TypeVar("T")
R = TypeVar("R")
Job = tuple[str, dict[str, Any], str, str | None]  # template, context, output path, cache key

_builder: SiteBuilder | None = None  # set before the fork: workers read them, nothing is pickled
_jobs: list[Job] = []


def _render_slice(indexes: list[int]) -> list[tuple[int, bytes | None, list[Problem]]]:
    assert _builder is not None
    results = []
    for index in indexes:
        template, context, path, _ = _jobs[index]
        problems = Problems()
        results.append((index, _builder.render_bytes(template, context, path, problems), problems.items))
    return results


def render_queued(builder: SiteBuilder, jobs: list[Job], out: Output, workers: int | None) -> None:
    """Fill in the placeholders the queued renders left in out.files, in their original order."""
    global _builder, _jobs
    workers = workers or min(os.cpu_count() or 1, 4)
    if len(jobs) < MIN_JOBS or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        results = [(i, builder.render_bytes(t, c, p, out.problems), []) for i, (t, c, p, _) in enumerate(jobs)]
    else:
        _builder, _jobs = builder, jobs
        try:
            first = builder.render_bytes(*jobs[0][:3], out.problems)  # compiles the templates once, before the fork
            step = max(1, (len(jobs) - 1) // (workers * 4))
            slices = [list(range(start, min(start + step, len(jobs)))) for start in range(1, len(jobs), step)]
            with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
                results = [(0, first, [])] + [r for chunk in pool.map(_render_slice, slices) for r in chunk]
        finally:
            _builder, _jobs = None, []
    for index, data, problems in results:
        out.problems.items.extend(problems)
        path, key = jobs[index][2], jobs[index][3]
        if data is None:
            del out.files[path]
            continue
        out.files[path] = data
        out.pages += path.endswith(".html")
        if builder.cache and key:
            builder.cache.put_rendered(key, data)


_task: Callable[[Any], Any] | None = None
_items: Sequence[Any] = ()


def _run_slice(indexes: list[int]) -> list[Any]:
    assert _task is not None
    return [_task(_items[index]) for index in indexes]


def fork_map(function: Callable[[T], R], items: Sequence[T], workers: int | None) -> list[R]:
    """[function(item) for item in items], on every core when there are many items. Like the render queue, the
    workers are forked: `function` may be a closure over the loaded site; only its results are pickled."""
    global _task, _items
    workers = workers or min(os.cpu_count() or 1, 4)
    if len(items) < MIN_JOBS or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [function(item) for item in items]
    _task, _items = function, items
    try:
        step = max(1, len(items) // (workers * 4))
        slices = [list(range(start, min(start + step, len(items)))) for start in range(0, len(items), step)]
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            return [result for chunk in pool.map(_run_slice, slices) for result in chunk]
    finally:
        _task, _items = None, ()
