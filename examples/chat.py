#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Joins a room, says each line of standard input there, and prints what the
room says as "SENDER: TEXT" lines until standard input ends.

    examples/chat.py URL ROOM

Stellar lets only a room's members speak in it, so the client joins first.
Every message said in the room comes back to everyone in it, the sender
included: a line appears once its own echo arrives.
"""

import sys

import gi

gi.require_version("Stellar", "1")
from gi.repository import Gio, GLib, Stellar  # noqa: E402


def main(url, room):
    loop = GLib.MainLoop()
    client = Stellar.Client.new(url)
    said = []      # lines sent, waiting for their echo
    status = 1

    def leave():
        client.disconnect()
        loop.quit()

    def on_say(client, frame):
        sender = frame.get_string_member_with_default("from", "?")
        text = frame.get_string_member_with_default("message", "")
        if frame.get_string_member_with_default("room", "") != room:
            return
        print(f"{sender}: {text}", flush=True)
        if sender == client.get_id() and text in said:
            said.remove(text)
            if not said and stdin_done:
                leave()

    def on_said(client, result):
        try:
            client.say_finish(result)
        except GLib.Error as error:
            print(f"Not sent: {error.message}", file=sys.stderr)
            leave()

    stdin_done = False

    def on_line(stream, result):
        nonlocal stdin_done, status
        line, _length = stream.read_line_finish_utf8(result)
        if line is None:
            stdin_done = True
            status = 0
            if not said:
                leave()
            return
        if line:
            said.append(line)
            client.say_async(room, line, None, on_said)
        stream.read_line_async(GLib.PRIORITY_DEFAULT, None, on_line)

    def on_joined(client, result):
        try:
            client.room_add_finish(result)
        except GLib.Error as error:
            print(f"Could not join {room}: {error.message}", file=sys.stderr)
            leave()
            return
        stdin = Gio.DataInputStream.new(Gio.UnixInputStream.new(0, False))
        stdin.read_line_async(GLib.PRIORITY_DEFAULT, None, on_line)

    def on_connected(client, result):
        try:
            client.connect_finish(result)
        except GLib.Error as error:
            print(f"Could not connect to {url}: {error.message}", file=sys.stderr)
            loop.quit()
            return
        client.room_add_async(room, None, on_joined)

    client.connect("say", on_say)
    client.connect_async(None, on_connected)
    loop.run()
    return status


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print("usage: examples/chat.py URL ROOM", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
