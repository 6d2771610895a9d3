"""Who may talk to the preview server, and where it keeps its private output.

The preview serves an unpublished site and a stream of build events. A page on
any web site can point a name it controls at 127.0.0.1 (DNS rebinding) and then
read the preview as its own origin; the one thing it cannot fake is the name in
the ``Host`` header. So only loopback names, IP literals of the bound address
(any of this machine's when bound to all of them) pass.
"""

from __future__ import annotations

import contextlib
import ipaddress
import os
import shutil
import stat
import tempfile
from pathlib import Path

TMP_PREFIX = "sitegen-serve-"
PID_FILE = "pid"
LOOPBACK_NAMES = frozenset({"localhost", "localhost.", "127.0.0.1", "::1"})
WILDCARDS = frozenset({"0.0.0.0", "::", ""})


def host_name(header: str) -> str:
    """The name in a ``Host`` header, without its port and brackets, lower case."""
    value = header.strip().lower()
    if value.startswith("["):
        return value[1 : value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def _ip(name: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(name)
    except ValueError:
        return None


def allowed_host(header: str | None, bound: str) -> bool:
    """Whether a request naming ``header`` may be answered by a server bound to ``bound``."""
    if not header:
        return False
    name = host_name(header)
    if name in LOOPBACK_NAMES or name.endswith(".localhost"):
        return True
    address = _ip(name)
    if address is None:
        return False  # a DNS name: what a rebinding page would send
    if address.is_loopback:
        return True
    return bound.lower() in WILDCARDS or address == _ip(bound.lower())


def is_loopback(host: str) -> bool:
    """Whether binding to ``host`` keeps the preview on this machine."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    address = _ip(host)
    return address is not None and address.is_loopback


def make_private_folder() -> Path:
    """A new temporary folder for the preview's output, holding its owner's pid, after
    removing the folders of earlier previews that were killed before they could."""
    clean_stale()
    folder = Path(tempfile.mkdtemp(prefix=TMP_PREFIX))
    (folder / PID_FILE).write_text(str(os.getpid()), encoding="ascii")
    return folder


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def clean_stale(root: Path | None = None) -> list[Path]:
    """Remove this user's preview folders whose process is gone; return them. A folder
    is ours only when it is a real folder (not a link) owned by us with a pid file."""
    gone = []
    base = root or Path(tempfile.gettempdir())
    with contextlib.suppress(OSError):
        for entry in os.scandir(base):
            if not entry.name.startswith(TMP_PREFIX):
                continue
            try:
                info = os.lstat(entry.path)
                if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
                    continue
                pid = (Path(entry.path) / PID_FILE).read_text(encoding="ascii").strip()
            except OSError:
                continue
            if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
                shutil.rmtree(entry.path, ignore_errors=True)
                gone.append(Path(entry.path))
    return gone
