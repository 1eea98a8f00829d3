#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Interceptors: adds an API token to every action call, and times each one.

    examples/api_token.py URL TOKEN ACTION

The `intercept` signal runs before every call, over the WebSocket or HTTP
alike: a handler edits the call's parameters in place. Each call's
`response` signal runs just before the caller gets the answer.
"""

import sys
import time

import gi

gi.require_version("Json", "1.0")
gi.require_version("Stellar", "1")
from gi.repository import GLib, Json, Stellar  # noqa: E402


def main(url, token, action):
    loop = GLib.MainLoop()
    client = Stellar.Client.new(url)
    status = 1

    def on_intercept(client, call):
        params = call.get_params()
        if not params.has_member("token"):
            params.set_string_member("token", token)
        started = time.monotonic()

        def on_call_response(call, response, error):
            elapsed = (time.monotonic() - started) * 1000
            print(f"{call.get_action()} answered in {elapsed:.1f} ms", file=sys.stderr)

        call.connect("response", on_call_response)
        return False  # let the other interceptors run too

    def on_response(client, result):
        nonlocal status
        try:
            print(Json.to_string(client.action_finish(result), True))
            status = 0
        except GLib.Error as error:
            print(f"{action}: {error.message}", file=sys.stderr)
        loop.quit()

    client.connect("intercept", on_intercept)
    # Not connected: the call goes over HTTP, through the same interceptor.
    client.action_async(action, None, None, on_response)
    loop.run()
    return status


if __name__ == "__main__":
    if len(sys.argv) != 4:
        print("usage: examples/api_token.py URL TOKEN ACTION", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(*sys.argv[1:]))
