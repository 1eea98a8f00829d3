#!/usr/bin/python3
# The app in Portuguese, as a screen reader hears it: starts the real app
# with LANGUAGE=pt and no server, and finds its connect page through AT-SPI
# by the Portuguese names ("URL do servidor", "Ligar"); in the C locale the
# same widgets carry the English ones. Needs a display and a session bus
# (CI runs the tests under xvfb-run and dbus-run-session).
#
# usage: check-app-language.py STELLAR_EXECUTABLE

import os
import shutil
import subprocess
import sys
import tempfile
import time

import pyatspi

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'common'))
from atspi_tree import pause, walk  # noqa: E402

TIMEOUT = 30

NAMES = {
    'pt': [('URL do servidor', 'text'), ('Ligar', 'push button')],
    'C': [('Server URL', 'text'), ('Connect', 'push button')],
}


class AppExited(Exception):
    pass


def find(process, app_name, name, role):
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AppExited(f'the app exited ({process.returncode}) before showing its window')
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            app = desktop.getChildAtIndex(i)
            if app is None or app.name != app_name:
                continue
            for accessible in walk(app):
                try:
                    if accessible.name == name and accessible.getRoleName() == role:
                        return
                except Exception:
                    pass
        pause(0.3)
    raise AssertionError(f'no {role} named “{name}” within {TIMEOUT} s')


def check_language(executable, language):
    """Looks for the names in @language once the app shows its window."""
    profile = tempfile.mkdtemp(prefix='stellar-language-')
    env = dict(os.environ,
               LANGUAGE=language, LANG='C.UTF-8', LC_ALL='C.UTF-8',
               XDG_DATA_HOME=os.path.join(profile, 'data'),
               XDG_CONFIG_HOME=os.path.join(profile, 'config'),
               XDG_CACHE_HOME=os.path.join(profile, 'cache'),
               GSETTINGS_BACKEND='memory')
    # A screen reader needs the accessibility bridge the other tests turn off.
    for name in ('GTK_A11Y', 'NO_AT_BRIDGE', 'G_DEBUG'):
        env.pop(name, None)
    # The app is ended from outside: what it holds then is no leak.
    env['ASAN_OPTIONS'] = 'detect_leaks=0'
    app = subprocess.Popen([executable], env=env)
    try:
        for name, role in NAMES[language]:
            find(app, os.path.basename(executable), name, role)
            print(f'{language}: found the {role} “{name}”')
    finally:
        app.terminate()
        try:
            app.wait(timeout=10)
        except subprocess.TimeoutExpired:
            app.kill()
            app.wait()
        shutil.rmtree(profile, ignore_errors=True)


def main():
    if not os.environ.get('DISPLAY') and not os.environ.get('WAYLAND_DISPLAY'):
        print('No display: skipped (run under xvfb-run)')
        return 77
    for language in ('pt', 'C'):
        # An X server shared by tests running side by side can turn a
        # connection away: an app that could not start gets one more try.
        try:
            check_language(sys.argv[1], language)
        except AppExited as error:
            print(f'{language}: {error}; starting it again')
            check_language(sys.argv[1], language)
    print('ok')
    return 0


if __name__ == '__main__':
    sys.exit(main())
