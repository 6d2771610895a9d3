"""The key that binds the gather cache to this machine's user.

A cache file's hash only shows it is whole; anyone can recompute it. So the file
also carries an HMAC made with a key that lives outside every project, in the
user's cache folder (``$XDG_CACHE_HOME/sitegen/cache.key``, else
``~/.cache/sitegen/cache.key``, mode 0600). A cache that came with a cloned
repository, or was edited by hand, does not match and is ignored. Where no key
can be kept (no home, a read-only one), each run makes its own: the cache then
still serves a long ``serve`` session, only not the next run.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import hmac
import os
import secrets
from pathlib import Path

from sitegen.ingest.safeio import read_regular, write_new

KEY_BYTES = 32


def key_path() -> Path | None:
    """Where the key is kept, or None when there is no user cache folder to keep it in."""
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    if base and os.path.isabs(base):
        return Path(base) / "sitegen" / "cache.key"
    home = os.environ.get("HOME", "").strip()
    return Path(home) / ".cache" / "sitegen" / "cache.key" if home else None


@functools.cache
def machine_key() -> bytes:
    """The user's key: read, or made once (read once per process, like the code's hash)."""
    path = key_path()
    if path is None:
        return secrets.token_bytes(KEY_BYTES)
    with contextlib.suppress(OSError):
        key = read_regular(path, 1024, follow=False)
        if len(key) == KEY_BYTES:
            return key
    key = secrets.token_bytes(KEY_BYTES)
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        write_new(tmp, key)
        os.chmod(tmp, 0o600)
        os.link(tmp, path)  # fails if another process made one meanwhile: use theirs
    except FileExistsError:
        with contextlib.suppress(OSError):
            theirs = read_regular(path, 1024, follow=False)
            key = theirs if len(theirs) == KEY_BYTES else key
    except OSError:
        pass  # no key kept: this run's own
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path.with_name(f".{path.name}.{os.getpid()}.tmp"))
    return key


def seal(*parts: bytes) -> str:
    """HMAC-SHA256 of ``parts`` (each length-prefixed) under the user's key."""
    mac = hmac.new(machine_key(), digestmod=hashlib.sha256)
    for part in parts:
        mac.update(len(part).to_bytes(8, "big"))
        mac.update(part)
    return mac.hexdigest()


def sealed(expected: object, *parts: bytes) -> bool:
    """Whether ``expected`` is the seal of ``parts`` (compared in constant time)."""
    return isinstance(expected, str) and hmac.compare_digest(expected, seal(*parts))
