#!/usr/bin/env python3
"""stellar-cli against the test server: each command, its parameters and its
failures, as a person or a script uses them (TAP)."""

import json
import os
import select
import signal
import socket
import subprocess
import sys
import time
import urllib.request

cli = sys.argv[1]
completion = sys.argv[2]
server_dir = os.environ["STELLAR_TEST_SERVER_DIR"]

server = subprocess.Popen(["node", os.path.join(server_dir, "server.mjs"), "--exit-with-stdin"],
                          stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
started = json.loads(server.stdout.readline())
url = started["url"]
control = started["controlUrl"]

results = []
environment = {k: v for k, v in os.environ.items() if k not in ("STELLAR_URL", "NO_COLOR")}


def check(name, condition, detail=""):
    results.append((name, bool(condition), detail))


def run(*args, stdin=None, env=None):
    done = subprocess.run([cli, *args], input=stdin, capture_output=True, text=True, timeout=60,
                          env={**environment, **(env or {})})
    return done.returncode, done.stdout, done.stderr


def control_call(method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(control + path, data=data, method=method,
                                     headers={"content-type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def frames_since(cursor):
    """The verbs and actions clients sent since cursor, in order, and the next cursor."""
    log = control_call("GET", f"/frames?since={cursor}")
    sent = []
    for frame in log["frames"]:
        if frame["dir"] != "in" or frame["type"] != "text":
            continue
        try:
            message = json.loads(frame["data"])
        except ValueError:
            continue
        if isinstance(message, dict):
            sent.append(message)
    return sent, log["next"]


def read_lines(process, count, timeout=10):
    """Up to count lines of a process's output, as they come, unbuffered."""
    data = b""
    deadline = time.time() + timeout
    while data.count(b"\n") < count and time.time() < deadline:
        ready, _, _ = select.select([process.stdout], [], [], 0.2)
        if ready:
            chunk = os.read(process.stdout.fileno(), 65536)
            if not chunk:
                break
            data += chunk
    return [line.decode() for line in data.splitlines()[:count]]


def events(sent):
    return [m.get("event") for m in sent if m.get("event") not in (None, "detailsView")]


try:
    cursor = frames_since(0)[1]

    # --- action and its parameters ----------------------------------------
    code, out, err = run(url, "action", "echo", "message=hi", "count:=3", "flags:=[true,null]",
                         "nested:={\"a\":{\"b\":1}}", r"odd\=key=x")
    params = json.loads(out)["params"] if code == 0 else {}
    check("action with KEY=VALUE and KEY:=JSON parameters",
          params.get("message") == "hi" and params.get("count") == 3 and
          params.get("flags") == [True, None] and params.get("nested") == {"a": {"b": 1}} and
          params.get("odd=key") == "x", out + err)

    code, out, err = run(url, "action", "echo", '{"message":"base","count":1}', "count:=2")
    params = json.loads(out)["params"] if code == 0 else {}
    check("a JSON object, then items that override it",
          params.get("message") == "base" and params.get("count") == 2, out + err)

    code, out, err = run(url, "action", "echo", "-", "extra=1", stdin='{"message":"from stdin"}')
    params = json.loads(out)["params"] if code == 0 else {}
    check("- reads the JSON object from standard input",
          params.get("message") == "from stdin" and params.get("extra") == "1", out + err)

    code, out, err = run(url, "action", "echo", "count:={oops")
    check("invalid JSON in KEY:=: status 2, naming the key, the line and the column",
          code == 2 and "“count”" in err and "line 1, column" in err, err)

    code, out, err = run(url, "action", "echo", "justaword")
    check("an argument that is no parameter: status 2", code == 2 and "justaword" in err, err)

    code, out, err = run(url, "action", "echo", "[1,2]")
    check("a JSON object argument must be an object", code == 2, err)

    deep = "a:=" + "[" * 50000 + "]" * 50000  # an argument stays under 128 KiB
    code, out, err = run(url, "action", "echo", deep)
    check("JSON nested too deep is refused, not crashed on", code == 2 and "nests deeper" in err, err)

    code, out, err = run(url, "action", "echo", "--http", "message=by post")
    reply = json.loads(out) if code == 0 else {}
    check("action --http", reply.get("echo") == "by post" and "serverInformation" in reply, err)

    code, out, err = run("--http", url, "action", "echo", "message=old style")
    check("--http before the URL still works", code == 0 and json.loads(out)["echo"] == "old style", err)

    code, out, err = run(url, "action", "echo", "--http", "--websocket")
    check("--http and --websocket together: status 2", code == 2, err)

    code, out, err = run(url, "action", "input-require")
    check("a server error: status 1, the message and the reply on stderr",
          code == 1 and "value: The value field is required." in err and '"error"' in err and out == "",
          err)

    code, out, err = run(url, "action", "noSuchAction")
    check("an unknown action: status 1 with the server's 004",
          code == 1 and "Unknown action (noSuchAction)" in err and '"004"' in err, err)

    code, out, err = run(url, "--compact", "action", "echo", "message=x")
    code2, out2, _ = run(url, "action", "echo", "message=x", "-c")
    check("--compact before or after the command", code == 0 and code2 == 0 and
          out.count("\n") == 1 and out2.count("\n") == 1, out + out2)

    # --- colour ------------------------------------------------------------
    code, out, err = run(url, "action", "echo", "message=x")
    check("no colour into a pipe", "\033[" not in out and "\033[" not in err, out)
    code, out, err = run(url, "--color=always", "action", "echo", "message=x")
    check("--color=always colours keys and strings", "\033[1;34m\"echo\"" in out, out)
    code, out, err = run(url, "action", "noSuchAction", "--color=always")
    check("errors in red when asked", "\033[1;31mstellar-cli:" in err, err)
    code, out, err = run(url, "--color=sometimes", "details")
    check("a bad --color: status 2", code == 2 and "sometimes" in err, err)

    # --- the URL from the environment --------------------------------------
    code, out, err = run("details", env={"STELLAR_URL": url})
    check("STELLAR_URL stands for the URL", code == 0 and len(json.loads(out)["id"]) == 36, err)
    code, out, err = run("details")
    check("no URL and no STELLAR_URL: status 2", code == 2 and "STELLAR_URL" in err, err)
    code, out, err = run(url, "details", env={"STELLAR_URL": "http://127.0.0.1:1"})
    check("a URL given wins over STELLAR_URL", code == 0, err)

    # --- rooms: join first, leave after ------------------------------------
    _, cursor = frames_since(cursor)
    code, out, err = run(url, "say", "defaultRoom", "hello", "everyone")
    sent, cursor = frames_since(cursor)
    said = [m for m in sent if m.get("event") == "say"]
    check("say joins the room, says the words, and leaves",
          code == 0 and events(sent) == ["roomJoin", "say", "roomLeave"] and
          said and said[0].get("message") == "hello everyone", f"{code} {events(sent)} {err}")

    code, out, err = run(url, "emit", "defaultRoom", "typing", "active:=true")
    sent, cursor = frames_since(cursor)
    emitted = [m for m in sent if m.get("event") == "event"]
    check("emit joins, sends the event with its data, and leaves",
          code == 0 and events(sent) == ["roomJoin", "event", "roomLeave"] and
          emitted and emitted[0]["params"] == {"room": "defaultRoom", "event": "typing",
                                               "data": {"active": True}},
          f"{code} {sent} {err}")

    code, out, err = run(url, "emit", "defaultRoom", "count", "42")
    sent, cursor = frames_since(cursor)
    emitted = [m for m in sent if m.get("event") == "event"]
    check("emit takes one JSON value of any kind",
          code == 0 and emitted and emitted[0]["params"].get("data") == 42, f"{sent} {err}")

    code, out, err = run(url, "room-view", "anotherRoom")
    sent, cursor = frames_since(cursor)
    view = json.loads(out) if code == 0 else {}
    check("room-view joins, prints the members, and leaves",
          events(sent) == ["roomJoin", "roomView", "roomLeave"] and view.get("membersCount") == 1,
          f"{sent} {out} {err}")

    code, out, err = run(url, "say", "noSuchRoom", "hi")
    check("say in a room that does not exist: status 1 with the server's reason",
          code == 1 and "noSuchRoom" in err, err)

    # --- listen ------------------------------------------------------------
    listener = subprocess.Popen([cli, url, "listen", "defaultRoom", "anotherRoom"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment)
    deadline = time.time() + 10
    while time.time() < deadline:
        rooms = {r["room"]: r["membersCount"] for r in control_call("GET", "/rooms")}
        if rooms.get("defaultRoom") == 1 and rooms.get("anotherRoom") == 1:
            break
        time.sleep(0.05)
    run(url, "say", "defaultRoom", "first")
    control_call("POST", "/say", {"room": "anotherRoom", "message": "from the server"})
    control_call("POST", "/alert", {"message": "maintenance"})
    lines = read_lines(listener, 3)
    heard = [json.loads(line) for line in lines if line.strip()]
    check("listen prints messages and alerts as JSON lines, at once, into a pipe",
          [h.get("message") for h in heard] == ["first", "from the server", "maintenance"] and
          heard[0].get("room") == "defaultRoom", repr(lines))
    listener.send_signal(signal.SIGINT)
    rest, listen_err = (b.decode() for b in listener.communicate(timeout=10))
    rooms = {r["room"]: r["membersCount"] for r in control_call("GET", "/rooms")}
    check("Ctrl+C: listen leaves its rooms and ends with status 0, nothing else printed",
          listener.returncode == 0 and rest == "" and rooms.get("defaultRoom") == 0, listen_err + rest)

    listener = subprocess.Popen([cli, url, "listen", "--frames"], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, env=environment)
    # the welcome, detailsView out and in, roomJoin out and in, detailsView out
    lines = read_lines(listener, 6)
    listener.terminate()
    listener.communicate(timeout=10)
    framed = [json.loads(line) for line in lines if line.strip()]
    check("listen --frames prints every frame, both ways, the welcome and the own verbs included",
          any(f["direction"] == "in" and isinstance(f["frame"], dict) and "welcome" in f["frame"]
              for f in framed) and
          any(f["direction"] == "out" and f["frame"].get("event") == "roomJoin" for f in framed),
          repr(lines[:5]))

    # --- bench -------------------------------------------------------------
    code, out, err = run(url, "bench", "echo", "message=load", "--count", "300", "--in-flight", "5",
                         "--json")
    report = json.loads(out) if code == 0 else {}
    check("bench --json: every call counted, percentiles in order",
          report.get("calls") == 300 and report.get("succeeded") == 300 and
          report["latencyUs"]["p50"] <= report["latencyUs"]["p99"] <= report["latencyUs"]["max"] and
          report.get("callsPerSecond", 0) > 0 and err == "", out + err)

    code, out, err = run(url, "bench", "noSuchAction", "-n", "20")
    check("bench prints the figures and the errors by code",
          code == 0 and "20 calls in" in out and "p99" in out and "error 004 × 20" in out, out + err)

    csv_path = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"stellar-cli-bench-{os.getpid()}.csv")
    code, out, err = run(url, "bench", "echo", "--http", "-n", "25", "--csv", csv_path)
    with open(csv_path, encoding="utf-8") as f:
        rows = f.read().splitlines()
    os.unlink(csv_path)
    check("bench --http --csv writes a line per call",
          code == 0 and rows[0] == "call,start_ms,latency_ms,error" and len(rows) == 26, out + err)

    code, out, err = run(url, "bench", "echo", "--count", "0")
    check("bench --count 0: status 2", code == 2, err)

    # --- files, failures, usage --------------------------------------------
    code, out, err = run(url, "details")
    check("details", code == 0 and len(json.loads(out)["id"]) == 36, err)

    code, out, err = run(url, "file", "hello.txt")
    check("file", code == 0 and json.loads(out)["content"] == "Hello from the Stellar public folder!\n", err)

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    code, out, err = run(f"http://127.0.0.1:{closed}", "details")
    check("refused connection: status 1 and a message", code == 1 and "Could not connect" in err, err)

    code, out, err = run("ftp://example.com", "details")
    check("invalid URL: status 1", code == 1 and "not a valid server address" in err, err)

    code, out, err = run(url, "frobnicate")
    check("unknown command: status 2", code == 2 and "Unknown command “frobnicate”" in err, err)

    code, out, err = run(url, "say", "defaultRoom")
    check("missing arguments: status 2 with the command's usage",
          code == 2 and "say ROOM MESSAGE" in err, err)

    code, out, err = run("bench", "--help")
    check("a command's --help needs no server", code == 0 and "--in-flight" in out, out + err)

    code, out, err = run("--help")
    check("--help lists every command", code == 0 and all(
        name in out for name in ("details", "action", "say", "emit", "room-view", "listen", "file",
                                 "bench")), out)

    # --- bash completion ---------------------------------------------------
    script = f"""
source /usr/share/bash-completion/bash_completion 2>/dev/null || true
source {completion}
COMP_WORDS=(stellar-cli http://x:1 ro); COMP_CWORD=2; COMP_LINE="stellar-cli http://x:1 ro"
COMP_POINT=${{#COMP_LINE}}
_stellar_cli
echo "${{COMPREPLY[*]}}"
COMP_WORDS=(stellar-cli http://x:1 bench echo --in); COMP_CWORD=4
COMP_LINE="stellar-cli http://x:1 bench echo --in"; COMP_POINT=${{#COMP_LINE}}
_stellar_cli
echo "${{COMPREPLY[*]}}"
"""
    done = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=30)
    answers = done.stdout.splitlines()
    check("bash completion completes commands and a command's options",
          answers == ["room-view", "--in-flight"], done.stdout + done.stderr)
finally:
    server.stdin.close()
    server.wait(timeout=10)

print(f"1..{len(results)}")
for number, (name, ok, detail) in enumerate(results, 1):
    print(f"{'ok' if ok else 'not ok'} {number} - {name}")
    if not ok and detail:
        for line in detail.splitlines()[:20]:
            print(f"# {line}")
