"""Profiles: which BeeCloud app the console talks to, and how.

The built-in Sandbox profile runs the embedded sandbox; live profiles name a
real app. Profiles live in the settings (LIVE_PROFILES) without their secret, which is kept by
console.store.secrets under the profile's id.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace

from PySide6.QtCore import QCoreApplication

from console.api.hosts import DEFAULT_HOSTS
from console.gui.settings import LAST_PROFILE, LIVE_PROFILES, Settings

# The longest timeout a profile may have (a call is cut off after both and a margin).
MAX_TIMEOUT_SECONDS = 600.0
SANDBOX_ID = "sandbox"
SANDBOX_APP_ID = "sandbox-app"


@dataclass(frozen=True)
class Profile:
    id: str
    name: str
    app_id: str
    hosts: tuple[str, ...] = DEFAULT_HOSTS
    connect_timeout: float = 5.0
    read_timeout: float = 20.0
    ca_bundle: str | None = None
    is_sandbox: bool = field(default=False)

    @staticmethod
    def new_live(name: str, app_id: str, hosts: tuple[str, ...] = DEFAULT_HOSTS) -> Profile:
        import uuid  # here, not at start: only a new profile needs it

        return Profile(uuid.uuid4().hex, name, app_id, hosts)


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


def _from_json(data: dict[str, object]) -> Profile | None:
    try:
        listed = data.get("hosts")
        hosts = tuple(str(host) for host in listed) if isinstance(listed, list) else ()
        hosts = hosts or DEFAULT_HOSTS
        return Profile(
            id=str(data["id"]),
            name=str(data["name"]),
            app_id=str(data["app_id"]),
            hosts=hosts,
            connect_timeout=_seconds(data.get("connect_timeout"), 5.0),
            read_timeout=_seconds(data.get("read_timeout"), 20.0),
            ca_bundle=str(data["ca_bundle"]) if data.get("ca_bundle") else None,
        )
    except (KeyError, TypeError, ValueError):
        return None


class ProfileSaveError(Exception):
    """The profiles could not be written (read-only settings, a full disk): the message
    is for the user; nothing was changed."""


def master_secret_key(profile_id: str) -> str:
    """The keyring entry of a profile's optional Master Secret (refunds are signed with
    it where BeeCloud asks for it); the App Secret's entry is the profile's id."""
    return f"{profile_id}/master-secret"


class ProfileStore:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def live_profiles(self) -> list[Profile]:
        try:
            items = json.loads(self.settings.get(LIVE_PROFILES))
        except ValueError:
            items = []
        if not isinstance(items, list):
            items = []
        profiles = [_from_json(item) for item in items if isinstance(item, dict)]
        return [profile for profile in profiles if profile is not None]

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
        self._write([p for p in self.live_profiles() if p.id != profile_id])
        if self.last_id() == profile_id:
            self.set_last(SANDBOX_ID)

    def last_id(self) -> str:
        return self.settings.get(LAST_PROFILE) or SANDBOX_ID

    def set_last(self, profile_id: str) -> None:
        self.settings.put(LAST_PROFILE, profile_id)

    def check_writable(self) -> None:
        """Raises ProfileSaveError when the settings cannot be written (checked before
        anything else of a profile is stored)."""
        settings = self.settings
        if not settings.can_write():
            raise ProfileSaveError(
                QCoreApplication.translate(
                    "ProfileStore",
                    "The console's settings file {path} cannot be written, so the profile "
                    "was not saved. Give your user write access to it and its folder.",
                ).format(path=settings.file_name())
            )

    def _write(self, profiles: list[Profile]) -> None:
        """Raises ProfileSaveError when the settings cannot be written."""
        self.check_writable()
        settings = self.settings
        items = []
        for profile in profiles:
            item = asdict(profile)
            item.pop("is_sandbox")
            item["hosts"] = list(profile.hosts)
            items.append(item)
        before = settings.get(LIVE_PROFILES)
        settings.put(LIVE_PROFILES, json.dumps(items))
        if not settings.save_now():
            settings.put(LIVE_PROFILES, before)  # what the file still holds
            raise ProfileSaveError(
                QCoreApplication.translate(
                    "ProfileStore",
                    "The console's settings file {path} could not be written, so the "
                    "profile was not saved.",
                ).format(path=settings.file_name())
            )
