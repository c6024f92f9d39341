"""A local server that behaves like BeeCloud's international REST API.

Merchants' developers and the console's own tests talk to it instead of the
real hosts; see docs/sandbox.md for the decisions it takes where the API
document and NOTES.md are silent.
"""

from console.sandbox.server import SandboxServer

__all__ = ["SandboxServer"]
