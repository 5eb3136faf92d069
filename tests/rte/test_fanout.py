"""Fan-out: many clients and subscriptions per tenant, each subscriber gets every
event in order, and one slow or dead client never delays the others: its
bounded outgoing queue overflows and it alone is closed, with an error that
allows reconnecting."""
from __future__ import annotations

import socket

from emulators.rte import ids, spec

from emulators.rte.client import RawHub, subscribe, wait_until


def alert(service, tenant, user_id: int, value: str) -> int:
    """Publish one UserAlert on a user, as the vendor API would produce it."""
    from emulators.rte.projection.payload import build
    event = spec.event("UserAlert")
    entity = ids.user(tenant, user_id)
    data = build(event, {"UserId": entity, "Value": value}, tenant=tenant, entity_id=entity, at=tenant.clock.now())
    return service.hub.publish(tenant.id, entity, event, data)


def test_one_event_reaches_every_subscribed_client(demo, tenant, service, open_hub):
    me = ids.user(tenant, 3)
    hubs = [open_hub() for _ in range(25)]
    for hub in hubs:
        subscribe(hub, (me, "UserAlert"))
    assert alert(service, tenant, 3, "to everyone") == 25
    assert all(hub.message("UserAlert")["data"]["value"] == "to everyone" for hub in hubs)


def test_each_subscriber_gets_every_event_in_order(demo, tenant, service, open_hub):
    me = ids.user(tenant, 3)
    hubs = [open_hub() for _ in range(3)]
    for hub in hubs:
        subscribe(hub, (me, "UserAlert"))
    for i in range(200):
        alert(service, tenant, 3, str(i))
    for hub in hubs:
        assert [hub.message("UserAlert")["data"]["value"] for _ in range(200)] == [str(i) for i in range(200)]


def test_a_client_that_stops_reading_is_closed_and_never_delays_the_others(emu, demo, tenant, service, open_hub):
    emu.surfaces["rte"].put_settings(emu, tenant, {"sendQueueMessages": 20, "sendQueueBytes": 1024 * 1024,
                                                   "closeTimeout": 120})
    me = ids.user(tenant, 3)
    slow = RawHub(demo.hub_url, demo.new_token(), read=False,
                  sockopt=((socket.SOL_SOCKET, socket.SO_RCVBUF, 4096),))
    slow.send_raw('{"type":1,"invocationId":"s","target":"Subscribe","arguments":[[{"EntityId":"%s",'
                  '"EventName":"UserAlert"}]]}\x1e' % me)
    fast = open_hub()
    subscribe(fast, (me, "UserAlert"))
    wait_until(lambda: len(service.hub.subscribers(tenant.id, me, "useralert")) == 2, what="both subscribed")
    big = "x" * 32 * 1024
    received = []
    for i in range(300):                        # up to ~10 MB: far more than socket buffers hold
        alert(service, tenant, 3, f"{i}:{big}")
        # the fast client gets each event while the slow one is stuck
        received.append(fast.message("UserAlert")["data"]["value"].split(":")[0])
        if len(service.hub.subscribers(tenant.id, me, "useralert")) == 1:
            break                               # the slow one was just closed
    assert received == [str(i) for i in range(len(received))]
    assert tenant.id in {e.tenant for e in emu.journal.query(surface="rte", target="outgoing queue full")}
    assert len(service.hub.subscribers(tenant.id, me, "useralert")) == 1     # only the fast one is left
    # once the slow client reads again, it learns why it was closed, and that it may reconnect
    slow.start_reading()
    close = slow.next(lambda r: r.get("type") == 7, timeout=20)
    assert close == {"type": 7, "error": "Connection closed with an error.", "allowReconnect": True}
    slow.close()


def test_a_dead_client_costs_the_others_nothing(demo, tenant, service, open_hub):
    me = ids.user(tenant, 3)
    dead = open_hub()
    subscribe(dead, (me, "UserAlert"))
    dead.ws.sock.shutdown(socket.SHUT_RDWR)
    live = open_hub()
    subscribe(live, (me, "UserAlert"))
    for i in range(50):
        alert(service, tenant, 3, str(i))
    assert [live.message("UserAlert")["data"]["value"] for _ in range(50)] == [str(i) for i in range(50)]
    wait_until(lambda: len(service.hub.connections(tenant.id)) == 1, what="the dead client is dropped")
