"""Where the keyboard's focus goes when the button it is on turns itself off.

Qt hands the focus of a widget turned off to the next one in the Tab chain: past the
end of a tab, that is the Profile picker at the top of the window, where an arrow key
or the next amount typed picks another profile. A button that turns off when pressed
(Pay, Refund…) hands it to a field of its own tab instead; any other that turns off
or is hidden with the focus on it leaves it on the field before it (FocusKeeper)."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtWidgets import QApplication, QScrollArea, QTabWidget, QWidget


def holds_focus(widget: QWidget) -> bool:
    """Whether the widget has its window's focus (also while a dialog is in front)."""
    return widget.window().focusWidget() is widget


def hand_focus_on(button: QWidget, to: QWidget) -> None:
    """Before `button` turns off: the focus, if it is on it, goes to `to`."""
    if holds_focus(button):
        to.setFocus(Qt.FocusReason.OtherFocusReason)


def takes_tab(widget: QWidget, within: QWidget) -> bool:
    """Whether Tab can put the focus on the widget, inside `within`, once `within` is
    shown (the widget on, not hidden, taking the focus by Tab)."""
    return (
        within.isAncestorOf(widget)
        and widget.isEnabled()
        and widget.isVisibleTo(within)
        and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
    )


def first_field(page: QWidget) -> QWidget | None:
    """The first widget of `page` that Tab reaches, a scroll area's frame aside (it
    shows no focus; the fields inside it do)."""
    candidate = page.nextInFocusChain()
    while candidate is not None and candidate is not page:
        if takes_tab(candidate, page) and not isinstance(candidate, QScrollArea):
            return candidate
        candidate = candidate.nextInFocusChain()
    return None


def field_before(widget: QWidget, within: QWidget) -> QWidget | None:
    """The nearest widget before `widget` in the Tab chain, inside `within`, that Tab
    can reach (on, shown, taking focus by Tab)."""
    candidate = widget.previousInFocusChain()
    while candidate is not None and candidate is not widget:
        if takes_tab(candidate, within) and candidate.isVisible():
            return candidate
        candidate = candidate.previousInFocusChain()
    return None


class FocusKeeper(QObject):
    """Keeps the focus in the tab in front when the widget that has it turns off or is
    hidden (Check now while BeeCloud is asked, Save card once the card is kept): on the
    field before it, not on the Profile picker Qt would hand it to."""

    def __init__(self, tabs: QTabWidget) -> None:
        super().__init__(tabs)
        self.tabs = tabs
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._on_focus_changed)

    @Slot(QWidget, QWidget)
    def _on_focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        if not shiboken6.isValid(self.tabs):
            return  # the window goes: its tabs first, the focus with them
        page = self.tabs.currentWidget()
        if old is None or page is None or not page.isAncestorOf(old):
            return
        if old.isEnabled() and old.isVisible():
            return  # not turned off nor hidden with the focus on it: moved on by the user
        if new is not None and page.isAncestorOf(new):
            return
        target = field_before(old, page)
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)
