"""Profiles: which BeeCloud app the console talks to, and how.

The built-in Sandbox profile runs the embedded sandbox; live profiles name a
real app. Profiles live in the settings (LIVE_PROFILES) without their secret, which is kept by
console.store.secrets under the keyring entry the profile names (Profile.secret_key): a
new profile's is its id, and each change of its secrets stores them under a new entry
before the settings name it, so that the settings' write is the one moment the profile
changes, App ID and secrets together (a console killed on the way leaves it whole, old
or new; console/gui/profiles_dialog.py, ConsoleSession's start deletes what is left).

A profile the settings hold but that cannot be read whole (a damaged or hand-edited
file: no hosts, hosts the client would refuse) is not used, not even with other hosts
or defaults, and is never lost: it is written back as it was whenever the list is
saved, and a list that is not one at all is set aside (LIVE_PROFILES_UNREADABLE) before
a new one is written. The start says so (console/gui/start_notice.py).

Two consoles may share the settings file: the list is read again from it whenever it is
read (Settings.reload), so that a save in one never writes over a profile the other saved.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field, replace
from typing import NamedTuple

from PySide6.QtCore import QCoreApplication

from console.api.deadlines import call_deadline_s
from console.api.hosts import DEFAULT_HOSTS, host_problem
from console.gui.settings import LAST_PROFILE, LIVE_PROFILES, LIVE_PROFILES_UNREADABLE, Settings
from console.store.stamps import Moment, span_ends_ms

# The longest timeout a profile may have (a call is cut off after both and a margin).
MAX_TIMEOUT_SECONDS = 600.0
# A profile's timeouts unless set otherwise (a new one's, one whose file leaves them out).
DEFAULT_CONNECT_TIMEOUT = 5.0
DEFAULT_READ_TIMEOUT = 20.0
SANDBOX_ID = "sandbox"
SANDBOX_APP_ID = "sandbox-app"
# A payment or refund that may still reach BeeCloud is asked about again this long
# after its request's call would have ended (Profile.arrives_until_ms).
ASK_AGAIN_SLACK_MS = 500


@dataclass(frozen=True)
class Profile:
    id: str
    name: str
    app_id: str
    hosts: tuple[str, ...] = DEFAULT_HOSTS
    connect_timeout: float = DEFAULT_CONNECT_TIMEOUT
    read_timeout: float = DEFAULT_READ_TIMEOUT
    ca_bundle: str | None = None
    is_sandbox: bool = field(default=False)
    keyring_entry: str = ""  # where its secrets are in the keyring: "" for its id

    @property
    def secret_key(self) -> str:
        """The keyring entry of its App Secret."""
        return self.keyring_entry or self.id

    @property
    def master_secret_key(self) -> str:
        """The keyring entry of its optional Master Secret (refunds are signed with it
        where BeeCloud asks for it)."""
        return master_secret_key(self.secret_key)

    @staticmethod
    def new_live(name: str, app_id: str, hosts: tuple[str, ...] = DEFAULT_HOSTS) -> Profile:
        import uuid  # here, not at start: only a new profile needs it

        return Profile(uuid.uuid4().hex, name, app_id, hosts)

    def under_new_keyring_entry(self) -> Profile:
        """The profile, its secrets to be stored under a keyring entry of their own."""
        import uuid

        return replace(self, keyring_entry=uuid.uuid4().hex)

    @property
    def call_ms(self) -> int:
        """The longest a call through this profile lasts: both timeouts and the client's
        margin."""
        return math.ceil(call_deadline_s(self.connect_timeout, self.read_timeout) * 1000)

    def arrives_until_ms(self, sent: Moment) -> int:
        """Until when (epoch ms, on the wall clock as it reads now) a payment or refund
        sent through this profile at `sent` may still reach BeeCloud: its call lasts
        call_ms at most. Before then, "no such bill" proves nothing: a console killed with
        the request on its way, started again at once, asks before the request arrives.
        Timed by the clock since boot when sent in this boot, so that a clock put forward
        or back meanwhile changes nothing; else by the wall clock, where a moment ahead
        of it (set back since) tells nothing: 0, as one long past (stamps.span_ends_ms)."""
        return span_ends_ms(sent, self.call_ms)


SANDBOX_PROFILE = Profile(SANDBOX_ID, "Sandbox", SANDBOX_APP_ID, (), 2.0, 10.0, None, True)


def _seconds(value: object, default: float) -> float:
    """A timeout as stored (a number, or its text); the default when it is not one a
    call can keep (a damaged file): above 0 and MAX_TIMEOUT_SECONDS at most."""
    if isinstance(value, (int, float, str)) and not isinstance(value, bool):
        try:
            seconds = float(value)
        except ValueError:
            return default
        if 0 < seconds <= MAX_TIMEOUT_SECONDS:  # (never NaN)
            return seconds
    return default


def _hosts(listed: object) -> tuple[str, ...] | None:
    """A profile's hosts as stored: a list of addresses the client may send to; None
    when they are missing or damaged (never replaced by others)."""
    if not isinstance(listed, list) or not listed:
        return None
    if not all(isinstance(host, str) and host_problem(host) is None for host in listed):
        return None
    return tuple(listed)


def _from_json(data: dict[str, object]) -> Profile | None:
    hosts = _hosts(data.get("hosts"))
    if hosts is None or not isinstance(data.get("id"), str) or not data["id"]:
        return None
    try:
        return Profile(
            id=str(data["id"]),
            name=str(data["name"]),
            app_id=str(data["app_id"]),
            hosts=hosts,
            connect_timeout=_seconds(data.get("connect_timeout"), DEFAULT_CONNECT_TIMEOUT),
            read_timeout=_seconds(data.get("read_timeout"), DEFAULT_READ_TIMEOUT),
            ca_bundle=str(data["ca_bundle"]) if data.get("ca_bundle") else None,
            keyring_entry=str(data.get("keyring_entry") or ""),
        )
    except (KeyError, TypeError, ValueError):
        return None


class ProfileSaveError(Exception):
    """The profiles could not be written (read-only settings, a full disk): the message
    is for the user; nothing was changed."""


def master_secret_key(secret_key: str) -> str:
    """The keyring entry of the Master Secret beside the App Secret's entry."""
    return f"{secret_key}/master-secret"


