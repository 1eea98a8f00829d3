#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Makes fuzz-frame's seed corpus from the Stellar 1.4.6 captures.

Every WebSocket frame text of the capture logs ("<=" from the server, "=>"
from the client) becomes one file, once. Each connection's server frames
also become one file, a frame per line: fuzz-frame feeds such an input to
a connected client line by line, replies and pushes in their real order.

Usage: make-corpus.py CAPTURES_DIR OUTPUT_DIR
"""

import hashlib
import pathlib
import re
import sys

# "[+    17ms] C1 <= {...}": a time, a connection label, a direction, the text.
# Labels are upper case (C1, WS2, A, B2); lower-case ones ("status =>",
# "a.say =>") are the JavaScript client's results, and FETCH lines are HTTP.
FRAME_LINE = re.compile(r"^\[\+\s*\d+ms\] ([A-Z][A-Z0-9]*) (<=|=>) (.*)$")
MAX_LEN = 65536


def frames(log):
    for line in log.read_text(encoding="utf-8").splitlines():
        match = FRAME_LINE.match(line)
        if match and match.group(1) != "FETCH":
            yield match.group(1), match.group(2), match.group(3)


def write(out, text, written):
    data = text.encode("utf-8")
    if not data or len(data) > MAX_LEN:
        return
    name = hashlib.sha1(data).hexdigest()
    if name not in written:
        (out / name).write_bytes(data)
        written.add(name)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip())

    captures = pathlib.Path(sys.argv[1])
    out = pathlib.Path(sys.argv[2])
    logs = sorted(captures.glob("*.log"))
    if not logs:
        sys.exit(f"make-corpus: no capture logs in {captures}")
    out.mkdir(parents=True, exist_ok=True)

    written = set()
    for log in logs:
        sessions = {}
        for label, direction, text in frames(log):
            write(out, text, written)
            if direction == "<=":
                sessions.setdefault(label, []).append(text)
        for texts in sessions.values():
            if len(texts) > 1:
                write(out, "\n".join(texts), written)

    print(f"make-corpus: {len(written)} seeds from {len(logs)} logs in {out}")


if __name__ == "__main__":
    main()
