"""The parts of the Refund tab; console/gui/tabs/refund_tab.py puts them together.

- bill_panel: what is known of the bill shown and of its earlier refunds;
- refund_form: the amount (console/gui/amount_field.py), note and Refund button of
  one refund;
- confirm_refund: the question before a refund is sent, with what it leaves;
- prepared: a refund as the user confirmed it;
- outcome: how each refund ended, and the refunds whose outcome is unknown
  ("Check now").
"""
