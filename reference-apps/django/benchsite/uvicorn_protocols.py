"""Uvicorn's WebSocket protocol (websockets-sansio, its default), answering the handshakes it refuses.

Uvicorn 0.54 with websockets 17: websockets refuses a handshake whose request line or a header
line is over 8 KiB (414 / 431), or which has more than 128 header fields (431), by queueing
the refusal in its sans-I/O connection and recording `handshake_exc`, without raising.
Uvicorn's protocol writes the connection's output only after the events it handles (a
request, frames, a parser exception), so that refusal is never sent and the client waits
with the connection open for ever. The uvicorn commands of docker-entrypoint.sh select this
class with `--ws benchsite.uvicorn_protocols:WebSocketProtocol`; it writes the refusal and
closes. Everything else is Uvicorn's own implementation. Drop it once Uvicorn sends the
refusal itself (the hostile-input conformance suite has the handshakes that show it).
"""

from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol


class WebSocketProtocol(WebSocketsSansIOProtocol):
    def data_received(self, data):
        super().data_received(data)
        refused = self.conn.handshake_exc is not None and not self.handshake_initiated
        if refused and not self.transport.is_closing():
            self.transport.write(b"".join(self.conn.data_to_send()))
            self.transport.close()
