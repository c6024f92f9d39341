"""SecretStore: one keyring entry per profile, plain-worded failures, session-only memory.
No Qt: the console and the command line both use it."""

from __future__ import annotations

import logging
import threading
import time

import keyring.backends.fail
import keyring.errors
import pytest
from keyring.backend import KeyringBackend

from console.store.secrets import (
    NOT_ANSWERING,
    SERVICE,
    SecretStore,
    SecretStoreError,
    stands_for_a_system_keyring,
)
from tests.gui.memory_keyring import BrokenKeyring, MemoryKeyring

SECRET = "s3cret-Zebra-4711"


@stands_for_a_system_keyring
class RaisingKeyring(KeyringBackend):
    """Every call raises the given keyring error."""

    priority = 1

    def __init__(self, error: Exception) -> None:
        super().__init__()
        self.error = error

    def get_password(self, service: str, username: str) -> str | None:
        raise self.error

    def set_password(self, service: str, username: str, password: str) -> None:
        raise self.error

    def delete_password(self, service: str, username: str) -> None:
        raise self.error


class LockCheckingKeyring(MemoryKeyring):
    """Records, at every call, whether the store's lock was held."""

    def __init__(self) -> None:
        super().__init__()
        self.store: SecretStore | None = None
        self.held: list[bool] = []

    def _note(self) -> None:
        assert self.store is not None
        self.held.append(self.store._lock.locked())

    def get_password(self, service: str, username: str) -> str | None:
        self._note()
        return super().get_password(service, username)

    def set_password(self, service: str, username: str, password: str) -> None:
        self._note()
        super().set_password(service, username, password)


def test_set_get_delete_use_one_entry_per_profile_under_the_service() -> None:
    backend = MemoryKeyring()
    store = SecretStore(backend)
    store.set("profile-a", SECRET)
    store.set("profile-b", "other")
    assert backend.entries == {(SERVICE, "profile-a"): SECRET, (SERVICE, "profile-b"): "other"}
    assert SERVICE == "beecloud-console"
    assert store.get("profile-a") == SECRET
    store.delete("profile-a")
    assert store.get("profile-a") is None
    assert store.get("profile-b") == "other"


def test_deleting_a_secret_that_was_never_stored_is_quiet() -> None:
    store = SecretStore(MemoryKeyring())
    store.delete("nobody")
    assert store.get("nobody") is None


def test_location_names_the_keyring_and_the_service() -> None:
    store = SecretStore(MemoryKeyring())
    assert store.keyring_works()
    assert store.place().english() == (
        "Secrets are kept in the system keyring (memory keyring MemoryKeyring), "
        "under “beecloud-console”."
    )


def test_location_says_plainly_when_no_keyring_exists() -> None:
    store = SecretStore(keyring.backends.fail.Keyring())
    assert not store.keyring_works()
    assert "no system keyring is available" in store.place().english()
    with pytest.raises(SecretStoreError, match="No system keyring is available"):
        store.get("profile-a")


def test_a_well_known_backend_gets_its_plain_name() -> None:
    import keyring.backends.SecretService

    store = SecretStore(keyring.backends.SecretService.Keyring())
    assert store.place().english() == (
        "Secrets are kept in the desktop's keyring (GNOME Keyring or KWallet), "
        "under “beecloud-console”."
    )


def test_session_only_keeps_secrets_in_memory_and_leaves_the_keyring_alone() -> None:
    backend = BrokenKeyring()
    store = SecretStore(backend)
    with pytest.raises(SecretStoreError):
        store.set("profile-a", SECRET)
    store.use_session_only()
    store.set("profile-a", SECRET)
    assert store.get("profile-a") == SECRET
    assert "for this session only" in store.place().english()
    assert "never written to a file" in store.place().english()
    store.delete("profile-a")
    assert store.get("profile-a") is None
    store.delete("profile-a")  # nothing left: still quiet


def test_a_store_in_session_only_mode_does_not_touch_a_working_keyring() -> None:
    backend = MemoryKeyring()
    store = SecretStore(backend)
    store.use_session_only()
    store.set("profile-a", SECRET)
    assert backend.entries == {}


def test_session_only_still_reads_secrets_the_keyring_holds() -> None:
    """Session-only mode is chosen when the keyring fails once (locked at start, say):
    the other profiles' secrets it holds were then said not to be stored at all."""
    backend = MemoryKeyring()
    backend.set_password(SERVICE, "profile-b", "kept-in-keyring")
    store = SecretStore(backend)
    store.use_session_only()
    store.set("profile-a", SECRET)
    assert store.get("profile-b") == "kept-in-keyring"
    assert store.get("profile-a") == SECRET
    assert backend.entries == {(SERVICE, "profile-b"): "kept-in-keyring"}


