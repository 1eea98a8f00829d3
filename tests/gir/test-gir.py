#!/usr/bin/env python3
"""The library through GObject Introspection, from Python, against the test server (TAP)."""

import json
import os
import subprocess
import sys

import gi

gi.require_version("Stellar", "1")
gi.require_version("Json", "1.0")
from gi.repository import GLib, Json, Stellar  # noqa: E402

server = subprocess.Popen(
    ["node", os.path.join(os.environ["STELLAR_TEST_SERVER_DIR"], "server.mjs"), "--exit-with-stdin"],
    stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
url = json.loads(server.stdout.readline())["url"]
results = []


def check(name, condition):
    results.append((name, bool(condition)))


def wait(call, *args):
    """Calls an _async method and returns its _finish result (or the GLib.Error)."""
    loop = GLib.MainLoop()
    outcome = {}

    def done(source, result):
        try:
            outcome["value"] = getattr(source, call + "_finish")(result)
        except GLib.Error as error:
            outcome["error"] = error
        loop.quit()

    getattr(client, call + "_async")(*args, None, done)
    GLib.timeout_add_seconds(10, loop.quit)
    loop.run()
    return outcome


try:
    client = Stellar.Client.new(url)
    check("a new client is disconnected", client.get_state() == Stellar.ClientState.DISCONNECTED)
    check("rooms are an empty list", client.get_rooms() == [])

    details = wait("connect").get("value")
    check("connect resolves with the details", details is not None and len(details.get_string_member("id")) == 36)
    check("the state property follows", client.props.state == Stellar.ClientState.CONNECTED)

    params = Json.Object()
    params.set_string_member("message", "from Python")
    response = wait("action", "echo", params).get("value")
    check("an action's response", response is not None and response.get_object().get_string_member("echo") == "from Python")

    failure = wait("action", "input-require", None).get("error")
    check("a server error in the STELLAR_ERROR domain",
          failure is not None and failure.matches(Stellar.error_quark(), Stellar.Error.SERVER))

    heard = []
    client.connect("say", lambda _client, frame: heard.append(frame.get_string_member("message")))
    wait("room_add", "defaultRoom")
    wait("say", "defaultRoom", "hello")
    context = GLib.MainContext.default()
    for _ in range(200):
        if heard:
            break
        context.iteration(True)
    check("the say signal", heard == ["hello"])

    calls = []

    def intercept(_client, call):
        calls.append(call.get_action())
        call.get_params().set_string_member("message", "intercepted")
        return False

    client.connect("intercept", intercept)
    response = wait("action", "echo", None).get("value")
    check("an interceptor in Python",
          calls == ["echo"] and response.get_object().get_string_member("echo") == "intercepted")

    frames = []
    client.connect("wire", lambda _client, outgoing, text, frame: frames.append((outgoing, text, frame)))
    wait("action", "echo", None)
    sent = [(text, frame) for outgoing, text, frame in frames if outgoing]
    received = [(text, frame) for outgoing, text, frame in frames if not outgoing]
    check("the wire signal gives each frame's text and JSON",
          len(sent) == 1 and len(received) == 1
          and Json.from_string(sent[0][0]).equal(sent[0][1])
          and received[0][1].get_object().get_object_member("params").get_string_member("action") == "echo")
    client.disconnect()
finally:
    server.stdin.close()
    server.wait(timeout=10)

print(f"1..{len(results)}")
for number, (name, ok) in enumerate(results, 1):
    print(f"{'ok' if ok else 'not ok'} {number} - {name}")
