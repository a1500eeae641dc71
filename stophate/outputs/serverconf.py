"""The nginx server block and the Caddyfile in deploy/, written from hosting.py's rules.

`python -m stophate.outputs.serverconf` (make deploy-configs) rewrites deploy/; a test fails when the committed
files differ from what this writes. The tests also run both servers on a built site with these same functions.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .hosting import HSTS, MIME_TYPES, TEXT_TYPES, Rule, content_type, rules

DEPLOY = Path(__file__).resolve().parent.parent.parent / "deploy"
EXAMPLE_HOST = "stophate.example.gov.uk"
EXAMPLE_ROOT = "/var/www/stophate/site"
HIDDEN_PATTERN = "/[._]"  # a path segment starting with . or _: _headers, the builder's marker, any dotfile
_NOTICE = ("Made by `make deploy-configs` from stophate/outputs/hosting.py: change that file, not this one\n"
           "(a test fails when the two differ).")


def _comment(text: str, indent: str = "") -> list[str]:
    return [f"{indent}# {line}".rstrip() for line in text.splitlines()]


def _quoted(value: str) -> str:
    return '"' + value.replace('"', '\\"') + '"'


def _nginx_location(rule: Rule) -> list[str]:
    where = f"= /{rule.folder}" if rule.exact else f"/{rule.folder}"
    lines = [f"    location {where} {{"]
    if rule.content_type:
        lines += ["        types { }", f"        default_type {_quoted(rule.content_type.split(';')[0])};"]
    else:
        lines.append("        try_files $uri $uri/ =404;")
    # add_header in a location replaces every inherited one, so each location lists them all
    for name, value in (*rule.headers, ("Strict-Transport-Security", HSTS)):
        lines.append(f"        add_header {name} {_quoted(value)} always;")
    return [*lines, "    }"]


def _nginx_redirect(http_listen: tuple[str, ...], server_name: str) -> list[str]:
    return [
        "# Plain HTTP answers certificate checks (Let's Encrypt) and sends everyone else to HTTPS.",
        "server {",
        *(f"    listen {listen};" for listen in http_listen),
        f"    server_name {server_name};",
        "    server_tokens off;",
        "    location /.well-known/acme-challenge/ {",
        "        root /var/www/letsencrypt;",
        "    }",
        "    location / {",
        "        return 301 https://$host$request_uri;",
        "    }",
        "}",
    ]


def nginx_conf(server_name: str = EXAMPLE_HOST, root: str = EXAMPLE_ROOT,
               http_listen: tuple[str, ...] = ("80", "[::]:80"),
               https_listen: tuple[str, ...] = ("443 ssl http2", "[::]:443 ssl http2"),
               certificate: str = f"/etc/letsencrypt/live/{EXAMPLE_HOST}/fullchain.pem",
               key: str = f"/etc/letsencrypt/live/{EXAMPLE_HOST}/privkey.pem") -> str:
    """Two server blocks for nginx's http {} (Debian: /etc/nginx/sites-available/): plain HTTP sends everyone to
    HTTPS; HTTPS serves the site."""
    by_type: dict[str, list[str]] = {}
    for extension, mime in MIME_TYPES.items():
        by_type.setdefault(mime, []).append(extension)
    charset_types = sorted(TEXT_TYPES - {"text/html"})
    lines = [
        *_comment("nginx server blocks for the Stop Hate site.\n" + _NOTICE + "\n"
                  "Debian: copy to /etc/nginx/sites-available/stophate, link it into sites-enabled/, set\n"
                  "server_name, root and the certificate paths, then `nginx -t && systemctl reload nginx`.\n"
                  "docs/hosting.md has more."),
        "",
        *_nginx_redirect(http_listen, server_name),
        "",
        "server {",
        "    # nginx 1.25 and later: `listen 443 ssl;` and `http2 on;` (this form still works, with a warning).",
        *(f"    listen {listen};" for listen in https_listen),
        f"    server_name {server_name};",
        f"    ssl_certificate {certificate};",
        f"    ssl_certificate_key {key};",
        "    ssl_protocols TLSv1.2 TLSv1.3;",
        "",
        "    # The folder the build writes (python build.py --out ...); each build swaps it in whole.",
        f"    root {root};",
        "    index index.html;",
        "    server_tokens off;",
        "    absolute_redirect off;  # /about -> /about/ keeps the host and port the visitor used",
        "    error_page 404 /404.html;  # the site's own page, with status 404",
        "",
        "    # Only the file types the site publishes, with the types calendars and feeds need; nothing is guessed.",
        "    types {",
        *(f"        {mime} {' '.join(extensions)};" for mime, extensions in by_type.items()),
        "    }",
        "    default_type application/octet-stream;",
        "    charset utf-8;",
        f"    charset_types {' '.join(charset_types)};",
        "",
        "    # The build writes .gz and .br beside every text file: they are sent as they are, nothing is compressed",
        "    # per request. brotli_static needs the module (Debian: libnginx-mod-http-brotli-static); without it,",
        "    # delete that line and gzip still works.",
        "    gzip off;",
        "    gzip_static on;",
        "    gzip_vary on;",
        "    brotli_static on;",
        "",
        "    # _headers (for other hosts), the builder's marker and any dotfile: as if they did not exist.",
        f"    location ~ {HIDDEN_PATTERN} {{",
        "        return 404;",
        "    }",
        "",
        "    # Security headers on every response, HTML checked on every visit, fingerprinted files kept a year.",
    ]
    for rule in rules():
        lines += _nginx_location(rule)
    return "\n".join([*lines, "}", ""])


def caddyfile(address: str = EXAMPLE_HOST, root: str = EXAMPLE_ROOT, global_options: tuple[str, ...] = (),
              tls: str = "") -> str:
    """A Caddyfile: Caddy gets and renews the certificate for `address` and sends plain HTTP to HTTPS itself."""
    first, *specific = rules()
    security = [(name, value) for name, value in first.headers if name != "Cache-Control"]
    lines = [*_comment("Caddyfile for the Stop Hate site.\n" + _NOTICE + "\n"
                       "Set the address and root, then `caddy run` (or Debian: copy to /etc/caddy/Caddyfile and\n"
                       "`systemctl reload caddy`). Caddy gets the HTTPS certificate itself. docs/hosting.md has more.")]
    if global_options:
        lines += ["{", *(f"\t{option}" for option in global_options), "}"]
    lines += [
        "",
        "# Every response, the 404 page too: security headers, and checked with the server on every visit.",
        "(every_response) {",
        "\theader -Server  # on its own: a removal waits until the response is written, and so would the rest",
        "\theader {",
        *(f"\t\t{name} {_quoted(value)}" for name, value in (*security, ("Strict-Transport-Security", HSTS))),
        f"\t\tCache-Control {_quoted(first.cache_control)}",
        "\t}",
        "}",
        "",
        f"{address} {{",
        f"\troot * {root}",
    ]
    if tls:
        lines.append(f"\ttls {tls}")
    lines += [
        "",
        "\t# _headers (for other hosts), the builder's marker and any dotfile: as if they did not exist.",
        f"\t@hidden path_regexp {HIDDEN_PATTERN}",
        *(f"\t@type_{extension} path *.{extension}" for extension in MIME_TYPES),
        "",
        "\t# In the order written: headers for every response first, then what differs for some paths.",
        "\troute {",
        "\t\terror @hidden 404",
        "\t\timport every_response",
    ]
    for extension, mime in MIME_TYPES.items():
        lines.append(f"\t\theader @type_{extension} Content-Type {_quoted(content_type(mime))}")
    for rule in specific:
        path = f"/{rule.folder}" + ("" if rule.exact else "*")
        lines += [f"\t\theader {path} {name} {_quoted(value)}" for name, value in rule.headers
                  if (name, value) not in first.headers]
        if rule.content_type:
            lines.append(f"\t\theader {path} Content-Type {_quoted(rule.content_type)}")
    return "\n".join([*lines, *_caddy_files_and_errors()])


def _caddy_files_and_errors() -> list[str]:
    return [
        "\t\t# The build writes .br and .gz beside every text file: sent as they are, nothing compressed per request.",
        "\t\tfile_server {",
        "\t\t\tprecompressed br gzip",
        "\t\t}",
        "\t}",
        "",
        "\t# A missing page: the site's own 404 page, with status 404.",
        "\thandle_errors {",
        "\t\t@missing expression `{err.status_code} == 404`",
        "\t\thandle @missing {",
        "\t\t\trewrite * /404.html",
        "\t\t\timport every_response",
        f"\t\t\theader Content-Type {_quoted(content_type('text/html'))}",
        "\t\t\tfile_server {",
        "\t\t\t\tprecompressed br gzip",
        "\t\t\t}",
        "\t\t}",
        "\t}",
        "}",
        "",
    ]


def write_deploy(folder: Path = DEPLOY) -> list[Path]:
    written = []
    for name, text in (("nginx.conf", nginx_conf()), ("Caddyfile", caddyfile())):
        path = folder / name
        path.write_text(text)
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write_deploy():
        print(f"wrote {path}", file=sys.stderr)
