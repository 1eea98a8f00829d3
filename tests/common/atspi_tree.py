# atspi_tree.py: walking an application's accessible tree as a screen reader
# does, for the tests that read the real app through AT-SPI.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import time

from gi.repository import GLib


def walk(accessible):
    yield accessible
    try:
        count = accessible.childCount
    except Exception:
        return
    for i in range(min(count, 5000)):
        try:
            child = accessible.getChildAtIndex(i)
        except Exception:
            continue
        if child is not None:
            yield from walk(child)


def pause(seconds):
    # AT-SPI learns of new applications and objects through D-Bus signals,
    # which only a running main context receives.
    deadline = time.monotonic() + seconds
    context = GLib.MainContext.default()
    while time.monotonic() < deadline:
        if not context.iteration(False):
            time.sleep(0.02)
