"""App secrets in the OS keyring, and nowhere else.

One keyring entry per profile under the service "beecloud-console". Keyring
calls are serialised (backends are not thread-safe) and bounded in time
(KEYRING_WAIT_S): a job's are made off the GUI thread, the Profiles dialog's and those
at start or at a change of profile on it. When no keyring backend
works, the caller may choose to keep a secret for this session only, in
memory (what the keyring holds is still read when it can be); there is never a
plaintext file. Only a system keyring is used (KNOWN_KEYRINGS): a backend that keeps
secrets in a file (keyrings.alt's, which keyring picks where no Secret Service answers),
keyring's null one, or any other is no keyring, whether given, found, or named by
PYTHON_KEYRING_BACKEND or keyringrc.cfg; keyring's chainer is narrowed to the first
system keyring in it (where it writes). No Qt here: a failure and the place of
the secrets are said as keys with English words, which the console shows in the
language shown (console/gui/secret_texts.py) and the command line prints.

keyring is imported when a secret is first read or written (or the backend
named): it takes tens of milliseconds to load, which a start on the sandbox
profile need not pay.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple, TypeVar

if TYPE_CHECKING:  # keyring itself is imported on first use: the sandbox never needs it
    from keyring.backend import KeyringBackend

log = logging.getLogger(__name__)

SERVICE = "beecloud-console"

T = TypeVar("T")

# Why the keyring could not be used, and its English words.
NO_KEYRING, LOCKED, NOT_STARTED, REFUSED = "no_keyring", "locked", "not_started", "refused"
NOT_ANSWERING = "not_answering"
FAILURES = {
    NO_KEYRING: "No system keyring is available on this computer.",
    LOCKED: "The system keyring is locked; unlock it and try again.",
    NOT_STARTED: "The system keyring could not be started.",
    REFUSED: "The system keyring refused the request.",
    NOT_ANSWERING: "The system keyring did not answer within a minute (is it waiting for "
    "its password?). Try again.",
}
# How long a keyring call may take: long enough for its password to be typed at its own
# prompt, short enough that a keyring whose daemon hangs does not freeze the window (some
# calls are made on the GUI thread) for good.
KEYRING_WAIT_S = 60.0


class SecretStoreError(Exception):
    """The keyring could not be used: `reason` is a key of FAILURES (its English words
    are the message); never the backend's own text, which may quote a secret."""

    def __init__(self, reason: str) -> None:
        super().__init__(FAILURES[reason])
        self.reason = reason


# Where the secrets are: Place.kind (UNANSWERED: the keyring did not say in time).
SESSION_ONLY, NOWHERE, IN_KEYRING = "session_only", "nowhere", "keyring"
UNANSWERED, NOT_SYSTEM = "unanswered", "not_system"  # NOT_SYSTEM: the backend found is not used
NOT_LOADED = "not_loaded"  # the backend keyring's settings name could not be loaded
# The system keyrings, the only backends trusted with a secret, by the backend's module:
# a key of each.
KNOWN_KEYRINGS = {
    "keyring.backends.SecretService": "secret_service",
    "keyring.backends.libsecret": "secret_service",
    "keyring.backends.kwallet": "kwallet",
    "keyring.backends.macOS": "macos",
    "keyring.backends.Windows": "windows",
}
KEYRING_NAMES = {  # English
    "secret_service": "the desktop's keyring (GNOME Keyring or KWallet)",
    "kwallet": "KWallet",
    "macos": "the macOS Keychain",
    "windows": "the Windows Credential Manager",
}


_stand_ins: list[type] = []


def stands_for_a_system_keyring(backend_class: type[T]) -> type[T]:
    """Trust this backend class (and its subclasses) as a system keyring: for tests'
    keyrings in memory, which stand for one."""
    _stand_ins.append(backend_class)
    return backend_class


def is_system_keyring(backend: KeyringBackend) -> bool:
    return type(backend).__module__ in KNOWN_KEYRINGS or isinstance(backend, tuple(_stand_ins))


def _named(backend: KeyringBackend) -> str:
    """The backend's class as keyring's settings name it; of a chain, its first member's
    (where it writes)."""
    chained = getattr(backend, "backends", None)  # keyring's chainer: several in turn
    named = chained[0] if chained else backend
    return f"{type(named).__module__}.{type(named).__qualname__}"


