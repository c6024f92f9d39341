"""What another console changed in a profile shown in Profiles…, in words: a line per
field, its value there; its secrets only as changed, never shown."""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import QCoreApplication

from console.gui.plain_text import wrappable
from console.gui.profiles import Profile

# a profile's fields as the form shows them, in its order; "secrets": its keyring entry
FIELDS = ("name", "app_id", "hosts", "connect_timeout", "read_timeout", "ca_bundle")


def changed_fields(shown: Profile, theirs: Profile) -> list[str]:
    """The fields (of FIELDS, and "secrets") that differ from the profile as shown."""
    changed = [field for field in FIELDS if getattr(shown, field) != getattr(theirs, field)]
    if shown.secret_key != theirs.secret_key:  # new secrets go under a new entry
        changed.append("secrets")
    return changed


def changes_text(shown: Profile, theirs: Profile, kept: Collection[str]) -> str:
    """A line per field changed there: its value there, and whether the form keeps what
    was typed here (a field of `kept`) or shows theirs now."""
    lines = []
    for field in changed_fields(shown, theirs):
        if field == "secrets":
            lines.append(
                QCoreApplication.translate(
                    "ProfileChanges",
                    "Its App Secret or Master Secret was replaced (secrets are never shown); "
                    "those you typed are kept in their fields.",
                )
                if "secrets" in kept
                else QCoreApplication.translate(
                    "ProfileChanges",
                    "Its App Secret or Master Secret was replaced (secrets are never shown); "
                    "a save here keeps the new ones.",
                )
            )
            continue
        line = f"{_label(field)} {wrappable(_value(field, theirs))}"
        lines.append(
            QCoreApplication.translate("ProfileChanges", "{line} (yours is kept in the form)")
            if field in kept
            else QCoreApplication.translate("ProfileChanges", "{line} (now in the form)")
        )
        lines[-1] = lines[-1].format(line=line)
    return "\n".join(lines)


def _label(field: str) -> str:
    labels = {
        "name": QCoreApplication.translate("ProfilesDialog", "Name:"),
        "app_id": QCoreApplication.translate("ProfilesDialog", "App ID:"),
        "hosts": QCoreApplication.translate("ProfilesDialog", "Servers:"),
        "connect_timeout": QCoreApplication.translate("ProfilesDialog", "Connect timeout:"),
        "read_timeout": QCoreApplication.translate("ProfilesDialog", "Answer timeout:"),
        "ca_bundle": QCoreApplication.translate("ProfilesDialog", "CA bundle:"),
    }
    return labels[field]


def _value(field: str, profile: Profile) -> str:
    if field == "name":
        return QCoreApplication.translate("ProfileChanges", "“{name}”").format(name=profile.name)
    if field == "hosts":
        return ", ".join(profile.hosts)
    if field in ("connect_timeout", "read_timeout"):
        seconds: float = getattr(profile, field)
        return f"{seconds:.1f}" + QCoreApplication.translate("ProfilesDialog", " seconds")
    if field == "ca_bundle":
        return profile.ca_bundle or QCoreApplication.translate(
            "ProfileChanges", "none (the usual authorities)"
        )
    return str(getattr(profile, field))
