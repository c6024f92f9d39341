"""A local server that behaves like BeeCloud's international REST API.

Merchants' developers and the console's own tests talk to it instead of the
real hosts; see docs/sandbox.md for the decisions it takes where the API
document and NOTES.md are silent.

SandboxServer is loaded on first use (PEP 562): Flask and waitress take longer to
import than Qt takes to show a window, and console.sandbox.forked must be
importable without them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from console.sandbox.server import SandboxServer

__all__ = ["SandboxServer"]


def __getattr__(name: str) -> Any:
    if name == "SandboxServer":
        from console.sandbox.server import SandboxServer

        return SandboxServer
    raise AttributeError(f"module 'console.sandbox' has no attribute {name!r}")
