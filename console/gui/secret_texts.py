"""The keyring's failures and the place of the secrets (console/store/secrets.py), in
the language shown: the same English words, marked for translation (context
"SecretStore"); a test keeps the two lists equal."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from console.store.secrets import (
    IN_KEYRING,
    LOCKED,
    NO_KEYRING,
    NOT_ANSWERING,
    NOT_LOADED,
    NOT_STARTED,
    NOT_SYSTEM,
    NOWHERE,
    REFUSED,
    SERVICE,
    SESSION_ONLY,
    UNANSWERED,
    Place,
    SecretStoreError,
)
from console.translatable import QT_TRANSLATE_NOOP

CONTEXT = "SecretStore"

FAILURES = {
    NO_KEYRING: QT_TRANSLATE_NOOP(
        "SecretStore", "No system keyring is available on this computer."
    ),
    LOCKED: QT_TRANSLATE_NOOP(
        "SecretStore", "The system keyring is locked; unlock it and try again."
    ),
    NOT_STARTED: QT_TRANSLATE_NOOP("SecretStore", "The system keyring could not be started."),
    REFUSED: QT_TRANSLATE_NOOP("SecretStore", "The system keyring refused the request."),
    NOT_ANSWERING: QT_TRANSLATE_NOOP(
        "SecretStore",
        "The system keyring did not answer within a minute (is it waiting for its "
        "password?). Try again.",
    ),
}
KEYRING_NAMES = {
    "secret_service": QT_TRANSLATE_NOOP(
        "SecretStore", "the desktop's keyring (GNOME Keyring or KWallet)"
    ),
    "kwallet": "KWallet",
    "macos": QT_TRANSLATE_NOOP("SecretStore", "the macOS Keychain"),
    "windows": QT_TRANSLATE_NOOP("SecretStore", "the Windows Credential Manager"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def no_thread_text() -> str:
    """A keyring read that could not start: no thread to be had (keyring_reads.NoThread)."""
    return QCoreApplication.translate(
        "SecretStore",
        "The console could not start reading the system keyring (the computer is short "
        "of resources). Close some programs, then try again.",
    )


def failure_text(error: SecretStoreError) -> str:
    """Why the keyring could not be used, in the language shown."""
    return _tr(FAILURES[error.reason])


def place_text(place: Place) -> str:
    """Where secrets are kept, as a whole sentence (a sentence each, so that every
    language can say it naturally)."""
    if place.kind == SESSION_ONLY:
        return QCoreApplication.translate(
            "SecretStore",
            "Secrets are kept in memory for this session only: they are forgotten when "
            "the console closes, and never written to a file.",
        )
    if place.kind == NOWHERE:
        return QCoreApplication.translate(
            "SecretStore",
            "Secrets cannot be stored: no system keyring is available on this computer.",
        )
    if place.kind == UNANSWERED:
        return QCoreApplication.translate(
            "SecretStore",
            "Where secrets are kept is not known: the system keyring did not answer.",
        )
    if place.kind == NOT_LOADED:
        return QCoreApplication.translate(
            "SecretStore",
            "Secrets cannot be stored: the keyring that PYTHON_KEYRING_BACKEND or "
            "keyringrc.cfg names could not be started.",
        )
    if place.kind == NOT_SYSTEM:
        return QCoreApplication.translate(
            "SecretStore",
            "Secrets cannot be stored: the keyring found, {name}, is not a system keyring (it "
            "may keep them in a file).",
        ).format(name=place.name)
    assert place.kind == IN_KEYRING
    known = KEYRING_NAMES.get(place.known)
    keyring = (
        _tr(known)
        if known
        else QCoreApplication.translate("SecretStore", "the system keyring ({name})").format(
            name=place.name
        )
    )
    return QCoreApplication.translate(
        "SecretStore", "Secrets are kept in {keyring}, under “{service}”."
    ).format(keyring=keyring, service=SERVICE)
