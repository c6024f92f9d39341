"""The main window: which environment is active, the five tabs, and what is in flight."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from console.gui.profiles import Profile
from console.gui.refund_notice import RefundNotice
from console.gui.session import ConsoleSession
from console.gui.tabs.audit_tab import AuditTab
from console.gui.tabs.bills_tab import BillsTab
from console.gui.tabs.payment_tab import PaymentTab
from console.gui.tabs.refund_tab import RefundTab
from console.gui.tabs.refunds_tab import RefundsTab

SANDBOX_STYLE = "background: #f2a900; color: #202020; font-weight: bold; padding: 4px;"
LIVE_STYLE = "background: #1f4e79; color: white; font-weight: bold; padding: 4px;"


class EnvironmentBand(QLabel):
    """Always visible: SANDBOX in amber, or the live profile's name in blue."""

    def show_profile(self, profile: Profile) -> None:
        if profile.is_sandbox:
            self.setText("SANDBOX — practice data, no real money moves")
            self.setStyleSheet(SANDBOX_STYLE)
        else:
            self.setText(f"LIVE — {profile.name} (app {profile.app_id}): real payments")
            self.setStyleSheet(LIVE_STYLE)
        self.setProperty("sandbox", profile.is_sandbox)


class MainWindow(QMainWindow):
    def __init__(self, session: ConsoleSession) -> None:
        super().__init__()
        self.session = session
        self.setWindowTitle("BeeCloud Console")
        self.band = EnvironmentBand()
        self.band.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.refund_notice = RefundNotice(session)  # refunds to check, until settled

        self.profile_picker = QComboBox()
        self.profiles_button = QPushButton("Profiles…")
        self.profiles_button.clicked.connect(self.open_profiles)
        top = QHBoxLayout()
        top.addWidget(QLabel("Profile:"))
        self.profile_picker.setMinimumWidth(320)
        top.addWidget(self.profile_picker)
        top.addWidget(self.profiles_button)
        top.addStretch(1)

        self.payment_tab = PaymentTab(session)
        self.refund_tab = RefundTab(session)
        self.bills_tab = BillsTab(session)
        self.refunds_tab = RefundsTab(session)
        self.audit_tab = AuditTab(session)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.payment_tab, "New payment")
        self.tabs.addTab(self.refund_tab, "Refund")
        self.tabs.addTab(self.bills_tab, "Bills")
        self.tabs.addTab(self.refunds_tab, "Refunds")
        self.tabs.addTab(self.audit_tab, "Audit")
        self.bills_tab.refund_requested.connect(self.refund_bill)
        self.bills_tab.refunds_requested.connect(self.show_refunds_of)
        self.refund_notice.fresh_refund_requested.connect(self.refund_bill)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.band)
        layout.addWidget(self.refund_notice)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

        self.busy_label = QLabel()
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.cancel_loading)
        self.statusBar().addPermanentWidget(self.busy_label)
        self.statusBar().addPermanentWidget(self.cancel_button)
        session.gateway.busy_changed.connect(self.show_busy)
        session.profile_changed.connect(self.on_profile_changed)

        self._fill_profile_picker()
        self.profile_picker.currentIndexChanged.connect(self.on_profile_picked)
        self.band.show_profile(session.profile)
        self._restore()

    # -- profiles ---------------------------------------------------------------

    def _fill_profile_picker(self) -> None:
        self.profile_picker.blockSignals(True)
        self.profile_picker.clear()
        for profile in self.session.profiles.all():
            self.profile_picker.addItem(profile.name, profile.id)
        index = self.profile_picker.findData(self.session.profile.id)
        self.profile_picker.setCurrentIndex(max(index, 0))
        self.profile_picker.blockSignals(False)

    @Slot(int)
    def on_profile_picked(self, index: int) -> None:
        profile_id = self.profile_picker.itemData(index)
        if profile_id and profile_id != self.session.profile.id:
            self.session.activate(profile_id)

    @Slot(object)
    def on_profile_changed(self, profile: Profile) -> None:
        self.band.show_profile(profile)
        self._fill_profile_picker()

    @Slot()
    def open_profiles(self) -> None:
        from console.gui.profiles_dialog import ProfilesDialog

        ProfilesDialog(self.session, self).exec()
        self._fill_profile_picker()

    # -- cross-tab actions --------------------------------------------------------

    @Slot(str)
    def refund_bill(self, bill_no: str) -> None:
        self.refund_tab.prefill(bill_no)
        self.tabs.setCurrentWidget(self.refund_tab)

    @Slot(str)
    def show_refunds_of(self, bill_no: str) -> None:
        self.refunds_tab.show_for_bill(bill_no)
        self.tabs.setCurrentWidget(self.refunds_tab)

    # -- status bar ---------------------------------------------------------------

    @Slot(object)
    def show_busy(self, descriptions: list[str]) -> None:
        self.busy_label.setText(" · ".join(descriptions))
        self.cancel_button.setVisible(
            any(self.session.gateway.is_busy(topic) for topic in ("bills", "refunds"))
        )

    @Slot()
    def cancel_loading(self) -> None:
        for topic in ("bills", "refunds"):
            self.session.gateway.cancel(topic)

    # -- persistence ----------------------------------------------------------------

    def _restore(self) -> None:
        geometry = self.session.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1180, 760)
        self.tabs.setCurrentIndex(int(self.session.settings.value("window/tab", 0)))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.session.settings.setValue("window/geometry", self.saveGeometry())
        self.session.settings.setValue("window/tab", self.tabs.currentIndex())
        for tab in (self.bills_tab, self.refunds_tab):
            tab.save_state()
        self.session.settings.sync()
        self.session.shutdown()
        super().closeEvent(event)
