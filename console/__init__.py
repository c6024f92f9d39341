"""BeeCloud Console: a desktop console for BeeCloud's international (PayPal) API."""

__version__ = "0.1.0"
