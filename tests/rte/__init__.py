"""Tests of the Enreach RTE surface: EnreachAPI, hub protocol, events, fan-out, real clients."""