class ProfileDamage(NamedTuple):
    """What of the saved live profiles cannot be read: `entries` of the list, or the
    `whole` text (not a JSON list)."""

    entries: int = 0
    whole: bool = False

    def __bool__(self) -> bool:
        return bool(self.entries or self.whole)


REMOVED = "removed"  # by Profiles… of another console (or the settings lost it)
UNREADABLE = "unreadable"  # the settings may hold it, in what cannot be read now


class ProfileGone(NamedTuple):
    """Why the settings hold no profile of an id any more (ProfileStore.gone)."""

    kind: str  # REMOVED or UNREADABLE (an ErrorReport's kind too: jobs.REPORT_TITLES)
    text: str  # what happened, for the user: one place says it for every window


def _may_be(item: object, profile_id: str) -> bool:
    """Whether an entry of the list that cannot be read may be the profile's: all but
    one that names another id."""
    if not isinstance(item, dict):
        return True
    named = item.get("id")
    return not isinstance(named, str) or not named or named == profile_id


class _Stored(NamedTuple):
    profiles: list[Profile]
    unreadable: list[object]  # entries of the list, kept as they were
    whole: str | None  # the text, when it is not a list


class ProfileStore:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def _stored(self) -> _Stored:
        self.settings.reload()  # another console may have saved or removed one since
        text = self.settings.get(LIVE_PROFILES)
        try:
            items = json.loads(text)
        except (ValueError, RecursionError):  # not JSON, or nested past the reader's depth
            items = None
        if not isinstance(items, list):
            return _Stored([], [], text)
        profiles, unreadable = [], []
        for item in items:
            profile = _from_json(item) if isinstance(item, dict) else None
            if profile is None:
                unreadable.append(item)
            else:
                profiles.append(profile)
        return _Stored(profiles, unreadable, None)

    def names_entry(self, secret_key: str) -> bool:
        """Whether a profile the settings hold keeps its secrets under this keyring
        entry, or may (one that cannot be read, or set aside, mentions it)."""
        stored = self._stored()
        if any(profile.secret_key == secret_key for profile in stored.profiles):
            return True
        texts = [json.dumps(item) for item in stored.unreadable]
        texts += [stored.whole or "", self.settings.get(LIVE_PROFILES_UNREADABLE) or ""]
        return any(secret_key in text for text in texts)

    def live_profiles(self) -> list[Profile]:
        return self._stored().profiles

    def damage(self) -> ProfileDamage:
        stored = self._stored()
        return ProfileDamage(len(stored.unreadable), stored.whole is not None)

    def gone(self, profile_id: str, name: str) -> ProfileGone:
        """Why find() finds no profile of this id (`name`, as it was shown): the settings
        may hold it in what cannot be read now (the list not one, its entry damaged, or
        the list set aside by a save since), never to be called removed then; else it was
        removed (Profiles… of another console, or the settings replaced without it)."""
        stored = self._stored()
        aside = self.settings.get(LIVE_PROFILES_UNREADABLE) or ""
        if (
            stored.whole is not None
            or any(_may_be(item, profile_id) for item in stored.unreadable)
            or profile_id in aside
        ):
            return ProfileGone(
                UNREADABLE,
                QCoreApplication.translate(
                    "ProfileStore",
                    "The profile “{name}” cannot be read now in the console's settings file "
                    "{path} (the file was damaged, or edited by hand or by another program). "
                    "Nothing was deleted: it stays in the file as it is, and its App Secret "
                    "in the keyring.",
                ).format(name=name, path=self.settings.file_name()),
            )
        return ProfileGone(
            REMOVED,
            QCoreApplication.translate(
                "ProfileStore", "The profile “{name}” has been removed in another console."
            ).format(name=name),
        )

    def all(self) -> list[Profile]:
        return [SANDBOX_PROFILE, *self.live_profiles()]

    def find(self, profile_id: str) -> Profile | None:
        return next((p for p in self.all() if p.id == profile_id), None)

    def save(self, profile: Profile) -> None:
        if profile.is_sandbox:
            raise ValueError("the sandbox profile is built in")
        kept = [p for p in self.live_profiles() if p.id != profile.id]
        self._write([*kept, replace(profile)])

    def remove(self, profile_id: str) -> None:
        self._write([p for p in self.live_profiles() if p.id != profile_id], removing=True)
        if self.last_id() == profile_id:
            self.set_last(SANDBOX_ID)

    def last_id(self) -> str:
        return self.settings.get(LAST_PROFILE) or SANDBOX_ID

    def set_last(self, profile_id: str) -> None:
        self.settings.put(LAST_PROFILE, profile_id)

    def check_writable(self, removing: bool = False) -> None:
        """Raises ProfileSaveError when the settings cannot be written (checked before
        anything else of a profile is stored), said of a save or of a removal."""
        settings = self.settings
        if not settings.can_write():
            text = (
                QCoreApplication.translate(
                    "ProfileStore",
                    "The console's settings file {path} cannot be written, so the profile "
                    "was not removed. Give your user write access to it and its folder.",
                )
                if removing
                else QCoreApplication.translate(
                    "ProfileStore",
                    "The console's settings file {path} cannot be written, so the profile "
                    "was not saved. Give your user write access to it and its folder.",
                )
            )
            raise ProfileSaveError(text.format(path=settings.file_name()))

    def _write(self, profiles: list[Profile], removing: bool = False) -> None:
        """Raises ProfileSaveError when the settings cannot be written, said of a save or
        of a removal."""
        self.check_writable(removing)
        settings = self.settings
        stored = self._stored()
        items: list[object] = []
        for profile in profiles:
            item = asdict(profile)
            item.pop("is_sandbox")
            item["hosts"] = list(profile.hosts)
            items.append(item)
        items.extend(stored.unreadable)
        before = settings.get(LIVE_PROFILES)
        aside_before = settings.get(LIVE_PROFILES_UNREADABLE)
        if stored.whole is not None:
            kept = [text for text in (aside_before, stored.whole) if text]
            settings.put(LIVE_PROFILES_UNREADABLE, "\n".join(kept))
        settings.put(LIVE_PROFILES, json.dumps(items))
        if not settings.save_now():
            settings.put(LIVE_PROFILES, before)  # what the file still holds
            settings.put(LIVE_PROFILES_UNREADABLE, aside_before)
            text = (
                QCoreApplication.translate(
                    "ProfileStore",
                    "The console's settings file {path} could not be written, so the "
                    "profile was not removed.",
                )
                if removing
                else QCoreApplication.translate(
                    "ProfileStore",
                    "The console's settings file {path} could not be written, so the "
                    "profile was not saved.",
                )
            )
            raise ProfileSaveError(text.format(path=settings.file_name()))
