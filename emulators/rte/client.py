"""A small Python client of Enreach RTE, for tests, the contract suite and scripts.

:func:`login` walks the flow every real RTE client walks (discovery, authuser,
Basic auth, token) against any EnreachAPI. :class:`RawHub` speaks the JSON hub
protocol by hand over ``websocket-client`` so a test can send exactly the bytes
it means (broken frames, batched records, odd casing) and see exactly what the
hub sends; it checks on the way that every frame is text and ends with 0x1E.

Needs ``requests`` and ``websocket-client`` (the ``test`` extra).
"""
from __future__ import annotations

import base64
import json
import itertools
import queue
import threading
import time
from dataclasses import dataclass

import requests
import websocket

RS = "\x1e"


@dataclass
class Login:
    base: str
    email: str
    api: str
    user_id: str
    secret: str
    token: str
    wss: str

    @property
    def auth(self) -> dict[str, str]:
        raw = f"{self.email}:{self.secret}".encode()
        return {"Authorization": "Basic " + base64.b64encode(raw).decode(), "X-Json-Serializer": "2"}

    @property
    def hub_url(self) -> str:
        return "http://" + self.wss

    def new_token(self) -> str:
        reply = requests.get(f"{self.api}token/{self.user_id}/rte/", headers=self.auth, timeout=10)
        reply.raise_for_status()
        return reply.json()["Token"]

    def get(self, path: str, **params) -> requests.Response:
        return requests.get(self.api + path, headers=self.auth, params=params, timeout=10)

    def queues(self) -> list[dict]:
        return self.get("queues/", OnlyForUser=self.user_id).json()


def login(base: str, email: str, password: str = "demo") -> Login:
    """Discovery → authuser → token, as real clients do it."""
    found = requests.get(f"{base}/api/user", params={"user": email}, timeout=10)
    found.raise_for_status()
    api = found.json()[0]["apiEndpoint"]
    auth = requests.post(f"{api}authuser/{email}/", json={"UserName": email, "Password": password}, timeout=10)
    auth.raise_for_status()
    user_id, secret = auth.json()["UserID"], auth.json()["SecretKey"]
    session = Login(base, email, api, user_id, secret, "", "")
    token = requests.get(f"{api}token/{user_id}/rte/", headers=session.auth, timeout=10)
    token.raise_for_status()
    session.token, session.wss = token.json()["Token"], token.json()["WSSEndpoint"]
    return session


class RawHub:
    """A hand-driven hub connection. Incoming records are collected by a reader thread."""

    def __init__(self, hub_url: str, token: str | None, *, negotiate: bool = True, version: int | None = 1,
                 handshake: bool = True, token_in_query: bool = True, path_suffix: str = "",
                 read: bool = True, sockopt: tuple = ()) -> None:
        self.hub_url = hub_url.rstrip("/") + path_suffix
        self.records: "queue.Queue[dict | str]" = queue.Queue()
        self.seen: list = []
        self.closed = threading.Event()
        self.close_code: int | None = None
        self._ids = itertools.count(1)
        query = []
        headers = {}
        if negotiate:
            params = {} if version is None else {"negotiateVersion": version}
            reply = requests.post(self.hub_url.rstrip("/") + "/negotiate", params=params, timeout=10,
                                  headers={"Authorization": f"Bearer {token}"} if token else {})
            reply.raise_for_status()
            self.negotiation = reply.json()
            query.append("id=" + self.negotiation.get("connectionToken", self.negotiation["connectionId"]))
        if token and token_in_query:
            query.append("access_token=" + token)
        elif token:
            headers["Authorization"] = f"Bearer {token}"
        url = self.hub_url.replace("http://", "ws://", 1) + ("?" + "&".join(query) if query else "")
        self.ws = websocket.create_connection(url, header=headers, timeout=10, sockopt=sockopt)
        self.ws.settimeout(None)          # the reader waits as long as the hub is silent
        if not read:            # a client that stops reading after the handshake (a slow consumer)
            self.send_raw('{"protocol":"json","version":1}' + RS)
            assert self.ws.recv() == "{}" + RS
            return
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        if handshake:
            self.send_raw('{"protocol":"json","version":1}' + RS)
            reply = self.next(timeout=10)
            assert reply == {}, f"handshake reply was {reply!r}"

    # -- io ------------------------------------------------------------------------------------
    def _read(self) -> None:
        buffer = ""
        try:
            while True:
                opcode, data = self.ws.recv_data(control_frame=False)
                if opcode == websocket.ABNF.OPCODE_CLOSE:
                    self.close_code = int.from_bytes(data[:2], "big") if len(data) >= 2 else 1005
                    break
                text = data.decode("utf-8")
                assert opcode == websocket.ABNF.OPCODE_TEXT, "the hub sends text frames only"
                assert text.endswith(RS), f"every frame ends with the record separator: {text!r}"
                buffer += text
                *records, buffer = buffer.split(RS)
                for record in records:
                    self.records.put(json.loads(record))
        except Exception:
            pass
        finally:
            self.closed.set()

    def send_raw(self, text: str) -> None:
        self.ws.send(text)

    def send(self, message: dict) -> None:
        self.send_raw(json.dumps(message) + RS)

    def next(self, match=None, timeout: float = 5.0) -> dict:
        """The next record (matching ``match`` when given); others are kept in ``seen``."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no matching record within {timeout} s; seen: {self._recent()}")
            try:
                record = self.records.get(timeout=min(left, 0.5))
            except queue.Empty:
                if self.closed.is_set() and self.records.empty():
                    raise ConnectionError(f"the hub closed the connection (code {self.close_code}); "
                                          f"seen: {self._recent()}") from None
                continue
            if match is None or match(record):
                return record
            self.seen.append(record)

    def _recent(self) -> str:
        return "; ".join(json.dumps(r)[:200] for r in self.seen[-5:])

    def invoke(self, target: str, *arguments, timeout: float = 5.0) -> dict:
        invocation_id = str(next(self._ids))
        self.send({"type": 1, "invocationId": invocation_id, "target": target, "arguments": list(arguments)})
        return self.next(lambda r: r.get("type") == 3 and r.get("invocationId") == invocation_id, timeout)

    def message(self, event_name: str | None = None, timeout: float = 5.0) -> dict:
        """The next MessageReceived argument (of ``event_name``, matched case-insensitively)."""
        def wanted(record):
            return record.get("type") == 1 and record.get("target") == "MessageReceived" and \
                (event_name is None or record["arguments"][0]["subscription"]["eventName"] == event_name.lower())
        return self.next(wanted, timeout)["arguments"][0]

    def start_reading(self) -> None:
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def close(self) -> None:
        try:
            self.ws.close(timeout=2)
        except Exception:
            pass
        if getattr(self, "_reader", None) is not None:
            self.closed.wait(5)


def wait_until(condition, timeout: float = 10.0, what: str = "condition") -> None:
    """Poll ``condition`` until it holds (for state with no event to await, e.g. server cleanup)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} did not hold within {timeout} s")
        time.sleep(0.01)


def subscribe(hub: RawHub, *pairs: tuple[str, str]) -> list[dict]:
    completion = hub.invoke("Subscribe", [{"EntityId": e, "EventName": n} for e, n in pairs])
    assert "error" not in completion, completion
    return completion["result"]
