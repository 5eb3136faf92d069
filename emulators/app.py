"""Assembles the emulator: the vendor-neutral core plus every vendor surface.

This is the one place that knows the vendor packages, so ``emulators.core``
stays vendor-neutral and no vendor imports another.
"""
from __future__ import annotations

import importlib

from flask import Flask

from .core.app import Config, Emulator, Surface, create_core_app, finish

# surface name -> module exposing SURFACE
SURFACE_MODULES: dict[str, str] = {
    "voispeed": "emulators.voispeed",
    "rte": "emulators.rte",
    "tvox": "emulators.tvox",
}


def available_surfaces() -> list[str]:
    return list(SURFACE_MODULES)


def load_surface(name: str) -> Surface:
    if name not in SURFACE_MODULES:
        raise ValueError(f"unknown surface {name!r}; choose from {', '.join(SURFACE_MODULES)}")
    return importlib.import_module(SURFACE_MODULES[name]).SURFACE


def create_app(config: Config | None = None, surfaces: list[str] | None = None) -> Flask:
    """A ready Flask app serving the control plane and the chosen surfaces (default: all)."""
    config = config or Config()
    names = list(surfaces or config.surfaces or SURFACE_MODULES)
    emulator = Emulator(config)
    for name in names:
        emulator.add_surface(load_surface(name))
    app = create_core_app(emulator)
    return finish(app, emulator)
