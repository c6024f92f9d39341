"""Fast record tables shared by the Bills and Refunds tabs.

A model keeps each row's display strings and sort keys, computed once when the
row arrives; a proxy sorts and filters on those precomputed values; a tab
puts the server-side filters, the row filters, the table and its menu together.
"""
