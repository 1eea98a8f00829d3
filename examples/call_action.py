#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Calls one action of a Stellar server and prints its response as JSON.

    examples/call_action.py URL ACTION [KEY=VALUE ...]

For example `call_action.py http://localhost:8080 sum a=1 b=2`. A value that
reads as JSON (a number, true, an object…) is sent as that JSON value, any
other as a string. The call goes over the WebSocket once connected; an
error from the server (an unknown action, a missing parameter) is printed
on stderr with the exit status 1.
"""

import json
import sys

import gi

gi.require_version("Json", "1.0")
gi.require_version("Stellar", "1")
from gi.repository import GLib, Json, Stellar  # noqa: E402


def parse_params(arguments):
    params = Json.Object()
    for argument in arguments:
        key, _, text = argument.partition("=")
        try:
            node = Json.from_string(text)
        except GLib.Error:
            node = Json.Node.alloc().init_string(text)
        params.set_member(key, node)
    return params


def main(url, action, arguments):
    loop = GLib.MainLoop()
    client = Stellar.Client.new(url)
    status = 1

    def on_response(client, result):
        nonlocal status
        try:
            response = client.action_finish(result)
            print(Json.to_string(response, True))
            status = 0
        except GLib.Error as error:
            print(f"{action}: {error.message}", file=sys.stderr)
        client.disconnect()
        loop.quit()

    def on_connected(client, result):
        try:
            client.connect_finish(result)
        except GLib.Error as error:
            print(f"Could not connect to {url}: {error.message}", file=sys.stderr)
            loop.quit()
            return
        client.action_async(action, parse_params(arguments), None, on_response)

    client.connect_async(None, on_connected)
    loop.run()
    return status


if __name__ == "__main__":
    if len(sys.argv) < 3:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3:]))
