"""A dark palette like the one Qt's platform themes give the Fusion style in a dark
desktop (this machine's Qt has no platform theme that switches): for tests and screenshots."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

Role = QPalette.ColorRole
DARK_ROLES = {  # like the dark palette Qt's platform themes give Fusion
    Role.Window: "#353535",
    Role.WindowText: "#ffffff",
    Role.Base: "#2a2a2a",
    Role.AlternateBase: "#303030",
    Role.Text: "#ffffff",
    Role.Button: "#3c3c3c",
    Role.ButtonText: "#ffffff",
    Role.Light: "#4a4a4a",
    Role.Midlight: "#424242",
    Role.Mid: "#2b2b2b",
    Role.Dark: "#1f1f1f",
    Role.Shadow: "#141414",
    Role.Highlight: "#2f6aa3",
    Role.HighlightedText: "#ffffff",
    Role.ToolTipBase: "#353535",
    Role.ToolTipText: "#ffffff",
    Role.PlaceholderText: "#a0a0a0",
    Role.Link: "#8ab4f8",
}


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in DARK_ROLES.items():
        palette.setColor(role, QColor(colour))
    return palette
