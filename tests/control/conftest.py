import pytest

from emulators.app import create_app
from emulators.core.app import Config


@pytest.fixture
def app():
    return create_app(Config(clock="virtual"))


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def emu(app):
    return app.extensions["ccemu"]
