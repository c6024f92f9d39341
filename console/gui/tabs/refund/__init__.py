"""The parts of the Refund tab; console/gui/tabs/refund_tab.py puts them together.

- bill_panel: what is known of the bill shown and of its earlier refunds;
- amount_field / refund_form: the amount, note and Refund button of one refund;
- prepared: a refund as the user confirmed it;
- outcome: how each refund ended, and the refunds whose outcome is unknown
  ("Check now").
"""
