"""A real local HTTP receiver for delivery tests: records requests, fails on demand."""
from __future__ import annotations

import pytest

from tests.receiver import Receiver


@pytest.fixture
def receiver():
    r = Receiver()
    yield r
    r.close()
