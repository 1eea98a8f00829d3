#!/usr/bin/env python3
"""Runs the Python programs of examples/ against the test server (TAP)."""

import json
import os
import subprocess
import sys

EXAMPLES = os.path.join(os.environ["STELLAR_SOURCE_DIR"], "examples")

server = subprocess.Popen(
    ["node", os.path.join(os.environ["STELLAR_TEST_SERVER_DIR"], "server.mjs"), "--exit-with-stdin"],
    stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
url = json.loads(server.stdout.readline())["url"]
results = []


def check(name, condition, detail=""):
    results.append((name, bool(condition), detail))


def run(example, *args, stdin=None):
    return subprocess.run([sys.executable, os.path.join(EXAMPLES, example), *args],
                          input=stdin, capture_output=True, text=True, timeout=30)


try:
    done = run("call_action.py", url, "echo", "message=hi", "count=3", "flags=[true]")
    response = json.loads(done.stdout) if done.returncode == 0 else {}
    check("call_action.py prints the response", response.get("echo") == "hi", done.stderr)
    check("call_action.py sends JSON values as JSON",
          response.get("params", {}).get("count") == 3 and response.get("params", {}).get("flags") == [True])

    done = run("call_action.py", url, "input-require")
    check("call_action.py reports a server error", done.returncode == 1 and "value" in done.stderr,
          done.stderr)

    done = run("call_action.py", "http://127.0.0.1:1", "echo")
    check("call_action.py reports a connection failure", done.returncode == 1 and done.stderr, done.stderr)

    done = run("chat.py", url, "defaultRoom", stdin="hello\nsecond line\n")
    lines = done.stdout.splitlines()
    check("chat.py says each line and prints its echo",
          done.returncode == 0 and [line.split(": ", 1)[1] for line in lines] == ["hello", "second line"],
          done.stdout + done.stderr)

    done = run("chat.py", url, "noSuchRoom", stdin="hello\n")
    check("chat.py reports a room it cannot join", done.returncode == 1 and "noSuchRoom" in done.stderr,
          done.stderr)

    done = run("api_token.py", url, "s3cret", "echo")
    response = json.loads(done.stdout) if done.returncode == 0 else {}
    check("api_token.py adds the token to the call",
          response.get("params", {}).get("token") == "s3cret", done.stdout + done.stderr)
    check("api_token.py times the call", "echo answered in" in done.stderr, done.stderr)
finally:
    server.stdin.close()
    server.wait(timeout=10)

print(f"1..{len(results)}")
for number, (name, ok, detail) in enumerate(results, 1):
    print(f"{'ok' if ok else 'not ok'} {number} - {name}")
    if not ok and detail:
        for line in detail.splitlines():
            print(f"# {line}")
