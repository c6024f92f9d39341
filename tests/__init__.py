"""The test suite (a package, so tests can import tests.sandbox_support)."""
