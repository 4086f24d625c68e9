import difflib

import pytest


def fail_if_different(committed: str, actual: str, *, name: str, source: str, fix: str) -> None:
    """Fail with a readable unified diff when a committed contract differs from the code's."""
    if committed == actual:
        return
    diff = "".join(
        difflib.unified_diff(
            committed.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            f"{name} (committed)",
            source,
            n=2,
        )
    )
    pytest.fail(f"{name} differs from {source}; run `{fix}`.\n" + diff)