class Place(NamedTuple):
    """Where secrets are kept: in memory for this session, nowhere (no keyring, or only
    one that is not a system keyring: `name` says which), or in a keyring, known (a key
    of KEYRING_NAMES) or by its own name."""

    kind: str
    known: str = ""
    name: str = ""

    def english(self) -> str:
        if self.kind == SESSION_ONLY:
            return (
                "Secrets are kept in memory for this session only: they are forgotten when "
                "the console closes, and never written to a file."
            )
        if self.kind == NOWHERE:
            return "Secrets cannot be stored: no system keyring is available on this computer."
        if self.kind == UNANSWERED:
            return "Where secrets are kept is not known: the system keyring did not answer."
        if self.kind == NOT_LOADED:
            return (
                "Secrets cannot be stored: the keyring that PYTHON_KEYRING_BACKEND or "
                "keyringrc.cfg names could not be started."
            )
        if self.kind == NOT_SYSTEM:
            return (
                f"Secrets cannot be stored: the keyring found, {self.name}, is not a system "
                "keyring (it may keep them in a file)."
            )
        keyring = KEYRING_NAMES.get(self.known) or f"the system keyring ({self.name})"
        return f"Secrets are kept in {keyring}, under “{SERVICE}”."


def _is_no_keyring(backend: KeyringBackend) -> bool:
    """keyring's stand-in when no backend is usable: every call fails."""
    import keyring.backends.fail

    return isinstance(backend, keyring.backends.fail.Keyring)


def _reason(error: Exception) -> str:
    import keyring.errors

    if isinstance(error, SecretStoreError):
        return error.reason
    if isinstance(error, keyring.errors.NoKeyringError):
        return NO_KEYRING
    if isinstance(error, keyring.errors.KeyringLocked):
        return LOCKED
    if isinstance(error, keyring.errors.InitError):
        return NOT_STARTED
    return REFUSED


