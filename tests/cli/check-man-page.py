#!/usr/bin/env python3
"""The man page renders without a warning and tells of every command stellar-cli has.

usage: check-man-page.py MAN_PAGE STELLAR_CLI"""

import re
import subprocess
import sys

page, cli = sys.argv[1], sys.argv[2]
failures = []

render = subprocess.run(["groff", "-man", "-Tutf8", "-ww", "-z", page],
                        capture_output=True, text=True)
if render.returncode != 0 or render.stderr.strip():
    failures.append("groff: " + (render.stderr.strip() or f"exit status {render.returncode}"))

rendered = subprocess.run(["groff", "-man", "-Tascii", "-P-c", "-P-b", "-P-u", page],
                          capture_output=True, text=True).stdout
help_text = subprocess.run([cli, "--help"], capture_output=True, text=True,
                           env={"LANG": "C", "PATH": ""}).stdout
commands = re.findall(r"^  ([a-z-]+) ", help_text.split("Commands:")[1].split("\n\n")[0], re.M)
if len(commands) < 8:
    failures.append(f"could not read the commands from --help: {commands}")
for command in commands:
    if not re.search(rf"^ {{7}}{re.escape(command)}\b", rendered, re.M):
        failures.append(f"the man page does not describe the command {command}")
for option in re.findall(r"--[a-z-]+", help_text):
    if option not in rendered.replace("\u2010", "-"):
        failures.append(f"the man page does not mention {option}")

for failure in failures:
    print(failure)
sys.exit(1 if failures else 0)
