"""The clock: real, frozen (virtual), advanced and scaled time, and timers on it."""
import threading

import pytest

from emulators.core.clock import Clock, Scheduler


def test_virtual_clock_is_frozen_until_advanced():
    clock = Clock(mode="virtual", start=1000.0)
    assert clock.now() == 1000.0
    clock.advance(30)
    assert clock.now() == 1030.0


def test_advance_fires_timers_in_due_order_at_their_own_time():
    clock = Clock(mode="virtual", start=0.0)
    seen = []
    clock.call_later(5, lambda: seen.append(("b", clock.now())))
    clock.call_later(2, lambda: seen.append(("a", clock.now())))
    assert clock.advance(10) == 2
    assert seen == [("a", 2.0), ("b", 5.0)]


def test_a_timer_set_by_a_timer_inside_the_window_fires_too():
    clock = Clock(mode="virtual", start=0.0)
    seen = []
    clock.call_later(1, lambda: clock.call_later(1, lambda: seen.append(clock.now())))
    clock.advance(3)
    assert seen == [2.0]


def test_cancelled_timer_does_not_fire():
    clock = Clock(mode="virtual", start=0.0)
    seen = []
    timer = clock.call_later(1, lambda: seen.append(1))
    timer.cancel()
    clock.advance(2)
    assert seen == []


def test_time_only_moves_forward():
    with pytest.raises(ValueError):
        Clock(mode="virtual").advance(-1)


def test_configure_sets_time_and_switches_mode():
    clock = Clock(mode="real")
    clock.configure(mode="virtual", now=5000.0)
    assert clock.mode == "virtual" and clock.now() == 5000.0
    with pytest.raises(ValueError):
        clock.configure(scale=-1)


def test_scaled_clock_fires_timers_from_the_scheduler_thread():
    scheduler = Scheduler()
    clock = Clock(scheduler, mode="virtual", start=0.0, scale=1000.0)
    fired = threading.Event()
    clock.call_later(60, fired.set)          # a minute of clock time, 60 ms of real time
    assert fired.wait(10)
    scheduler.stop()


def test_real_clock_timer_fires_on_its_own():
    scheduler = Scheduler()
    clock = Clock(scheduler)
    fired = threading.Event()
    clock.call_later(0.01, fired.set)
    assert fired.wait(10)
    scheduler.stop()
