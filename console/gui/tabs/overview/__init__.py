"""The Overview tab and its parts; the sums themselves are console/overview.py (no Qt).

- tab: OverviewTab, the range picker, the loads through the worker, what is shown;
- totals: the table of totals, one row per currency;
- charts: paid and refunded per day, and each channel's share of the amount paid
  (pyqtgraph, imported with this package: only when the tab is first built).
"""

from console.gui.tabs.overview.tab import OverviewTab

__all__ = ["OverviewTab"]
