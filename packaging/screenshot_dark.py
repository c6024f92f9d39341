"""Take the dark-palette screenshot (resources/screenshots/payment-dark.png): the New
payment tab with field errors and a refund notice, on a dark palette, under Xvfb.

    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1400x900x24" \\
        .venv/bin/python packaging/screenshot_dark.py [OUTPUT_FOLDER]
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

sys.path[:0] = [str(Path(__file__).resolve().parents[1]), str(Path(__file__).parent)]

from screenshots import open_practice_window, save  # noqa: E402

from tests.gui.palettes import dark_palette  # noqa: E402


def main(folder: Path) -> int:
    home = Path(tempfile.mkdtemp(prefix="beecloud-dark-"))
    os.environ["XDG_DATA_HOME"] = str(home / "data")
    app = QApplication(sys.argv[:1])
    app.setPalette(dark_palette())

    window = open_practice_window(home)
    pay = window.payment_tab
    window.tabs.setCurrentWidget(pay)
    pay.set_channel("PAYPAL_CREDITCARD")
    pay.amount.amount_edit.setText("12.345")
    pay.title_edit.setText("年度会员 Annual plan")
    pay.card.number_edit.setText("4111 1111 1111 1112")
    pay.card.month_edit.setText("13")
    pay.card.cvv_edit.setText("12")
    notice = window.refund_notice
    notice._news.append(
        "Refund R20261130 of USD 28.00 for bill BC1 was made: BeeCloud confirmed it."
    )
    notice.refresh()
    folder.mkdir(parents=True, exist_ok=True)
    save(window, folder, "payment-dark")
    window.close()
    return 0


if __name__ == "__main__":
    code = main(Path(sys.argv[1] if len(sys.argv) > 1 else "resources/screenshots"))
    sys.stdout.flush()
    os._exit(code)
