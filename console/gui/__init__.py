"""The Qt console. This package's own name space holds no Qt, so that the command
line can name the tabs without loading Qt."""

# The main window's tabs, in their order, as `beecloud-console --tab NAME` names them.
TAB_NAMES: tuple[str, ...] = ("payment", "refund", "bills", "refunds", "overview", "audit")
