"""WebSocket endpoints (CONTRACT.md §8)."""

from channels.generic.websocket import AsyncWebsocketConsumer


class EchoConsumer(AsyncWebsocketConsumer):
    """/ws/echo: every frame straight back, byte for byte, no wrapping."""

    async def receive(self, text_data=None, bytes_data=None):
        if text_data is not None:
            await self.send(text_data=text_data)
        else:
            await self.send(bytes_data=bytes_data)


class BroadcastConsumer(AsyncWebsocketConsumer):
    """/ws/broadcast: every text frame to every connected client, the sender included.

    Through a channel-layer group, so with channels_redis it reaches the clients of
    every worker process, not only this one's.
    """

    group_name = "broadcast"

    async def connect(self):
        await self.channel_layer.group_add(self.group_name, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        await self.channel_layer.group_discard(self.group_name, self.channel_name)

    async def receive(self, text_data=None, bytes_data=None):
        if text_data is not None:
            await self.channel_layer.group_send(
                self.group_name, {"type": "broadcast.message", "text": text_data}
            )

    async def broadcast_message(self, event):
        await self.send(text_data=event["text"])
