"""Speed benchmarks (issue 5): run them all with `python -m tests.benchmarks.run`.

No file here is named test_*.py, so the default `pytest` run never collects
them: they take minutes, and their figures depend on the machine.
"""
