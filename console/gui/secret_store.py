"""App secrets in the OS keyring, and nowhere else.

One keyring entry per profile under the service "beecloud-console". Keyring
calls are serialised (backends are not thread-safe). When no keyring backend
works, the caller may choose to keep a secret for this session only, in
memory; there is never a plaintext file. No Qt here.

keyring is imported when a secret is first read or written (or the backend
named): it takes tens of milliseconds to load, which a start on the sandbox
profile need not pay.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

if TYPE_CHECKING:  # keyring itself is imported on first use: the sandbox never needs it
    from keyring.backend import KeyringBackend

log = logging.getLogger(__name__)

SERVICE = "beecloud-console"

T = TypeVar("T")


class SecretStoreError(Exception):
    """The keyring could not be used; the message is for the user."""


# Plain names for the keyring backends a user may meet, by the backend's module.
# (Translated when shown, in the context "SecretStore".)
_KNOWN_BACKENDS = {
    "keyring.backends.SecretService": QT_TRANSLATE_NOOP(
        "SecretStore", "the desktop's keyring (GNOME Keyring or KWallet)"
    ),
    "keyring.backends.kwallet": "KWallet",
    "keyring.backends.macOS": QT_TRANSLATE_NOOP("SecretStore", "the macOS Keychain"),
    "keyring.backends.Windows": QT_TRANSLATE_NOOP("SecretStore", "the Windows Credential Manager"),
}


def _keyring_failures() -> tuple[type[Exception], ...]:
    """Failures of a keyring backend that mean "it cannot be used", not a bug of ours."""
    import keyring.errors

    return (keyring.errors.KeyringError, RuntimeError, OSError)


def _backend_name(backend: KeyringBackend) -> str:
    known = _KNOWN_BACKENDS.get(type(backend).__module__)
    if known:
        return _tr(known)
    name = getattr(backend, "name", "") or type(backend).__name__
    return QCoreApplication.translate("SecretStore", "the system keyring ({name})").format(
        name=name
    )


def _is_no_keyring(backend: KeyringBackend) -> bool:
    """keyring's stand-in when no backend is usable: every call fails."""
    import keyring.backends.fail

    return isinstance(backend, keyring.backends.fail.Keyring)


def _tr(text: str) -> str:
    return QCoreApplication.translate("SecretStore", text)


def _plain_reason(error: Exception) -> str:
    import keyring.errors

    if isinstance(error, keyring.errors.NoKeyringError):
        return QCoreApplication.translate(
            "SecretStore", "No system keyring is available on this computer."
        )
    if isinstance(error, keyring.errors.KeyringLocked):
        return QCoreApplication.translate(
            "SecretStore", "The system keyring is locked; unlock it and try again."
        )
    if isinstance(error, keyring.errors.InitError):
        return QCoreApplication.translate("SecretStore", "The system keyring could not be started.")
    return QCoreApplication.translate("SecretStore", "The system keyring refused the request.")


class SecretStore:
    def __init__(self, backend: KeyringBackend | None = None) -> None:
        self._backend = backend
        self._lock = threading.Lock()
        self._session: dict[str, str] = {}
        self.session_only = False

    @property
    def backend(self) -> KeyringBackend:
        if self._backend is not None:
            return self._backend
        import keyring

        return keyring.get_keyring()

    def keyring_works(self) -> bool:
        """Whether a real keyring answers (a read of an entry that need not exist)."""
        try:
            with self._lock:
                self.backend.get_password(SERVICE, "__probe__")
        except _keyring_failures() as error:
            log.info("keyring unavailable: %s", type(error).__name__)
            return False
        return True

    def location(self) -> str:
        """Where secrets are kept, as a whole sentence for the user (a sentence each, so
        that every language can say it naturally)."""
        if self.session_only:
            return QCoreApplication.translate(
                "SecretStore",
                "Secrets are kept in memory for this session only: they are forgotten when "
                "the console closes, and never written to a file.",
            )
        backend = self.backend
        if _is_no_keyring(backend):
            return QCoreApplication.translate(
                "SecretStore",
                "Secrets cannot be stored: no system keyring is available on this computer.",
            )
        return QCoreApplication.translate(
            "SecretStore", "Secrets are kept in {keyring}, under “{service}”."
        ).format(keyring=_backend_name(backend), service=SERVICE)

    def use_session_only(self) -> None:
        """The user's choice when no keyring works: keep secrets in memory until exit."""
        self.session_only = True

    def get(self, profile_id: str) -> str | None:
        if self.session_only:
            return self._session.get(profile_id)
        return self._call(lambda: self.backend.get_password(SERVICE, profile_id))

    def set(self, profile_id: str, secret: str) -> None:
        if self.session_only:
            self._session[profile_id] = secret
            return
        self._call(lambda: self.backend.set_password(SERVICE, profile_id, secret))

    def delete(self, profile_id: str) -> None:
        if self.session_only:
            self._session.pop(profile_id, None)
            return
        try:
            self._call(lambda: self.backend.delete_password(SERVICE, profile_id))
        except SecretStoreError as error:
            import keyring.errors

            if isinstance(error.__cause__, keyring.errors.PasswordDeleteError):
                return  # nothing stored: nothing to delete
            raise

    def _call(self, action: Callable[[], T]) -> T:
        try:
            with self._lock:
                return action()
        except _keyring_failures() as error:
            log.warning("keyring call failed: %s", type(error).__name__)
            raise SecretStoreError(_plain_reason(error)) from error
