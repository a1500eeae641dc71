"""Files the builder keeps in a content folder's .cache: signed with a key kept elsewhere, and written whole.

A content folder is shared and copied between machines, so what is kept in it is used only when it carries this
user's signature: the key lives in the user's own cache folder, never in a content folder. Standard library only:
the up-to-date check reads a signed file before anything else is loaded.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from pathlib import Path


def key_file() -> Path:
    """The signing key: in the user's cache folder, never in a content folder."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "stophate" / "cache-key"


def secret() -> bytes | None:
    """This user's signing key, made on first use; None when it cannot be kept (then nothing is saved or read)."""
    file = key_file()
    try:
        file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle = os.open(file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    except OSError:
        return None
    else:
        import secrets  # loaded only the first time, when the key is made

        with os.fdopen(handle, "wb") as stream:
            stream.write(secrets.token_bytes(32))
    try:
        data = file.read_bytes()
    except OSError:
        return None
    return data if len(data) >= 32 else None


def signature(key: bytes, body: bytes) -> bytes:
    return hmac.new(key, body, hashlib.sha256).hexdigest().encode()


def signed(key: bytes, body: bytes) -> bytes:
    """The body with its signature on the first line, as `unsigned` reads it."""
    return signature(key, body) + b"\n" + body


def unsigned(key: bytes | None, data: bytes) -> bytes | None:
    """The body of what `signed` made with this key; None when there is no key or the signature does not match."""
    found, _, body = data.partition(b"\n")
    if key is None or not hmac.compare_digest(found, signature(key, body)):
        return None
    return body


def write_whole(target: Path, data: bytes, sync: bool = False) -> None:
    """Write beside the target, then rename over it: a reader sees the old file or the new one, never half.
    Only the state is synced to disk: a rendered file or page that a crash cuts short no longer matches the SHA-256
    the state names, so it is a miss (syncing each of some 3,000 files one by one was a good part of a save)."""
    import tempfile  # not needed to find a site up to date

    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            if sync:
                file.flush()
                os.fsync(file.fileno())
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
