#!/usr/bin/env python3
"""stellar-cli against the test server: each command, and its failures (TAP)."""

import json
import os
import socket
import subprocess
import sys

cli = sys.argv[1]
server_dir = os.environ["STELLAR_TEST_SERVER_DIR"]

server = subprocess.Popen(["node", os.path.join(server_dir, "server.mjs"), "--exit-with-stdin"],
                          stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
url = json.loads(server.stdout.readline())["url"]

results = []


def check(name, condition, detail=""):
    results.append((name, condition, detail))


def run(*args):
    done = subprocess.run([cli, *args], capture_output=True, text=True, timeout=30)
    return done.returncode, done.stdout, done.stderr


try:
    code, out, err = run(url, "action", "echo", '{"message":"hi"}')
    check("action over the WebSocket", code == 0 and json.loads(out)["echo"] == "hi", err)

    code, out, err = run("--http", url, "action", "echo", '{"message":"by post"}')
    reply = json.loads(out) if code == 0 else {}
    check("action over HTTP", reply.get("echo") == "by post" and "serverInformation" in reply, err)

    code, out, err = run(url, "action", "input-require")
    check("server error: status 1, message and reply",
          code == 1 and "value: The value field is required." in err and '"error"' in err, err)

    code, out, err = run(url, "action", "echo", "{not json")
    check("invalid JSON parameters: status 2", code == 2 and "must be a JSON object" in err, err)

    code, out, err = run(url, "details")
    check("details", code == 0 and len(json.loads(out)["id"]) == 36, err)

    code, out, err = run(url, "say", "defaultRoom", "hello")
    check("say to a room not joined is refused", code == 1 and "not in room (defaultRoom)" in err, err)

    code, out, err = run(url, "file", "hello.txt")
    check("file", code == 0 and json.loads(out)["content"] == "Hello from the Stellar public folder!\n", err)

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    code, out, err = run(f"http://127.0.0.1:{closed}", "details")
    check("refused connection: status 1 and a message", code == 1 and "Could not connect" in err, err)

    code, out, err = run("not a url", "details")
    check("invalid URL", code == 1 and "not a valid server address" in err, err)

    code, out, err = run(url, "frobnicate")
    check("unknown command: status 2", code == 2 and "unknown command" in err, err)
finally:
    server.stdin.close()
    server.wait(timeout=10)

print(f"1..{len(results)}")
for number, (name, ok, detail) in enumerate(results, 1):
    print(f"{'ok' if ok else 'not ok'} {number} - {name}")
    if not ok:
        for line in detail.splitlines():
            print(f"# {line}")
