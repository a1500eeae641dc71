"""Execute the plan: make every job's file, in the plan's order.

Writers run here. Templates are rendered through the render cache; what it cannot answer is rendered on every core
(pool.fork_map) once every job's context is made, together with the files made by slow pure functions (share cards,
`Compute`), and the finished bytes are stored in the cache.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field

import jinja2

from .cache import Cache
from .contexts import Contexts
from .errors import Problem, Problems
from .jobmemo import Kept
from .pagetypes import BY_NAME
from .plan import Compute, Job, Plan, Render
from .pool import fork_map
from .render import template_problem

MIN_RENDERS = 200  # below this, starting worker processes costs more than it saves


@dataclass
class Output:
    files: dict[str, bytes] = field(default_factory=dict)  # output path (posix, relative) -> bytes
    problems: Problems = field(default_factory=Problems)
    pages: int = 0
    rendered: int = 0  # files made through the render cache: pages and share cards, drawn now or reused
    plan: Plan = field(default_factory=lambda: Plan(()))
    seconds: dict[str, float] = field(default_factory=dict)  # each stage's wall time, for the build's last line


def render_bytes(env: jinja2.Environment, render: Render, path: str, problems: Problems) -> bytes | None:
    try:
        return env.get_template(render.template).render(render.context).encode("utf-8")
    except Exception as error:  # a template calling a filter badly must not crash the build
        template_problem(error, problems, path)
        return None


def _made(env: jinja2.Environment, made: Render | Compute, path: str, problems: Problems) -> bytes | None:
    return made.make() if isinstance(made, Compute) else render_bytes(env, made, path, problems)


def execute(plan: Plan, contexts: Contexts, cache: Cache, out: Output, workers: int | None) -> None:
    env = contexts.env
    memo = cache.job_memo(contexts.data, env)
    queue: list[tuple[Job, Render | Compute, str | None, str | None]] = []
    for job in plan.jobs:
        job_key = memo.key(job) if memo is not None and BY_NAME[job.kind].keyed else None
        kept = memo.get(job_key) if memo is not None and job_key else None
        if kept is not None:
            _reuse(job, kept, cache, out)
            continue
        reported = len(out.problems.items)
        made = BY_NAME[job.kind].make(job, contexts)
        if len(out.problems.items) > reported:  # what it reported is reported again by every build that makes it
            job_key = None
        if isinstance(made, bytes):
            out.files[job.path] = made
            if memo is not None and job_key:
                memo.put(job_key, Kept(made, None, False))
            continue
        if isinstance(made, Compute):
            key = made.key if cache.keeps else None
        else:
            key = cache.render_key(env, made.template, made.context, made.known)
        cached = cache.get_rendered(key) if key else None
        if cached is not None:
            _reuse(job, Kept(cached, key, True), cache, out)
            if memo is not None and job_key:
                memo.put(job_key, Kept(cached, key, True))
            continue
        out.files[job.path] = b""  # keeps the file's place; filled in (or removed on error) below
        queue.append((job, made, key, job_key))
    for template in sorted({made.template for _, made, _, _ in queue if isinstance(made, Render)}):
        with contextlib.suppress(Exception):  # compiled once, before any fork; a broken one is reported by each render
            env.get_template(template)

    def render(item: tuple[Job, Render | Compute, str | None, str | None]) -> tuple[bytes | None, list[Problem]]:
        found = Problems()
        return _made(env, item[1], item[0].path, found), found.items

    for (job, _, key, job_key), (data, problems) in zip(queue, fork_map(render, queue, workers, MIN_RENDERS),
                                                        strict=True):
        out.problems.items.extend(problems)
        if data is None:
            del out.files[job.path]
            continue
        out.files[job.path] = data
        out.pages += job.path.endswith(".html")
        out.rendered += 1
        if key:
            cache.put_rendered(key, data)
        if memo is not None and job_key and not problems:
            memo.put(job_key, Kept(data, key, True))


def _reuse(job: Job, kept: Kept, cache: Cache, out: Output) -> None:
    """A file made before: counted as the render cache counts its hits, and kept in use in that cache."""
    out.files[job.path] = kept.data
    if kept.rendered:
        out.pages += job.path.endswith(".html")
        out.rendered += 1
    if kept.render_key:
        cache.put_rendered(kept.render_key, kept.data)