def test_a_secret_forgotten_in_session_only_mode_is_not_read_back_from_the_keyring() -> None:
    backend = MemoryKeyring()
    backend.set_password(SERVICE, "profile-b", "kept-in-keyring")
    store = SecretStore(backend)
    store.use_session_only()
    store.delete("profile-b")
    assert store.get("profile-b") is None
    store.set("profile-b", SECRET)
    assert store.get("profile-b") == SECRET


def test_a_secret_deleted_in_session_only_mode_is_deleted_from_the_keyring_too() -> None:
    """A profile removed (or its Master Secret forgotten) once the keyring had failed was
    said to be gone with its App Secret: the keyring kept the secret, and the next start
    read it again (a forgotten Master Secret signed refunds again)."""
    backend = MemoryKeyring()
    backend.set_password(SERVICE, "profile-b", "kept-in-keyring")
    store = SecretStore(backend)
    store.use_session_only()
    store.delete("profile-b")
    assert backend.entries == {}
    assert SecretStore(backend).get("profile-b") is None


def test_in_session_only_mode_a_keyring_that_cannot_delete_says_so() -> None:
    store = SecretStore(RaisingKeyring(keyring.errors.KeyringLocked("locked")))
    store.use_session_only()
    with pytest.raises(SecretStoreError, match="locked"):
        store.delete("profile-b")
    assert store.get("profile-b") is None  # forgotten in this session all the same


class ForgetfulKeyring(MemoryKeyring):
    """Takes every secret without a word and keeps none (or another one)."""

    def __init__(self, keeps: str | None = None) -> None:
        super().__init__()
        self.keeps = keeps

    def set_password(self, service: str, username: str, password: str) -> None:
        if self.keeps is not None:
            super().set_password(service, username, self.keeps)


@pytest.mark.parametrize("keeps", [None, "another-secret", SECRET[:8]])
def test_a_keyring_that_does_not_keep_what_it_was_given_refused_it(keeps: str | None) -> None:
    """Profiles… said "Saved", the secret kept in the keyring, and every payment then
    said no App Secret was stored (or was refused with a secret that was not the one
    typed)."""
    store = SecretStore(ForgetfulKeyring(keeps))
    with pytest.raises(SecretStoreError, match="refused"):
        store.set("profile-a", SECRET)


def test_in_session_only_mode_a_keyring_that_fails_holds_nothing() -> None:
    store = SecretStore(BrokenKeyring())
    store.use_session_only()
    assert store.get("profile-b") is None


def test_where_secrets_are_is_asked_within_the_wait() -> None:
    """Naming the keyring loads its backend, which may ask a D-Bus that hangs."""
    release = threading.Event()

    class SlowToLoad(SecretStore):
        @property
        def backend(self) -> KeyringBackend:
            release.wait(10)
            return MemoryKeyring()

    store = SlowToLoad(wait_s=0.2)
    try:
        started = time.monotonic()
        assert "did not answer" in store.place().english()
        assert time.monotonic() - started < 2
    finally:
        release.set()


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (keyring.errors.NoKeyringError("raw-detail-1"), "No system keyring is available"),
        (keyring.errors.KeyringLocked("raw-detail-2"), "The system keyring is locked; unlock it"),
        (keyring.errors.InitError("raw-detail-3"), "The system keyring could not be started."),
        (
            keyring.errors.PasswordSetError("raw-detail-4"),
            "The system keyring refused the request.",
        ),
        (RuntimeError("raw-detail-5"), "The system keyring refused the request."),
        (ConnectionRefusedError("raw-detail-6"), "The system keyring refused the request."),
        # what a backend lets through of its own: a stored secret that is not UTF-8
        # (keyring's Secret Service backend decodes it), a D-Bus error of jeepney's...
        (
            UnicodeDecodeError("utf-8", b"\xff", 0, 1, "raw-detail-7"),
            "The system keyring refused the request.",
        ),
        (ValueError("raw-detail-8"), "The system keyring refused the request."),
        (Exception("raw-detail-9"), "The system keyring refused the request."),
    ],
)
def test_keyring_failures_become_plain_words(error: Exception, words: str) -> None:
    store = SecretStore(RaisingKeyring(error))
    assert not store.keyring_works()
    for call in (
        lambda: store.get("profile-a"),
        lambda: store.set("profile-a", SECRET),
        lambda: store.delete("profile-a"),
    ):
        with pytest.raises(SecretStoreError) as raised:
            call()
        message = str(raised.value)
        assert message.startswith(words)
        assert "raw-detail" not in message and "Error" not in message


