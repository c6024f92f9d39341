"""The parts of the New payment tab; console/gui/tabs/payment_tab.py puts them together.

- fields: the payment's fields by wire name: labels, what an empty one says, under
  which field a problem shows;
- card_form: a card's number, expiry, CVV and holder (never kept);
- payment_form: the whole form, its checks and what it remembers;
- repeat_question: "Pay again?" before a payment like one made a moment ago;
- outcome: how the payment ended, with approval_row (the PayPal approval page),
  payer_check (whether its payer has paid yet) and card_row (a saved card's id).
"""
