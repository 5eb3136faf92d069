"""`ccemu conform …`: drive a partner's receivers and scripts as the vendor's system would,
and write a JUnit XML plus a readable summary."""
from __future__ import annotations

import sys
from typing import Any

import click

from rich.markup import escape

from .cli_serve import _base, _console, _working

# -- partner-side conformance -----------------------------------------------------------
@click.group()
def conform() -> None:
    """Partner-side conformance: drive your receivers and scripts as the vendor's system would."""


def _conform_finish(report: Any, junit: str, summary: str) -> None:
    """Print the readable summary, write it and the JUnit XML; exit 1 on a failed check."""
    report.write(junit, summary)
    console = _console()
    for case in report.cases:
        mark = "[green]PASS[/]" if case.ok else "[red]FAIL[/]"
        console.print(f"{mark}  {escape(case.name)}: {escape(case.message)}")
    for note in report.notes:
        console.print(f"[dim]{escape(note)}[/]")
    console.print(f"[bold]{len(report.cases)} checks, {report.failures} failed[/]  "
                  f"JUnit: {escape(junit)}  summary: {escape(summary)}")
    if not report.ok:
        sys.exit(1)


@conform.command("voispeed-ivr")
@click.option("--url", required=True, metavar="URL", help="The partner's IVR script (as a node's script URL).")
@click.option("--input", "inputs", multiple=True, metavar="DIGITS",
              help="Caller input to send (repeatable; default: 1, 2, 123456 and none).")
@click.option("--ivrid", default="9", show_default=True, help="ivrid to send.")
@click.option("--nodeid", default="0", show_default=True, help="nodeid to send.")
@click.option("--tag", default="-1", show_default=True, help="tag to send (-1: the node has none).")
@click.option("--timeout", default=5.0, show_default=True, type=click.FloatRange(0.1, 60),
              help="Seconds the PBX waits for the script.")
@click.option("--junit", default="conform-voispeed-ivr.xml", show_default=True, help="JUnit XML to write.")
@click.option("--summary", default="conform-voispeed-ivr.txt", show_default=True, help="Summary to write.")
def conform_voispeed_ivr(url: str, inputs: tuple[str, ...], ivrid: str, nodeid: str, tag: str, timeout: float,
                         junit: str, summary: str) -> None:
    """Drive a VOIspeed IVR script: every reply must be an instruction the PBX can obey."""
    from .voispeed.conformance import DEFAULT_INPUTS, check_ivr_script
    with _working(f"calling {url}…"):
        report = check_ivr_script(_base(url), inputs=inputs or DEFAULT_INPUTS, ivrid=ivrid, nodeid=nodeid,
                                  tag=tag, timeout=timeout)
    _conform_finish(report, junit, summary)


@conform.command("voispeed-events")
@click.option("--url", required=True, metavar="URL", help="The partner's event receiver (a module's URL).")
@click.option("--timeout", default=5.0, show_default=True, type=click.FloatRange(0.1, 60),
              help="Seconds to wait for each answer.")
@click.option("--junit", default="conform-voispeed-events.xml", show_default=True, help="JUnit XML to write.")
@click.option("--summary", default="conform-voispeed-events.txt", show_default=True, help="Summary to write.")
def conform_voispeed_events(url: str, timeout: float, junit: str, summary: str) -> None:
    """Send every VOIspeed user and extended (SSN) event to a receiver and report its answers."""
    from .voispeed.conformance import check_event_receiver
    with _working(f"pushing to {url}…"):
        report = check_event_receiver(_base(url), timeout=timeout)
    _conform_finish(report, junit, summary)

