"""The keyring's words in the console: the store's English, translated."""

from __future__ import annotations

import keyring.backends.SecretService
import pytest

from console.gui import i18n
from console.gui import secret_texts as shown
from console.store import secrets
from console.store.secrets import SecretStore, SecretStoreError
from tests.gui.memory_keyring import MemoryKeyring

PLACES = [
    secrets.Place(secrets.SESSION_ONLY),
    secrets.Place(secrets.NOWHERE),
    secrets.Place(secrets.UNANSWERED),
    secrets.Place(secrets.NOT_SYSTEM, name="xyz.file.Plain"),
    secrets.Place(secrets.NOT_LOADED),
    secrets.Place(secrets.IN_KEYRING, "", "Xyz"),
    *(secrets.Place(secrets.IN_KEYRING, known) for known in secrets.KEYRING_NAMES),
]


def test_the_console_s_words_are_the_store_s_in_english(qapp) -> None:
    assert set(shown.FAILURES) == set(secrets.FAILURES)
    for reason, english in secrets.FAILURES.items():
        assert shown.failure_text(SecretStoreError(reason)) == english == shown.FAILURES[reason]
    assert set(shown.KEYRING_NAMES) == set(secrets.KEYRING_NAMES)
    for place in PLACES:
        assert shown.place_text(place) == place.english()


@pytest.mark.parametrize("place", PLACES, ids=lambda place: place.kind + place.known)
def test_each_is_said_in_chinese(qapp, place: secrets.Place) -> None:
    i18n.apply(i18n.CHINESE)
    try:
        text = shown.place_text(place)
        assert text != place.english()
        words = text.replace("keyringrc.cfg", "")  # a file's name, the same in every language
        assert not any(word in words for word in ("Secrets", "keyring", "session"))
        if place.kind == secrets.IN_KEYRING:
            assert "beecloud-console" in text
        for reason in secrets.FAILURES:
            assert shown.failure_text(SecretStoreError(reason)) != secrets.FAILURES[reason]
    finally:
        i18n.uninstall()


def test_a_real_backend_is_named_plainly(qapp) -> None:
    place = SecretStore(keyring.backends.SecretService.Keyring()).place()
    assert shown.place_text(place) == (
        "Secrets are kept in the desktop's keyring (GNOME Keyring or KWallet), "
        "under “beecloud-console”."
    )
    assert "MemoryKeyring" in shown.place_text(SecretStore(MemoryKeyring()).place())
