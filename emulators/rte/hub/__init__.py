"""The RTE SignalR hub: negotiate, WebSocket transport, JSON hub protocol, fan-out."""
