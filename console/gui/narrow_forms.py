"""Forms that put their labels above their fields only in a window too narrow for them
side by side (a 1,366 × 768 screen at 150 %: some 900 px), so that a tab never
scrolls sideways there, and looks as it always did wherever there is room.

QFormLayout's WrapLongRows alone wraps as soon as the form is narrower than its rows'
preferred width; in a row of columns with stretch factors, Qt gives a column only
its minimum, so the labels went above their fields at 1,024 px too; and it put one
label above its field and left the next beside its own. Here every label of a form
goes above its field, or none."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QFormLayout, QScrollArea

WRAP = QFormLayout.RowWrapPolicy.WrapAllRows
BESIDE = QFormLayout.RowWrapPolicy.DontWrapRows


def label_room(form: QFormLayout) -> int:
    """What the labels beside their fields take of the width: their column and the
    space after it."""
    labels = (form.itemAt(row, QFormLayout.ItemRole.LabelRole) for row in range(form.rowCount()))
    widgets = [item.widget() for item in labels if item is not None]
    widths = [label.sizeHint().width() for label in widgets if label is not None]
    return max(widths, default=0) + max(form.horizontalSpacing(), 0)


class NarrowForms(QObject):
    """Watches a scroll area's room (its viewport's width) and what its content needs:
    the forms' labels go above their fields when the room is short of the content's
    minimum with them beside, and back beside when it is not."""

    def __init__(self, area: QScrollArea, forms: list[QFormLayout]) -> None:
        super().__init__(area)
        self.area = area
        self.forms = forms
        for form in forms:
            form.setRowWrapPolicy(BESIDE)
        area.viewport().installEventFilter(self)
        content = area.widget()
        if content is not None:
            content.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest):
            self.fit()
        return False

    def wrapped(self) -> bool:
        return any(form.rowWrapPolicy() == WRAP for form in self.forms)

    def fit(self) -> None:
        content = self.area.widget()
        if content is None:
            return
        needed = content.minimumSizeHint().width()
        if self.wrapped():  # what the labels beside would add again
            needed += max(label_room(form) for form in self.forms)
        policy = WRAP if needed > self.area.viewport().width() else BESIDE
        for form in self.forms:
            if form.rowWrapPolicy() != policy:
                form.setRowWrapPolicy(policy)
