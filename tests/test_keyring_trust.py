"""Only a system keyring keeps the App Secret: a keyring backend that keeps secrets in a
file (keyrings.alt's, which keyring chooses where no Secret Service answers), the null
one, or any other backend it does not know is no keyring to the console, whether it is
given, the one keyring finds, or named by PYTHON_KEYRING_BACKEND or keyringrc.cfg; a
chain of backends is narrowed to its system keyrings."""

from __future__ import annotations

import base64
import subprocess
import sys
from pathlib import Path

import keyring.backend
import keyring.backends.chainer
import keyring.backends.null
import keyring.errors
import pytest

from console.store.secrets import NO_KEYRING, SERVICE, SecretStore, SecretStoreError
from tests.cli_support import home_of_its_own
from tests.gui.memory_keyring import MemoryKeyring, PlainFileKeyring

SECRET = "s3cret-Zebra-4711"

# A keyring backend of its own package that writes its secrets to a file, as keyrings.alt's
# PlaintextKeyring does (base64 in an INI file): what a user may have installed.
FILE_BACKEND = """
import base64, json, os
from keyring.backend import KeyringBackend


class Keyring(KeyringBackend):
    priority = 1

    def __init__(self):
        super().__init__()
        self.path = os.environ["FILE_KEYRING_PATH"]

    def _entries(self):
        if not os.path.exists(self.path):
            return {}
        with open(self.path, encoding="utf-8") as file:
            return json.load(file)

    def get_password(self, service, username):
        kept = self._entries().get(service + "/" + username)
        return base64.b64decode(kept).decode() if kept is not None else None

    def set_password(self, service, username, password):
        entries = self._entries()
        entries[service + "/" + username] = base64.b64encode(password.encode()).decode()
        with open(self.path, "w", encoding="utf-8") as file:
            json.dump(entries, file)

    def delete_password(self, service, username):
        entries = self._entries()
        entries.pop(service + "/" + username)
        with open(self.path, "w", encoding="utf-8") as file:
            json.dump(entries, file)
"""


def test_a_backend_that_keeps_secrets_in_a_file_is_no_keyring(tmp_path: Path) -> None:
    """Profiles… said "Secrets are kept in the system keyring (PlainFileKeyring)" and
    the App Secret went into a file, in base64."""
    kept = tmp_path / "keyring_pass.json"
    store = SecretStore(PlainFileKeyring(kept))
    assert not store.keyring_works()
    with pytest.raises(SecretStoreError) as refused:
        store.set("profile-a", SECRET)
    assert refused.value.reason == NO_KEYRING
    assert not kept.exists()
    with pytest.raises(SecretStoreError):
        store.get("profile-a")
    place = store.place().english()
    assert place.startswith("Secrets cannot be stored"), place
    assert "tests.gui.memory_keyring.PlainFileKeyring" in place
    assert "is not a system keyring" in place


def test_what_an_untrusted_backend_holds_is_never_read(tmp_path: Path) -> None:
    kept = tmp_path / "keyring_pass.json"
    PlainFileKeyring(kept).set_password(SERVICE, "profile-a", SECRET)
    store = SecretStore(PlainFileKeyring(kept))
    with pytest.raises(SecretStoreError):
        store.get("profile-a")
    store.use_session_only()
    assert store.get("profile-a") is None
    store.set("profile-a", "typed-now")
    assert store.get("profile-a") == "typed-now"
    assert SECRET in kept.read_text() or base64.b64encode(SECRET.encode()).decode() in (
        kept.read_text()
    )  # what the file held is left as it was: not the console's


def test_the_null_keyring_is_no_keyring() -> None:
    """keyring's null backend takes every secret without a word and keeps none."""
    store = SecretStore(keyring.backends.null.Keyring())
    assert not store.keyring_works()
    assert store.place().english().startswith("Secrets cannot be stored")


def test_a_chain_is_narrowed_to_its_system_keyrings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """keyring's chainer reads each backend in turn and writes to the first that takes a
    secret: a file backend in it was read when the system keyring held no entry."""
    kept = tmp_path / "keyring_pass.json"
    untrusted = PlainFileKeyring(kept)
    untrusted.priority = 9  # first in the chain
    untrusted.set_password(SERVICE, "profile-b", "from-a-file")
    system = MemoryKeyring()
    monkeypatch.setattr(keyring.backend, "get_all_keyring", lambda: [untrusted, system])
    chain = keyring.backends.chainer.ChainerBackend()
    assert chain.backends == [untrusted, system]
    store = SecretStore(chain)
    store.set("profile-a", SECRET)
    assert system.entries == {(SERVICE, "profile-a"): SECRET}
    assert "profile-a" not in kept.read_text()
    assert store.get("profile-b") is None
    assert store.place().english().startswith("Secrets are kept in the system keyring")


