"""Refunds to check: a bar under the environment band, always visible while the
refund journal holds an unresolved refund, and the dialog it opens.

The dialog lists each unresolved refund with its state in plain words, checks
them all with BeeCloud on demand, and offers, for a refund BeeCloud proved
absent, to send it again with the same refund number (after a confirmation) or
to drop it. Nothing here sends by itself.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from console.api.money import Money, format_amount, format_money
from console.gui import colours
from console.gui.absent_refund import absent_choices
from console.gui.announce import announce
from console.gui.counts import counts
from console.gui.dialog_room import DialogBody, console_window
from console.gui.feedback import ERROR_COLOUR, OK_COLOUR, WARN_COLOUR
from console.gui.i18n import sentences
from console.gui.plain_text import PlainLabel, action_or_cancel, chose_action, plain_box
from console.gui.profiles import Profile
from console.gui.reconciler import Reconciler
from console.gui.session import ConsoleSession
from console.gui.stored_texts import journal_detail, profile_label
from console.gui.tables.formatting import about_time_text, local_time_text
from console.store.refund_journal import (
    ABSENT,
    DONE,
    DROPPED,
    SENDING,
    UNKNOWN,
    JournalEntry,
)

# Style templates (console/gui/colours.py): the notice's ground, border and text.
ATTENTION_STYLE = (
    "QFrame#refundNotice { background: $attention; border: 1px solid $attention_border;"
    " border-radius: 3px; } QFrame#refundNotice QLabel { color: $attention_text; }"
)
NEWS_STYLE = (
    "QFrame#refundNotice { background: $news; border: 1px solid $news_border;"
    " border-radius: 3px; } QFrame#refundNotice QLabel { color: $news_text; }"
)


def amount_words(entry: JournalEntry) -> str:
    if entry.currency is None:
        return QCoreApplication.translate("RefundNotice", "{amount} (currency unknown)").format(
            amount=format_amount(entry.refund_fee, "USD")
        )
    return format_money(Money(entry.refund_fee, entry.currency))


def subject(entry: JournalEntry) -> str:
    """'Refund R of USD 20.00 for bill B'."""
    return QCoreApplication.translate(
        "RefundNotice", "Refund {refund_no} of {amount} for bill {bill_no}"
    ).format(refund_no=entry.refund_no, amount=amount_words(entry), bill_no=entry.bill_no)


def notice_text(entries: list[JournalEntry], checking: bool) -> str:
    """'2 refunds need checking: 1 of unknown outcome, 1 never reached BeeCloud.'"""
    count = len(entries)
    absent = sum(1 for e in entries if e.state == ABSENT)
    unknown = count - absent
    parts = []
    if unknown:
        parts.append(counts().of_unknown_outcome(unknown))
    if absent:
        parts.append(counts().never_reached_beecloud(absent))
    head = counts().refunds_to_check(count)
    text = QCoreApplication.translate("RefundNotice", "⚠ {head}: {parts}.").format(
        head=head,
        parts=QCoreApplication.translate("RefundNotice", ", ").join(parts),
    )
    return (
        QCoreApplication.translate("RefundNotice", "{text} Asking BeeCloud now…").format(text=text)
        if checking
        else text
    )


def settled_text(entry: JournalEntry) -> str:
    """What became of a refund once it was settled, in one line."""
    if entry.state == DONE:
        return QCoreApplication.translate("RefundNotice", "{subject} was made.").format(
            subject=subject(entry)
        )
    if entry.state == DROPPED:
        return QCoreApplication.translate(
            "RefundNotice", "{subject} was not sent again; nothing was refunded."
        ).format(subject=subject(entry))
    return (
        QCoreApplication.translate("RefundNotice", "{subject} was not made. {detail}")
        .format(subject=subject(entry), detail=journal_detail(entry))
        .rstrip()
    )


def moved_elsewhere_text(shown: JournalEntry, now: JournalEntry | None) -> str | None:
    """What became of a refund while Refunds to check showed it waiting (`shown`, as its
    row has it; `now`, as the journal has it): another console on the data folder
    dropped it, sent it again, or a check settled it. A button of its row then does
    nothing, and the clerk is told this, not left with a list that just refreshed.
    None: it is as shown."""
    refund_no = shown.refund_no
    if now is not None and now.state == ABSENT and now.attempts == shown.attempts:
        return None
    if now is None:
        text = QCoreApplication.translate(
            "RefundNotice", "Refund {refund_no} is no longer in the journal."
        ).format(refund_no=refund_no)
    elif now.state == DROPPED:
        # only this dialog drops a refund, and a row dropped here is gone from it
        text = QCoreApplication.translate(
            "RefundNotice", "Refund {refund_no} was dropped in another console at {time}: {detail}"
        ).format(
            refund_no=refund_no, time=about_time_text(now.updated_ms), detail=journal_detail(now)
        )
    elif now.attempts > shown.attempts and now.state in (SENDING, UNKNOWN):
        # sent again from here, its row showed it so until it was answered
        text = QCoreApplication.translate(
            "RefundNotice",
            "Refund {refund_no} was sent again in another console meanwhile; its answer is "
            "awaited there.",
        ).format(refund_no=refund_no)
    elif now.attempts > shown.attempts:
        text = QCoreApplication.translate(
            "RefundNotice", "Refund {refund_no} was sent again in another console meanwhile."
        ).format(refund_no=refund_no)
        if not now.unresolved:
            text = sentences(text, settled_text(now))
    elif not now.unresolved:
        text = settled_text(now)
    else:
        text = QCoreApplication.translate(
            "RefundNotice", "Refund {refund_no} changed meanwhile; look at it again."
        ).format(refund_no=refund_no)
    return sentences(text, QCoreApplication.translate("RefundNotice", "Nothing was done here."))


def state_words(entry: JournalEntry, reconciler: Reconciler, active: Profile) -> str:
    """Where a refund stands and what the user can do, in plain words."""
    refund_no = entry.refund_no
    if reconciler.is_in_flight(refund_no):
        if entry.attempts > 1:
            return QCoreApplication.translate(
                "RefundNotice", "Being sent again now; waiting for BeeCloud's answer."
            )
        return QCoreApplication.translate(
            "RefundNotice", "Being sent now; waiting for BeeCloud's answer."
        )
    if reconciler.is_checking(refund_no):
        return QCoreApplication.translate("RefundNotice", "Asking BeeCloud about it now…")
    if entry.state == SENDING:
        parts = [
            QCoreApplication.translate(
                "RefundNotice",
                "It was being sent when the console stopped; whether BeeCloud got it is not "
                "known yet.",
            )
        ]
    elif entry.state == ABSENT:
        parts = [
            QCoreApplication.translate(
                "RefundNotice", "It never reached BeeCloud: nothing was refunded."
            )
        ]
    else:
        parts = [
            QCoreApplication.translate(
                "RefundNotice", "Outcome unknown: it may or may not have been made."
            )
        ]
    detail = journal_detail(entry)
    if detail:
        parts.append(detail)
    problem = reconciler.problem(refund_no)
    if problem:
        parts.append(problem)
    if entry.profile_id != active.id:
        name = reconciler.profile_name(entry.profile_id)
        if name is None:
            parts.append(
                QCoreApplication.translate(
                    "RefundNotice",
                    "The profile that sent it was removed, so it cannot be checked here.",
                )
            )
        elif entry.state == ABSENT:
            parts.append(
                QCoreApplication.translate(
                    "RefundNotice", "Switch to the profile “{name}” to send it again or drop it."
                ).format(name=name)
            )
        else:
            parts.append(
                QCoreApplication.translate(
                    "RefundNotice", "Switch to the profile “{name}” to check it."
                ).format(name=name)
            )
    elif entry.state == ABSENT:
        parts.append(absent_choices(entry))
    else:
        parts.append(
            QCoreApplication.translate("RefundNotice", "Press “Check now” to ask BeeCloud.")
        )
    return sentences(*parts)


def send_again_question(entry: JournalEntry, profile: Profile) -> str:
    """The confirmation before an absent refund goes out again, one fact a line."""
    from console.gui.tabs.refund.confirm_refund import profile_stakes  # not needed at start

    return "\n".join(
        [
            QCoreApplication.translate("RefundNotice", "Send refund {refund_no} again?").format(
                refund_no=entry.refund_no
            ),
            "",
            QCoreApplication.translate("RefundNotice", "Bill {bill_no}: {amount}.").format(
                bill_no=entry.bill_no, amount=amount_words(entry)
            ),
            profile_stakes(profile_label(profile.id, profile.name), not profile.is_sandbox),
            QCoreApplication.translate(
                "RefundNotice",
                "BeeCloud showed that this refund never arrived, so nothing was refunded yet.",
            ),
            QCoreApplication.translate(
                "RefundNotice",
                "It goes with the same refund number: BeeCloud takes a number only once, so the "
                "bill cannot be refunded twice this way.",
            ),
            "",
            QCoreApplication.translate("RefundNotice", "A refund cannot be undone."),
        ]
    )


def ask_to_send_again(question: str) -> bool:
    """Ask over the console's window; Cancel is the default, so a stray Enter sends nothing,
    also on Send again (not an auto-default button: Enter there takes Cancel)."""
    from PySide6.QtWidgets import QMessageBox

    box = plain_box(console_window())
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(QCoreApplication.translate("RefundNotice", "Send the refund again"))
    box.setText(question)
    action_or_cancel(box, QCoreApplication.translate("RefundNotice", "Send again"))
    try:
        box.exec()
        return chose_action(box)
    finally:
        box.deleteLater()


class RefundNotice(QFrame):
    """The bar: how many refunds need checking, and news of those just settled."""

    fresh_refund_requested = Signal(str)  # bill_no: the user wants a new refund of it

    def __init__(self, session: ConsoleSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.reconciler = session.reconciler
        # The question before a refund is sent again; tests put their own answer here.
        self.confirm: Callable[[str], bool] = ask_to_send_again
        self.dialog: RefundsToCheckDialog | None = None
        self._news: list[str] = []
        self.setObjectName("refundNotice")
        self.attention_label = PlainLabel()
        self.attention_label.setWordWrap(True)
        self.attention_label.setStyleSheet("font-weight: bold;")
        self.review_button = QPushButton(self.tr("Review and check…"))
        self.review_button.clicked.connect(self.open_dialog)
        self.news_label = PlainLabel()
        self.news_label.setWordWrap(True)
        self.news_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.dismiss_button = QPushButton(self.tr("OK"))
        self.dismiss_button.setToolTip(self.tr("Hide this news"))
        self.dismiss_button.clicked.connect(self.dismiss_news)
        self.attention_row = _row(self.attention_label, self.review_button)
        self.news_row = _row(self.news_label, self.dismiss_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.attention_row)
        layout.addWidget(self.news_row)
        self.reconciler.changed.connect(self.refresh)
        self.reconciler.settled.connect(self._on_settled)
        self.refresh()

    @property
    def waiting(self) -> list[JournalEntry]:
        return self.reconciler.needing_attention()

    @Slot()
    def refresh(self) -> None:
        waiting = self.waiting
        checking = any(self.reconciler.is_checking(e.refund_no) for e in waiting)
        self.attention_label.setText(notice_text(waiting, checking) if waiting else "")
        self.attention_row.setVisible(bool(waiting))
        self.news_label.setText("\n".join(self._news))
        self.news_row.setVisible(bool(self._news))
        colours.paint(self, ATTENTION_STYLE if waiting else NEWS_STYLE)
        self.setVisible(bool(waiting or self._news))
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.refresh()

    @Slot(object)
    def _on_settled(self, entry: JournalEntry) -> None:
        self._news.append(settled_text(entry))
        self.refresh()

    @Slot()
    def dismiss_news(self) -> None:
        self._news.clear()
        self.refresh()

    @Slot()
    def open_dialog(self) -> None:
        if self.dialog is None:
            self.dialog = RefundsToCheckDialog(self, self.window())
        self.dialog.refresh()
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()


def _row(label: QLabel, button: QPushButton) -> QWidget:
    row = QWidget()
    line = QHBoxLayout(row)
    line.setContentsMargins(0, 0, 0, 0)
    line.addWidget(label, 1)
    line.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
    return row


class EntryRow(QFrame):
    """One unresolved refund: what it is, where it stands, what can be done."""

    def __init__(self, entry: JournalEntry) -> None:
        super().__init__()
        self.entry = entry
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = PlainLabel(subject(entry))
        self.title.setStyleSheet("font-weight: bold;")
        # two numbers of 24 characters and an amount: on one line, wider than the dialog
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.facts = PlainLabel()
        self.facts.setWordWrap(True)
        self.state = PlainLabel()
        self.state.setWordWrap(True)
        self.state.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.send_again_button = QPushButton(self.tr("Send again (same refund number)…"))
        self.drop_button = QPushButton(self.tr("Don't send it"))
        self.fresh_button = QPushButton(self.tr("Start a fresh refund…"))
        buttons = QHBoxLayout()
        for button in (self.send_again_button, self.drop_button, self.fresh_button):
            buttons.addWidget(button)
            # Alike in every row: a screen reader says which refund a button acts on.
            button.setAccessibleDescription(self.title.text())
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.facts)
        layout.addWidget(self.state)
        layout.addLayout(buttons)

    def show_state(self, reconciler: Reconciler, active: Profile) -> None:
        entry = self.entry
        profile = reconciler.profile_name(entry.profile_id) or self.tr("(removed)")
        facts = self.tr("Profile: {profile} · sent by {operator} on {time}").format(
            profile=profile, operator=entry.operator, time=local_time_text(entry.created_ms)
        )
        if entry.attempts > 1:
            facts = self.tr("{facts} · sent %n time(s)", "", entry.attempts).format(facts=facts)
        self.facts.setText(facts)
        self.state.setText(state_words(entry, reconciler, active))
        colour = WARN_COLOUR if entry.state != ABSENT else ERROR_COLOUR
        colours.paint(self.state, f"color: {colour};")
        busy = reconciler.is_in_flight(entry.refund_no) or reconciler.is_checking(entry.refund_no)
        decide = entry.state == ABSENT and entry.profile_id == active.id and not busy
        can_resend = decide and entry.resend_problem() is None
        self.send_again_button.setVisible(can_resend)
        self.drop_button.setVisible(can_resend)
        self.fresh_button.setVisible(decide and not can_resend)


class RefundsToCheckDialog(QDialog):
    def __init__(self, notice: RefundNotice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.notice = notice
        self.reconciler = notice.reconciler
        self.session = notice.session
        self.rows: dict[str, EntryRow] = {}
        self._settled: list[str] = []
        self._asking: set[str] = set()  # refund_nos asked about or sent again from here
        self.setWindowTitle(self.tr("Refunds to check"))
        self.setMinimumSize(640, 420)
        intro = PlainLabel(
            self.tr(
                "These refunds were sent, but the console does not know yet how they ended, or "
                "BeeCloud showed they never arrived. They stay here until they are settled. "
                "“Check now” only asks BeeCloud; it never sends a refund."
            )
        )
        intro.setWordWrap(True)
        self.list_widget = QWidget()
        self.list_layout = QVBoxLayout(self.list_widget)
        self.list_layout.addStretch(1)
        self.list_area = QScrollArea()
        # a Tab stop: arrows scroll the list
        self.list_area.setAccessibleName(self.windowTitle())
        self.list_area.setWidgetResizable(True)
        self.list_area.setWidget(self.list_widget)
        self.empty_label = PlainLabel(self.tr("No refund needs checking."))
        self.settled_label = PlainLabel()
        self.settled_label.setWordWrap(True)
        colours.paint(self.settled_label, f"color: {OK_COLOUR};")
        self.settled_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = PlainLabel()
        self.status.setWordWrap(True)
        self.check_button = QPushButton(self.tr("Check now"))
        self.check_button.setToolTip(
            self.tr("Ask BeeCloud about every refund of this profile listed here")
        )
        self.check_button.clicked.connect(self.check_now)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list_area, 1)
        layout.addWidget(self.empty_label)
        # scrolls in a box of its own: many settled at once pushed the list out of sight
        # where the focus goes once the last refund's row is gone: a Tab stop, as it fits too
        self.settled_area = DialogBody(
            self.settled_label, self.tr("Refunds settled"), always_a_tab_stop=True
        )
        self.settled_area.hide()
        layout.addWidget(self.settled_area)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.reconciler.settled.connect(self._on_settled)

    @Slot()
    def refresh(self) -> None:
        entries = self.reconciler.unresolved()
        wanted = {entry.refund_no: entry for entry in entries}
        for refund_no in [r for r in self.rows if r not in wanted]:
            gone = self.rows.pop(refund_no)
            self.list_layout.removeWidget(gone)
            gone.hide()  # a focus in it goes on down the Tab chain (deleted, it went nowhere)
            gone.deleteLater()
        active = self.session.profile
        for index, entry in enumerate(entries):
            row = self.rows.get(entry.refund_no)
            if row is None:
                row = EntryRow(entry)
                refund_no = entry.refund_no
                row.send_again_button.clicked.connect(
                    lambda _=False, r=refund_no: self.send_again(r)
                )
                row.drop_button.clicked.connect(lambda _=False, r=refund_no: self.drop(r))
                row.fresh_button.clicked.connect(lambda _=False, r=refund_no: self.start_fresh(r))
                self.rows[refund_no] = row
                self.list_layout.insertWidget(index, row)
            row.entry = entry
            row.show_state(self.reconciler, active)
        self._chain_tab_order([self.rows[entry.refund_no] for entry in entries])
        self.empty_label.setVisible(not entries)
        if self._asking and not any(map(self._on_its_way, self._asking)):
            self._asking.clear()
            self.status.clear()  # answered: each row (or the settled line) says how it ended
        mine = [e for e in entries if e.profile_id == active.id]
        self.check_button.setEnabled(bool(mine))
        self.settled_label.setText("\n".join(self._settled))
        self.settled_area.setVisible(bool(self._settled))

    def _chain_tab_order(self, rows: list[EntryRow]) -> None:
        """Tab goes down the dialog as it is shown: the list, each refund's buttons in
        their order, the refunds settled, then Check now and Close (a row added after
        the dialog was made came after Close)."""
        stops: list[QWidget] = [self.list_area]
        for row in rows:
            stops += [row.send_again_button, row.drop_button, row.fresh_button]
        stops += [self.settled_area, self.check_button, self.close_button]
        for before, after in pairwise(stops):
            QWidget.setTabOrder(before, after)

    def _on_its_way(self, refund_no: str) -> bool:
        """Being asked about, or sent again: what the status line says is under way."""
        return self.reconciler.is_checking(refund_no) or self.reconciler.is_in_flight(refund_no)

    @Slot(object)
    def _on_settled(self, entry: JournalEntry) -> None:
        self._settled.append(settled_text(entry))
        self.refresh()

    @Slot()
    def check_now(self) -> None:
        sent = self.reconciler.check_all()
        others = [
            e for e in self.reconciler.unresolved() if e.profile_id != self.session.profile.id
        ]
        if sent:
            text = self.tr("Asking BeeCloud about %Ln refund(s)…", "", sent)
            unresolved = self.reconciler.unresolved()
            self._asking = {
                e.refund_no for e in unresolved if self.reconciler.is_checking(e.refund_no)
            }
        else:
            self._asking = set()
            text = self.tr("Nothing more to ask BeeCloud in this profile right now.")
        if others:
            more = self.tr("{text} Refunds of other profiles are checked when you switch to them.")
            text = more.format(text=text)
        self._say(text)
        self.refresh()

    def _say(self, text: str, urgent: bool = False) -> None:
        """What a button of the dialog did, on the line above the buttons and to a screen
        reader (the focus is on the button pressed, or, its row gone, another)."""
        self.status.setText(text)
        announce(self.status, text, urgent)

    def _said_moved(self, shown: JournalEntry) -> bool:
        """Whether the refund is no longer as its row showed it when its button was
        pressed (another console dropped it or sent it again meanwhile: nothing tells this
        one until something here refreshes); if so, what became of it is said, and the
        list shows it as it is."""
        text = moved_elsewhere_text(shown, self.reconciler.entry(shown.refund_no))
        if text is None:
            return False
        self._say(text, urgent=True)
        self.refresh()
        return True

    def _shown(self, refund_no: str) -> JournalEntry | None:
        row = self.rows.get(refund_no)
        return row.entry if row is not None else None

    def send_again(self, refund_no: str) -> None:
        shown = self._shown(refund_no)
        if shown is None or self._said_moved(shown):
            return
        profile = self.session.profile
        if shown.profile_id != profile.id:
            return
        if not self.notice.confirm(send_again_question(shown, profile)):
            return
        if self._said_moved(shown):  # while the question was open
            return
        problem = self.reconciler.send_again(refund_no)
        if problem is not None and self._said_moved(shown):  # between the look and the write
            return
        self._say(
            problem or self.tr("Sending refund {refund_no} again…").format(refund_no=refund_no),
            urgent=problem is not None,
        )
        if problem is None:
            self._asking = {refund_no}
        self.refresh()

    def drop(self, refund_no: str) -> None:
        shown = self._shown(refund_no)
        if self.reconciler.drop(refund_no):
            self._say(
                self.tr("Refund {refund_no} will not be sent again.").format(refund_no=refund_no)
            )
        elif shown is not None and self._said_moved(shown):
            return
        self.refresh()

    def start_fresh(self, refund_no: str) -> None:
        shown = self._shown(refund_no)
        if shown is None:
            return
        if not self.reconciler.drop(refund_no):
            self._said_moved(shown)
            return
        self.close()
        self.notice.fresh_refund_requested.emit(shown.bill_no)
