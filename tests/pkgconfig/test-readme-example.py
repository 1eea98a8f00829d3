#!/usr/bin/env python3
"""The README's C example, built against the build tree through the uninstalled
pkg-config file and run against the test server (TAP)."""

import json
import os
import re
import shlex
import subprocess
import sys
import tempfile

source_root, build_root, sanitize = sys.argv[1], sys.argv[2], sys.argv[3]
results = []

with open(os.path.join(source_root, "README.md")) as readme:
    example = re.search(r"```c\n(.*?)```", readme.read(), re.S).group(1)

env = dict(os.environ, PKG_CONFIG_PATH=os.path.join(build_root, "meson-uninstalled"))
flags = subprocess.run(["pkg-config", "--cflags", "--libs", "stellar-client-1"],
                       env=env, capture_output=True, text=True)
results.append(("pkg-config knows stellar-client-1 in the build tree", flags.returncode == 0, flags.stderr))

with tempfile.TemporaryDirectory() as scratch:
    source = os.path.join(scratch, "example.c")
    program = os.path.join(scratch, "example")
    with open(source, "w") as out:
        # The same program, pointed at the test server.
        out.write(example.replace('"http://localhost:8080"', 'g_getenv ("STELLAR_URL")'))

    extra = [f"-fsanitize={sanitize}"] if sanitize not in ("", "none") else []
    build = subprocess.run(["cc", "-Wall", "-Werror", *extra, source, "-o", program,
                            *shlex.split(flags.stdout)], env=env, capture_output=True, text=True)
    results.append(("the example compiles with #include <stellar-client.h>", build.returncode == 0, build.stderr))

    if build.returncode == 0:
        server = subprocess.Popen(["node", os.path.join(os.environ["STELLAR_TEST_SERVER_DIR"], "server.mjs"),
                                   "--exit-with-stdin"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        try:
            url = json.loads(server.stdout.readline())["url"]
            run_env = dict(os.environ, STELLAR_URL=url,
                           LD_LIBRARY_PATH=os.path.join(build_root, "src", "client"),
                           ASAN_OPTIONS="detect_leaks=0")
            run = subprocess.run([program], env=run_env, capture_output=True, text=True, timeout=30)
            results.append(("the example calls echo and prints the answer",
                            run.returncode == 0 and run.stdout == "hello\n", run.stdout + run.stderr))
        finally:
            server.stdin.close()
            server.wait(timeout=10)

print(f"1..{len(results)}")
for number, (name, ok, detail) in enumerate(results, 1):
    print(f"{'ok' if ok else 'not ok'} {number} - {name}")
    if not ok:
        for line in detail.splitlines():
            print(f"# {line}")
