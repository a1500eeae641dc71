"""What a template reads: its own source and every template it extends, imports or includes, and the context names
they use (found by Jinja's own analysis). The render cache keys a rendered file on exactly these."""

from __future__ import annotations

from dataclasses import dataclass, field

import jinja2
from jinja2 import meta

from .digests import digest_bytes


@dataclass(frozen=True)
class TemplateInfo:
    digest: bytes  # the sources of the template and everything it pulls in
    names: frozenset[str] | None  # context names read; None means "any": depend on the whole context


@dataclass
class TemplateInfos:
    """Analyses kept from build to build while every template they pulled in is unchanged."""

    known: dict[tuple[str, bytes], TemplateInfo] = field(default_factory=dict)  # (name, sources digest) -> info
    closures: dict[str, tuple[str, ...] | None] = field(default_factory=dict)  # name -> the templates it pulls in
    this_build: dict[str, TemplateInfo] = field(default_factory=dict)
    # one template's own reads, by its source: a layout or macro file is analysed once, not once per page type
    reads: dict[str, _Reads] = field(default_factory=dict)

    def get(self, env: jinja2.Environment, name: str) -> TemplateInfo:
        info = self.this_build.get(name)
        if info is not None:
            return info
        closure = self.closures.get(name)
        if closure is not None:  # reuse the last analysis while every template it pulled in is unchanged
            info = self.known.get((name, _sources_digest(env, closure)))
        if info is None:
            info, closure = _analyse(env, name, self.reads)
            self.closures[name] = closure
            self.known[(name, info.digest)] = info
        self.this_build[name] = info
        return info


def _sources_digest(env: jinja2.Environment, names: tuple[str, ...]) -> bytes:
    assert env.loader is not None
    return digest_bytes(*(part for name in names
                          for part in (name.encode(), env.loader.get_source(env, name)[0].encode()))).encode()


@dataclass(frozen=True)
class _Reads:
    names: frozenset[str]  # the context names this template's own source reads
    templates: tuple[str | None, ...]  # the templates it pulls in; None for one chosen at run time


def _reads(env: jinja2.Environment, source: str, known: dict[str, _Reads]) -> _Reads:
    # Jinja's analysis runs its code generator over the template: the slowest part of a cold build's keying
    key = digest_bytes(source.encode())
    found = known.get(key)
    if found is None:
        ast = env.parse(source)
        found = known[key] = _Reads(frozenset(meta.find_undeclared_variables(ast)),
                                    tuple(meta.find_referenced_templates(ast)))
    return found


def _analyse(env: jinja2.Environment, name: str,
             known: dict[str, _Reads]) -> tuple[TemplateInfo, tuple[str, ...] | None]:
    """The template, everything it extends, imports or includes, and the context names they read."""
    assert env.loader is not None
    seen: set[str] = set()
    names: set[str] | None = set()
    dynamic = False
    todo = [name]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        reads = _reads(env, env.loader.get_source(env, current)[0], known)
        if names is not None:
            names |= reads.names
        for referenced in reads.templates:
            if referenced is None:  # a template chosen at run time: depend on every template and every name
                todo.extend(env.list_templates())
                dynamic = True
            else:
                todo.append(referenced)
    context_names = _context_reads(env)
    if dynamic or context_names is None:
        names = None
    elif names is not None:
        names |= context_names
    closure = tuple(sorted(seen))
    info = TemplateInfo(_sources_digest(env, closure), frozenset(names) if names is not None else None)
    return info, (None if dynamic else closure)


def _context_reads(env: jinja2.Environment) -> frozenset[str] | None:
    """The context names read by globals and filters marked pass_context; None when one could read any name
    (then a render depends on all of them).

    Jinja's own filters and gettext functions are marked so only to reach the environment or learn whether to
    autoescape; they read no names. Ours say what they read in `context_names` (render.py's url reads `lang`).
    """
    found: set[str] = set()
    for value in [*env.globals.values(), *env.filters.values(), *env.tests.values()]:
        marker = getattr(value, "jinja_pass_arg", None)
        builtin = getattr(value, "__module__", "").startswith("jinja2.")
        if marker is not None and marker.name == "context" and not builtin:
            declared = getattr(value, "context_names", None)
            if declared is None:
                return None
            found |= declared
    return frozenset(found)
