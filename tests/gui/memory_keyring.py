"""Keyring backends for tests: one in memory, and one that always fails, each standing for
a system keyring (console/store/secrets.py trusts no other backend); and one that is not
a system keyring, which keeps secrets in a plain file (as keyrings.alt's do)."""

from __future__ import annotations

import base64
import json
import threading
from pathlib import Path

import keyring.errors
from keyring.backend import KeyringBackend

from console.store.secrets import stands_for_a_system_keyring


@stands_for_a_system_keyring
class MemoryKeyring(KeyringBackend):
    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.entries.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError("not found")


@stands_for_a_system_keyring
class BrokenKeyring(KeyringBackend):
    """Like a machine with no keyring daemon: every call fails."""

    priority = 1

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.NoKeyringError("no backend")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.NoKeyringError("no backend")

    def delete_password(self, service: str, username: str) -> None:
        raise keyring.errors.NoKeyringError("no backend")


class FileKeyring(MemoryKeyring):
    """A keyring several processes share, as the system's is: its entries in a JSON file
    (tests only: a real one never keeps secrets in a plain file)."""

    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path

    def _load(self) -> None:
        import json
        import os

        self.entries = {}
        if os.path.exists(self.path):
            with open(self.path, encoding="utf-8") as file:
                self.entries = {(s, u): p for s, u, p in json.load(file)}

    def _dump(self) -> None:
        import json

        with open(self.path, "w", encoding="utf-8") as file:
            json.dump([[s, u, p] for (s, u), p in self.entries.items()], file)

    def entries_now(self) -> dict[tuple[str, str], str]:
        self._load()
        return self.entries

    def get_password(self, service: str, username: str) -> str | None:
        self._load()
        return super().get_password(service, username)

    def set_password(self, service: str, username: str, password: str) -> None:
        self._load()
        super().set_password(service, username, password)
        self._dump()

    def delete_password(self, service: str, username: str) -> None:
        self._load()
        try:
            super().delete_password(service, username)
        finally:
            self._dump()


class PlainFileKeyring(KeyringBackend):
    """A backend the console does not know, which keeps secrets in a plain file."""

    priority = 1

    def __init__(self, path: Path | None = None) -> None:  # no path: it holds nothing
        super().__init__()
        self.path = path

    def get_password(self, service: str, username: str) -> str | None:
        if self.path is None or not self.path.exists():
            return None
        kept = json.loads(self.path.read_text()).get(f"{service}/{username}")
        return base64.b64decode(kept).decode() if kept is not None else None

    def set_password(self, service: str, username: str, password: str) -> None:
        assert self.path is not None
        self.path.write_text(
            json.dumps({f"{service}/{username}": base64.b64encode(password.encode()).decode()})
        )

    def delete_password(self, service: str, username: str) -> None:
        raise keyring.errors.PasswordDeleteError("not found")


class GatedKeyring(MemoryKeyring):
    """A keyring whose reads wait while its gate is shut (its daemon hangs, or waits for
    its password at its own prompt), and which can be locked."""

    def __init__(self) -> None:
        super().__init__()
        self.gate = threading.Event()
        self.gate.set()
        self.waiting = threading.Event()  # a read waits at the gate now
        self.locked = False

    def get_password(self, service: str, username: str) -> str | None:
        if not self.gate.is_set():
            self.waiting.set()
            self.gate.wait(10)
            self.waiting.clear()
        if self.locked:
            raise keyring.errors.KeyringLocked("locked")
        return super().get_password(service, username)
