#!/usr/bin/python3
# The app as a screen reader sees it: starts the test server and the real
# app (`stellar URL --room defaultRoom`), then, through AT-SPI only, finds
# the room's parts by their accessible names, hears a message arrive
# ("Server, 10:42: …"), writes one into `Message` and presses `Send`, and
# finds it in `Messages` as "You, 10:42: …". Needs a display and a session
# bus (CI runs the tests under xvfb-run and dbus-run-session).
#
# usage: check-atspi.py STELLAR_EXECUTABLE

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

import pyatspi

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'common'))
from atspi_tree import pause, walk  # noqa: E402

TIMEOUT = 30


def find(app_name, predicate, what):
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            app = desktop.getChildAtIndex(i)
            if app is None or app.name != app_name:
                continue
            for accessible in walk(app):
                try:
                    if predicate(accessible):
                        return accessible
                except Exception:
                    pass
        pause(0.3)
    raise AssertionError(f'no accessible {what} within {TIMEOUT} s')


def named(name, role):
    return lambda a: a.name == name and a.getRoleName() == role


def message_row(sender, text):
    return lambda a: (a.getRoleName() == 'panel' and (a.name or '').startswith(sender + ', ')
                      and a.name.endswith(': ' + text))


def post(control_url, path, body):
    request = urllib.request.Request(control_url + path, data=json.dumps(body).encode(),
                                     method='POST')
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)


def main():
    if not os.environ.get('DISPLAY') and not os.environ.get('WAYLAND_DISPLAY'):
        print('No display: skipped (run under xvfb-run)')
        return 77

    executable = sys.argv[1]
    profile = tempfile.mkdtemp(prefix='stellar-atspi-')
    server = app = None
    try:
        server = subprocess.Popen(
            ['node', os.path.join(os.environ['STELLAR_TEST_SERVER_DIR'], 'server.mjs'),
             '--exit-with-stdin'],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        listening = json.loads(server.stdout.readline())
        url, control_url = listening['url'], listening['controlUrl']

        env = dict(os.environ,
                   XDG_DATA_HOME=os.path.join(profile, 'data'),
                   XDG_CONFIG_HOME=os.path.join(profile, 'config'),
                   XDG_CACHE_HOME=os.path.join(profile, 'cache'),
                   GSETTINGS_BACKEND='memory')
        # A screen reader needs the accessibility bridge the other tests turn off.
        for name in ('GTK_A11Y', 'NO_AT_BRIDGE', 'G_DEBUG'):
            env.pop(name, None)
        # The app is ended from outside: what it holds then is no leak.
        env['ASAN_OPTIONS'] = 'detect_leaks=0'
        app = subprocess.Popen([executable, url, '--room', 'defaultRoom'], env=env)
        app_name = os.path.basename(executable)

        # In the room first: the app is up, and so is its accessible tree.
        deadline = time.monotonic() + TIMEOUT
        while True:
            with urllib.request.urlopen(control_url + '/rooms', timeout=10) as response:
                rooms = {r['room']: r['membersCount'] for r in json.load(response)}
            if rooms.get('defaultRoom', 0) >= 1:
                break
            if time.monotonic() > deadline:
                raise AssertionError('the app did not join defaultRoom')
            time.sleep(0.2)

        find(app_name, named('Rooms', 'list'), '“Rooms”')
        find(app_name, named('Join Room', 'push button'), '“Join Room”')
        find(app_name, named('Messages', 'list'), '“Messages”')
        find(app_name, lambda a: a.getRoleName() == 'label' and a.name == 'Connected',
             'saying “Connected”')
        composer = find(app_name, named('Message', 'text'), '“Message”')
        send = find(app_name, named('Send', 'push button'), '“Send”')

        # Someone speaks in the room.
        post(control_url, '/say', {'room': 'defaultRoom', 'message': 'Hello, screen reader', 'from': 0})
        heard = find(app_name, message_row('Server', 'Hello, screen reader'), 'for the server’s message')
        print(f'heard: {heard.name}')

        # Write and send as a screen reader user does.
        if not composer.queryEditableText().setTextContents('Written through AT-SPI'):
            raise AssertionError('the composer did not take the text')
        action = send.queryAction()
        if not action.doAction(0):
            raise AssertionError('Send did not act')
        said = find(app_name, message_row('You', 'Written through AT-SPI'), 'for our message')
        print(f'said: {said.name}')

        with urllib.request.urlopen(control_url + '/frames', timeout=10) as response:
            frames = json.load(response)['frames']
        if not any(f['dir'] == 'in' and '"Written through AT-SPI"' in f['data'] for f in frames):
            raise AssertionError('the server never got the message')
        print('ok')
        return 0
    finally:
        for process in (app, server):
            if process is not None and process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main())
