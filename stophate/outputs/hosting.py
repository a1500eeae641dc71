"""How the site is served, written once: security headers, cache rules and file types.

`_headers` (Netlify, Cloudflare Pages), the nginx server block and the Caddyfile (serverconf.py, written into deploy/)
are all made from `rules()` and `MIME_TYPES` below, so the three cannot say different things. The same policy is in
each page's meta tag; a header adds what a meta tag cannot (frame-ancestors).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

from .. import routes

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
    "connect-src 'self'; frame-src 'none'; object-src 'none'; base-uri 'none'; form-action 'self'"
)
# Pages other sites may show in a frame, by folder, with who may frame them (a CSP frame-ancestors source list).
# Every other page refuses to be framed. An embeddable page is one entry here, for example
# "events/embed/": "https:"; every server config and _headers follow.
FRAMEABLE: dict[str, str] = {routes.embed_events().lstrip("/"): "https:"}  # upcoming events, for partners' sites
# Folders whose pages may compile WebAssembly: the search page runs Pagefind, whose worker lives in pagefind/.
WASM = ("search/", "pagefind/")

# Features a page could ask the browser for; the site uses none of them, so no page (or injected script) may.
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in (
    "accelerometer", "autoplay", "browsing-topics", "camera", "display-capture", "fullscreen", "geolocation",
    "gyroscope", "magnetometer", "microphone", "midi", "payment", "publickey-credentials-get", "usb",
    "xr-spatial-tracking"))
# One year, this host only: includeSubDomains could cut off a council's other sites still on plain HTTP.
HSTS = "max-age=31536000"
SECURITY_HEADERS: tuple[tuple[str, str], ...] = (
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),  # residents' visits leak nothing to the sites they go on to
    ("Permissions-Policy", PERMISSIONS_POLICY),
)

ASSETS = "assets/"  # fingerprinted files: their names change when their bytes do, so they never need asking again
CACHE_FOREVER = "public, max-age=31536000, immutable"
CACHE_REVALIDATE = "no-cache"  # everything else may be kept, but is checked with the server on every visit

# The only file types the site publishes. Text types are sent as UTF-8 and precompressed (.gz, .br) by the build.
MIME_TYPES: dict[str, str] = {
    "html": "text/html", "css": "text/css", "js": "text/javascript", "json": "application/json",
    "xml": "application/xml", "ics": "text/calendar", "txt": "text/plain", "svg": "image/svg+xml",
    "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif", "webp": "image/webp",
    "avif": "image/avif", "ico": "image/x-icon", "pdf": "application/pdf", "woff2": "font/woff2",
}
TEXT_TYPES = frozenset(("text/html", "text/css", "text/javascript", "application/json", "application/xml",
                        "application/atom+xml", "text/calendar", "text/plain", "image/svg+xml"))
FILE_TYPES: dict[str, str] = {"feed.xml": "application/atom+xml"}  # whole names whose type the extension misstates


def content_type(mime: str) -> str:
    return f"{mime}; charset=utf-8" if mime in TEXT_TYPES and mime != "image/svg+xml" else mime


def header_policy(frame_ancestors: str = "'none'", wasm: bool = False) -> str:
    return f"{search_policy() if wasm else CONTENT_SECURITY_POLICY}; frame-ancestors {frame_ancestors}"


def search_policy(policy: str = CONTENT_SECURITY_POLICY) -> str:
    """The search page's policy: the site's own, letting Pagefind compile its WebAssembly."""
    return policy.replace("script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", 1)


@dataclass(frozen=True)
class Rule:
    """The full set of headers for every path under `folder` (relative to the site's root; "" is every path),
    unless a longer folder's rule also matches. `content_type` overrides the type of one file (`exact`)."""

    folder: str
    headers: tuple[tuple[str, str], ...]
    exact: bool = False
    content_type: str = ""

    @property
    def cache_control(self) -> str:
        return dict(self.headers)["Cache-Control"]


def _headers(cache: str, frame_ancestors: str = "'none'", wasm: bool = False) -> tuple[tuple[str, str], ...]:
    return (("Content-Security-Policy", header_policy(frame_ancestors, wasm)), *SECURITY_HEADERS,
            ("Cache-Control", cache))


def rules() -> list[Rule]:
    """Most general first: every page, fingerprinted assets, files with their own type, then embeddable pages."""
    found = [Rule("", _headers(CACHE_REVALIDATE)), Rule(ASSETS, _headers(CACHE_FOREVER))]
    found += [Rule(name, _headers(CACHE_REVALIDATE), exact=True, content_type=content_type(mime))
              for name, mime in FILE_TYPES.items()]
    found += [Rule(folder, _headers(CACHE_REVALIDATE, ancestors)) for folder, ancestors in FRAMEABLE.items()]
    found += [Rule(folder, _headers(CACHE_REVALIDATE, wasm=True)) for folder in WASM]
    return found


def hidden(name: str) -> bool:
    """Files in site/ that are for the host or the builder, never for visitors: `_headers` and the builder's marker
    (servers refuse any path with a segment starting with "." or "_")."""
    return any(part.startswith((".", "_")) for part in name.split("/"))


def _own_policies() -> dict[str, str]:
    """Folders with a policy of their own (frameable pages, the search page), by folder."""
    return {rule.folder: policy for rule in rules()
            if (policy := dict(rule.headers)["Content-Security-Policy"]) != header_policy()}


def _addresses(base_path: str, path: str) -> list[str]:
    """The addresses a file is asked for by: a page by its folder's too."""
    if path == "index.html" or path.endswith("/index.html"):
        return [base_path + path.removesuffix("index.html"), base_path + path]
    return [base_path + path]


def site_policy_patterns(base_path: str, paths: Iterable[str]) -> list[str]:
    """`_headers` paths that cover every published address once, and no address in a folder with a policy of its
    own. Netlify cannot leave a folder out of a pattern or drop a header another pattern set (it adds up every
    block an address matches), so the patterns are the beginnings of addresses (`/rep*`) that no such folder's
    address begins with: the shortest ones, found letter by letter along those folders' addresses. A pattern never
    ends in `/*`, which Netlify also matches to longer names (`/pa/*` matches /pagefind/)."""
    return list(_patterns(base_path, tuple(f"{base_path}{folder}" for folder in _own_policies()), tuple(paths)))


@functools.lru_cache(maxsize=4)
def _patterns(base_path: str, own: tuple[str, ...], paths: tuple[str, ...]) -> tuple[str, ...]:
    """site_policy_patterns, kept for the same files: a preview rebuild after editing a page plans the same ones."""
    addresses = sorted({address for p in paths if not hidden(p) for address in _addresses(base_path, p)
                        if not address.startswith(own)})
    found: list[str] = []

    def cover(prefix: str, inside: list[str]) -> None:
        if not any(folder.startswith(prefix) for folder in own) and not prefix.endswith("/"):
            found.append(f"{prefix}*")
            return
        if inside and inside[0] == prefix:
            found.append(prefix)
        for letter in dict.fromkeys(address[len(prefix)] for address in inside if len(address) > len(prefix)):
            cover(prefix + letter, [address for address in inside if address.startswith(prefix + letter)])

    cover(base_path, addresses)
    return tuple(found)


def headers_file(base_path: str, paths: Iterable[str]) -> bytes:
    """`_headers` for Netlify and Cloudflare Pages, for a site of these files (paths from its root). Both add up
    the headers of every block an address matches, so each header of an address is set by one block only: the
    security headers that are the same everywhere by the block for every path; caching and file types by their
    rules' blocks (pages and data are left to the hosts' own revalidation: max-age=0, must-revalidate); the
    site-wide policy by the blocks of `site_policy_patterns`, and each folder with a policy of its own by its block.
    An address outside those patterns that the site does not publish gets the 404 page with its meta tag's policy,
    which cannot forbid framing (the 404 page has nothing to click that could do harm)."""
    blocks: dict[str, list[tuple[str, str]]] = {
        f"{base_path}*": [*SECURITY_HEADERS, ("Strict-Transport-Security", HSTS)]}
    for pattern in site_policy_patterns(base_path, paths):
        blocks.setdefault(pattern, []).append(("Content-Security-Policy", header_policy()))
    own = _own_policies()
    for rule in rules()[1:]:
        block = blocks.setdefault(f"{base_path}{rule.folder}" + ("" if rule.exact else "*"), [])
        if rule.cache_control != CACHE_REVALIDATE:
            block.append(("Cache-Control", rule.cache_control))
        if rule.content_type:
            block.append(("Content-Type", rule.content_type))
        if rule.folder in own:
            block.append(("Content-Security-Policy", own[rule.folder]))
    lines = ["# Headers for hosts that read this file (Netlify, Cloudflare Pages). Other servers must not publish it.",
             "# Made by the builder from stophate/outputs/hosting.py, like deploy/nginx.conf and deploy/Caddyfile."]
    for pattern, headers in blocks.items():
        if headers:
            lines += [pattern, *(f"  {name}: {value}" for name, value in headers)]
    lines.append("")
    return "\n".join(lines).encode()


def preview_policy() -> str:
    """The live preview (build.py serve, never a build) also lets livereload's injected script and socket run."""
    return (CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
            .replace("connect-src 'self'", "connect-src 'self' ws:"))
