"""Which requests the preview answers: those addressed to this computer by its own name, for plain site paths.

The preview shows drafts, so it must not be readable by a web page from elsewhere. A page on another website can
make its own host name point at 127.0.0.1 (DNS rebinding) and then read the preview as if it were its own: the
browser still sends that other name in Host, so only loopback names, the address the preview listens on, and
literal addresses (which no other website can own) are answered. A request sent by another site's page carries that
site's Origin, so any Origin but the preview's own is refused too.

Paths are checked before they touch the file system: an encoded NUL, a control character, a backslash or a `..`
never reaches a file.
"""

from __future__ import annotations

import ipaddress
import re
from http import HTTPStatus
from urllib.parse import unquote, urlsplit

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
MAX_PATH = 2048  # characters of the address's path: a real page's is well under 200
_HOST = re.compile(r"(?:\[(?P<ipv6>[0-9A-Fa-f:.]+)\]|(?P<name>[A-Za-z0-9._-]+))(?::(?P<port>[0-9]{1,5}))?")


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _split_host(host: str) -> tuple[str, int | None] | None:
    """The name (lower case, IPv6 without brackets) and port of a Host header, or None when it is not one."""
    match = _HOST.fullmatch(host)
    if match is None:
        return None
    name = match["ipv6"] or match["name"]
    if match["ipv6"] and _address(name) is None:
        return None
    return name.lower(), int(match["port"]) if match["port"] else None


def _name_allowed(name: str, bound: str) -> bool:
    if name in LOOPBACK_NAMES or name == bound.lower():
        return True
    address, listening = _address(name), _address(bound)
    if address is None:  # a name: only the loopback ones are this computer's for sure
        return False
    return address.is_loopback or (listening is not None and listening.is_unspecified)


def host_allowed(host: str | None, bound: str, port: int) -> bool:
    """True when the Host header names this computer: a loopback name, the address listened on (any literal
    address of this computer when it listens on all of them), and the port listened on."""
    parts = _split_host(host.strip()) if host else None
    if parts is None:
        return False
    name, asked = parts
    return _name_allowed(name, bound) and (asked or 80) == port


def origin_allowed(origin: str | None, bound: str, port: int) -> bool:
    """True when no Origin is sent (a same-origin page load), or it is the preview's own."""
    if origin is None:
        return True
    scheme, _, host = origin.partition("://")
    return scheme.lower() == "http" and host_allowed(host, bound, port)


def site_path(target: str) -> str | HTTPStatus:
    """The decoded path of a request target, or the status to answer when it cannot be a file of the site."""
    if not target.startswith("/"):
        return HTTPStatus.BAD_REQUEST  # an absolute address or `*`: the preview is not a proxy
    raw = urlsplit(target).path
    if len(raw) > MAX_PATH:
        return HTTPStatus.REQUEST_URI_TOO_LONG
    try:
        path = unquote(raw, errors="strict")
    except UnicodeDecodeError:
        return HTTPStatus.BAD_REQUEST
    if "\\" in path or any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in path):
        return HTTPStatus.BAD_REQUEST
    segments = path.split("/")[1:]
    if any(segment in (".", "..") for segment in segments):
        return HTTPStatus.BAD_REQUEST
    if "" in segments[:-1]:
        return HTTPStatus.NOT_FOUND  # `//name/` would send a redirect to another host
    return path
