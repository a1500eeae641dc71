"""Security headers for static hosts that read a `_headers` file (Netlify, Cloudflare Pages and similar).

The same policy is in each page's meta tag; a header adds what a meta tag cannot (frame-ancestors).
"""

from __future__ import annotations

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
    "connect-src 'self'; frame-src 'none'; object-src 'none'; base-uri 'none'; form-action 'self'"
)


def headers_file(base_path: str) -> bytes:
    lines = [
        f"{base_path}*",
        f"  Content-Security-Policy: {CONTENT_SECURITY_POLICY}; frame-ancestors 'none'",
        "  Referrer-Policy: no-referrer",
        "  X-Content-Type-Options: nosniff",
        "  Permissions-Policy: camera=(), microphone=(), geolocation=(), interest-cohort=()",
        "",
    ]
    return "\n".join(lines).encode()