class SecretStore:
    def __init__(
        self, backend: KeyringBackend | None = None, wait_s: float = KEYRING_WAIT_S
    ) -> None:
        self._backend = backend
        self._narrowed: tuple[KeyringBackend, KeyringBackend | None] | None = None
        self._wait_s = wait_s
        self._lock = threading.Lock()
        self._unanswered: threading.Thread | None = None  # a call given up on, still waiting
        # Session-only mode: what was kept (a str) or forgotten (None) in this session.
        self._session: dict[str, str | None] = {}
        self.session_only = False

    @property
    def found(self) -> KeyringBackend:
        """The backend given, or the one keyring finds (or its settings name:
        SecretStoreError NOT_STARTED when the one they name cannot be loaded)."""
        if self._backend is not None:
            return self._backend
        import keyring

        try:
            return keyring.get_keyring()
        except Exception as error:  # a name that is no backend, one that cannot run here
            log.warning("the keyring backend named could not be loaded: %s", type(error).__name__)
            raise SecretStoreError(NOT_STARTED) from error

    @property
    def backend(self) -> KeyringBackend:
        """The system keyring used, or keyring's stand-in for none (every call fails, as
        where there is no keyring) when the backend found is not one."""
        import keyring.backends.fail

        return self._system_keyring() or keyring.backends.fail.Keyring()  # type: ignore[no-untyped-call]

    def _system_keyring(self) -> KeyringBackend | None:
        """The backend found when it is a system keyring; of a chain, the first system
        keyring in it (a chainer writes to its first member; the others, read after it,
        would give what the file backends among them hold); else None."""
        from keyring.backends.chainer import ChainerBackend

        found = self.found
        if self._narrowed is not None and self._narrowed[0] is found:
            return self._narrowed[1]
        system: KeyringBackend | None = found if is_system_keyring(found) else None
        if isinstance(found, ChainerBackend):  # its members are asked for their priority
            system = next((each for each in found.backends if is_system_keyring(each)), None)
        if system is None and not _is_no_keyring(found):
            log.warning("the keyring backend %s is not a system keyring: not used", _named(found))
        self._narrowed = (found, system)
        return system

    def keyring_works(self) -> bool:
        """Whether a real keyring answers (a read of an entry that need not exist)."""
        return not self.keyring_failure()

    def keyring_failure(self) -> str:
        """Why no real keyring answers a read of an entry that need not exist (a key of
        FAILURES), "" when one does: a keyring locked, or not answering yet, is there
        all the same, unlike none at all."""
        try:
            self._call(lambda: self.backend.get_password(SERVICE, "__probe__"))
        except SecretStoreError as error:
            log.info("keyring unavailable: %s", error.reason)
            return error.reason
        return ""

    def place(self) -> Place:
        """Where secrets are kept (console/gui/secret_texts.py says it in words)."""
        if self.session_only:
            return Place(SESSION_ONLY)
        try:  # loading the backend may ask a D-Bus that hangs
            found, backend = self._call(lambda: (self.found, self.backend))
        except SecretStoreError as error:
            return Place(NOT_LOADED if error.reason == NOT_STARTED else UNANSWERED)
        if _is_no_keyring(backend):
            return (
                Place(NOWHERE) if _is_no_keyring(found) else Place(NOT_SYSTEM, name=_named(found))
            )
        known = KNOWN_KEYRINGS.get(type(backend).__module__, "")
        return Place(IN_KEYRING, known, getattr(backend, "name", "") or type(backend).__name__)

    def use_session_only(self) -> None:
        """The user's choice when no keyring works: keep secrets in memory until exit."""
        self.session_only = True

    def get(self, profile_id: str) -> str | None:
        """The secret stored for this entry, None when there is none. In session-only
        mode, what this session kept or forgot, else what the keyring holds if it can be
        read (it failed once, perhaps only while locked)."""
        if self.session_only:
            if profile_id in self._session:
                return self._session[profile_id]
            try:
                return self._keyring_get(profile_id)
            except SecretStoreError:
                return None
        return self._keyring_get(profile_id)

    def read(self, profile_id: str) -> str | None:
        """As get, but SecretStoreError when the keyring cannot say what it holds, in
        session-only mode too: what is to be copied is never taken for nothing stored."""
        if self.session_only and profile_id in self._session:
            return self._session[profile_id]
        return self._keyring_get(profile_id)

    def held_in_memory(self, profile_id: str) -> bool:
        """Whether this entry's secret is one kept in memory for this session only."""
        return self.session_only and self._session.get(profile_id) is not None

    def _keyring_get(self, profile_id: str) -> str | None:
        secret = self._call(lambda: self.backend.get_password(SERVICE, profile_id))
        if secret is not None and not isinstance(secret, str):
            log.warning("keyring answered with %s, not text", type(secret).__name__)
            raise SecretStoreError(REFUSED)
        return secret

    def set(self, profile_id: str, secret: str) -> None:
        """Keep the secret: in session-only mode in memory, else in the keyring, read back
        to be sure it holds it (one that takes a secret without a word and keeps none, or
        another, refused it: SecretStoreError)."""
        if self.session_only:
            self._session[profile_id] = secret
            return
        used: list[KeyringBackend] = []  # loaded in the call: it may ask a D-Bus that hangs

        def keep() -> None:
            used.append(self.backend)
            used[0].set_password(SERVICE, profile_id, secret)

        # taken late, after it was said not to be: deleted, as said
        self._call(keep, undo=lambda: used[0].delete_password(SERVICE, profile_id))
        if self._keyring_get(profile_id) != secret:
            log.warning("the keyring did not keep the secret it was given")
            raise SecretStoreError(REFUSED)

    def delete(self, profile_id: str) -> None:
        """Forget the entry, in the keyring too: in session-only mode it is not read back
        from it either, and what the keyring holds of it (stored before it failed) is
        deleted there, or SecretStoreError says it could not be (it would be read again
        at the next start). A keyring that is not there holds nothing to delete."""
        if self.session_only:
            self._session[profile_id] = None
        try:
            self._call(lambda: self.backend.delete_password(SERVICE, profile_id))
        except SecretStoreError as error:
            import keyring.errors

            if isinstance(error.__cause__, keyring.errors.PasswordDeleteError):
                return  # nothing stored: nothing to delete
            if self.session_only and error.reason == NO_KEYRING:
                return
            raise

    def _call(self, action: Callable[[], T], undo: Callable[[], object] | None = None) -> T:
        """The backend's answer, within `wait_s` (on a thread of its own, one call at a
        time: backends are not thread-safe); none while a call given up on still waits.
        Whatever the backend raises (keyring's errors, and what a backend lets through
        of its own: a D-Bus error, a stored secret that is not UTF-8) is a keyring that
        cannot be used, in our words: its own may quote a secret, and must never reach
        a traceback in a log or in front of the user. A call given up on that is done
        at last is undone (`undo`, on its thread): what was said not to happen did not."""
        answer: list[T] = []
        failure: list[Exception] = []
        given_up: list[bool] = []
        settled = threading.Lock()  # the call's end and its giving up, one after the other

        def run() -> None:
            try:
                result = action()
            except Exception as error:
                with settled:
                    failure.append(error)
                return
            with settled:
                answer.append(result)
                late = bool(given_up)
            if late and undo is not None:
                try:
                    undo()
                except Exception as error:
                    log.warning("a keyring call done late was not undone: %s", type(error).__name__)

        with self._lock:
            if self._unanswered is not None and self._unanswered.is_alive():
                raise SecretStoreError(NOT_ANSWERING)
            thread = threading.Thread(target=run, name="keyring-call", daemon=True)
            thread.start()
            thread.join(self._wait_s)
            with settled:
                if not (answer or failure):
                    given_up.append(True)
            if given_up:
                self._unanswered = thread
                log.warning("the keyring did not answer within %g s", self._wait_s)
                raise SecretStoreError(NOT_ANSWERING)
        if failure:
            log.warning("keyring call failed: %s", type(failure[0]).__name__)
            raise SecretStoreError(_reason(failure[0])) from failure[0]
        return answer[0]
