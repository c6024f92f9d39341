"""Writing a table to a file a spreadsheet opens: CSV (UTF-8 with a BOM) or Excel .xlsx.

No Qt here: the console's tabs take a snapshot of the rows they show
(console/gui/tables/table_export.py) and this package writes it, on a thread of
its own. `cells` says what a cell holds and how it is made safe, `csv_writer`
and `xlsx_writer` write the two formats, `files` picks one by the file's
extension and writes through a temporary file, renamed only once complete.
"""