class WrongTypeKeyring(MemoryKeyring):
    """A backend that answers a read with something that is not text."""

    def get_password(self, service: str, username: str) -> str | None:
        return b"bytes-not-text"  # type: ignore[return-value]


def test_an_answer_that_is_not_text_is_a_refusal_not_a_secret() -> None:
    """Signed with it, every request would carry a wrong app_sign ("b'...'")."""
    store = SecretStore(WrongTypeKeyring())
    with pytest.raises(SecretStoreError, match="The system keyring refused the request"):
        store.get("profile-a")


def test_a_failed_call_never_logs_the_secret(caplog: pytest.LogCaptureFixture) -> None:
    store = SecretStore(RaisingKeyring(keyring.errors.PasswordSetError(f"could not set {SECRET}")))
    with caplog.at_level(logging.DEBUG), pytest.raises(SecretStoreError) as raised:
        store.set("profile-a", SECRET)
    assert caplog.records  # the failure is logged...
    assert SECRET not in caplog.text  # ...without the secret
    assert SECRET not in str(raised.value)


def test_keyring_calls_are_made_under_the_lock() -> None:
    backend = LockCheckingKeyring()
    store = SecretStore(backend)
    backend.store = store
    threads = [threading.Thread(target=store.set, args=(f"profile-{n}", SECRET)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=5)
    assert store.get("profile-3") == SECRET
    assert store.keyring_works()
    assert backend.held == [True] * 10  # 4 sets, each read back; a get; the probe


class StuckKeyring(MemoryKeyring):
    """A keyring whose daemon hangs (a D-Bus call without an answer) until released."""

    def __init__(self) -> None:
        super().__init__()
        self.release = threading.Event()

    def get_password(self, service: str, username: str) -> str | None:
        self.release.wait(10)
        return super().get_password(service, username)


def test_a_keyring_that_does_not_answer_is_given_up_on() -> None:
    """Keyring calls are made on the GUI thread: one that never returned froze the
    window for good (at start, before it was first painted)."""
    backend = StuckKeyring()
    store = SecretStore(backend, wait_s=0.2)
    try:
        started = time.monotonic()
        with pytest.raises(SecretStoreError, match="did not answer") as raised:
            store.get("profile-a")
        assert raised.value.reason == NOT_ANSWERING
        assert time.monotonic() - started < 2
        started = time.monotonic()
        assert not store.keyring_works()  # at once: the call before still waits
        with pytest.raises(SecretStoreError, match="did not answer"):
            store.set("profile-a", SECRET)
        assert time.monotonic() - started < 0.2
    finally:
        backend.release.set()
    for thread in threading.enumerate():
        if thread.name == "keyring-call":
            thread.join(5)
    store.set("profile-a", SECRET)  # it answers again: it is used again
    assert store.get("profile-a") == SECRET


def test_the_store_loads_no_qt() -> None:
    import subprocess
    import sys

    code = (
        "import sys, console.store.secrets; "
        "print(any(m.startswith('PySide6') for m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


class SlowToSetKeyring(MemoryKeyring):
    """Reads at once; a write waits until released (its own prompt for the keyring's
    password, typed after the console gave up)."""

    def __init__(self) -> None:
        super().__init__()
        self.release = threading.Event()

    def set_password(self, service: str, username: str, password: str) -> None:
        self.release.wait(10)
        super().set_password(service, username, password)


def _wait_for_keyring_calls() -> None:
    for thread in threading.enumerate():
        if thread.name == "keyring-call":
            thread.join(5)


def test_a_secret_the_keyring_takes_after_it_was_given_up_on_is_not_kept() -> None:
    """The console said the keyring did not answer (and could keep the secret for this
    session only, "forgotten when the console closes"); the keyring stored it when its
    password was typed a minute later, and the next start read it from there."""
    backend = SlowToSetKeyring()
    store = SecretStore(backend, wait_s=0.2)
    with pytest.raises(SecretStoreError) as raised:
        store.set("profile-a", SECRET)
    assert raised.value.reason == NOT_ANSWERING
    backend.release.set()
    _wait_for_keyring_calls()
    assert backend.entries == {}
    assert store.get("profile-a") is None
    store.set("profile-a", SECRET)  # it answers at once now: kept
    assert backend.entries == {(SERVICE, "profile-a"): SECRET}