def test_a_chain_of_untrusted_backends_is_no_keyring(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    untrusted = PlainFileKeyring(tmp_path / "keyring_pass.json")
    monkeypatch.setattr(keyring.backend, "get_all_keyring", lambda: [untrusted])
    store = SecretStore(keyring.backends.chainer.ChainerBackend())
    assert not store.keyring_works()
    assert "the keyring found, tests.gui.memory_keyring.PlainFileKeyring, is not" in (
        store.place().english()
    )
    with pytest.raises(SecretStoreError):
        store.set("profile-a", SECRET)
    assert not (tmp_path / "keyring_pass.json").exists()


def _in_a_home(tmp_path: Path, code: str, **env: str) -> subprocess.CompletedProcess[str]:
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    environment = {**home_of_its_own(home), **env}
    environment.pop("DBUS_SESSION_BUS_ADDRESS", None)
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=environment
    )


STORE_AND_SAY = """
from console.store.secrets import SecretStore, SecretStoreError
store = SecretStore()
try:
    store.set("profile-a", "s3cret-Zebra-4711")
    print("stored")
except SecretStoreError as error:
    print("refused:", error.reason)
print(store.place().english())
from console.cli import main
main(["info"])
"""


def _said(done: subprocess.CompletedProcess[str]) -> list[str]:
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return done.stdout.splitlines()


def test_a_file_backend_named_by_keyringrc_is_not_used(tmp_path: Path) -> None:
    """keyringrc.cfg (in the user's config folder) may name any backend, from any folder
    (keyring-path): one that writes a file is not where the App Secret goes."""
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "filekeyring.py").write_text(FILE_BACKEND)
    config = tmp_path / "home" / "config" / "python_keyring"
    config.mkdir(parents=True)
    (config / "keyringrc.cfg").write_text(
        f"[backend]\ndefault-keyring=filekeyring.Keyring\nkeyring-path={plugins}\n"
    )
    kept = tmp_path / "keyring_pass.json"
    lines = _said(_in_a_home(tmp_path, STORE_AND_SAY, FILE_KEYRING_PATH=str(kept)))
    assert lines[0] == "refused: no_keyring"
    assert "filekeyring.Keyring" in lines[1] and lines[1].startswith("Secrets cannot be stored")
    assert lines[-1] == lines[1]  # info says it too
    assert "keyring: filekeyring (not used)" in lines
    assert not kept.exists()


def test_keyrings_alt_plaintext_named_in_the_environment_is_not_used(tmp_path: Path) -> None:
    pytest.importorskip("keyrings.alt.file")
    lines = _said(
        _in_a_home(
            tmp_path,
            STORE_AND_SAY,
            PYTHON_KEYRING_BACKEND="keyrings.alt.file.PlaintextKeyring",
        )
    )
    assert lines[0] == "refused: no_keyring"
    assert "keyrings.alt.file.PlaintextKeyring" in lines[1]
    assert "keyring: keyrings.alt.file (not used)" in lines
    assert lines[1].startswith("Secrets cannot be stored")
    assert lines[-1] == lines[1]
    assert not list((tmp_path / "home").rglob("keyring_pass.cfg"))


def test_keyrings_alt_found_where_no_secret_service_answers_is_not_used(tmp_path: Path) -> None:
    """With no D-Bus session, keyring finds keyrings.alt's PlaintextKeyring the best."""
    pytest.importorskip("keyrings.alt.file")
    lines = _said(_in_a_home(tmp_path, STORE_AND_SAY))
    assert not list((tmp_path / "home").rglob("keyring_pass.cfg"))
    assert "keyrings.alt" not in lines[1] or lines[1].startswith("Secrets cannot be stored")


@pytest.mark.parametrize(
    "named", ["no.such.Keyring", "keyring.backends.NoSuchKeyring", "keyring.backends.fail.Nope"]
)
def test_a_keyring_named_in_the_environment_that_cannot_load_is_said_plainly(
    tmp_path: Path, named: str
) -> None:
    """`info` ended in keyring's traceback (ModuleNotFoundError, AttributeError); the
    console called it a keyring that "refused the request" or "did not answer"."""
    lines = _said(_in_a_home(tmp_path, STORE_AND_SAY, PYTHON_KEYRING_BACKEND=named))
    assert lines[0] == "refused: not_started"
    assert lines[1] == (
        "Secrets cannot be stored: the keyring that PYTHON_KEYRING_BACKEND or keyringrc.cfg "
        "names could not be started."
    )
    assert "keyring: none started" in lines
    assert lines[-1] == lines[1]
