#!/usr/bin/env python3
# The Flatpak manifest cannot be built here (no flatpak-builder, no network):
# check that it parses and says what the app needs.
#
# usage: check-flatpak-manifest.py MANIFEST

import json
import sys

REQUIRED_FINISH_ARGS = {
    '--share=network',
    '--share=ipc',
    '--socket=wayland',
    '--socket=fallback-x11',
    '--device=dri',
}


def main():
    with open(sys.argv[1], encoding='utf-8') as f:
        manifest = json.load(f)

    failures = []

    def expect(condition, message):
        if not condition:
            failures.append(message)

    expect(manifest.get('id') == 'com.example.Stellar', 'id is not com.example.Stellar')
    expect(manifest.get('runtime') == 'org.gnome.Platform', 'runtime is not org.gnome.Platform')
    expect(manifest.get('sdk') == 'org.gnome.Sdk', 'sdk is not org.gnome.Sdk')
    expect(str(manifest.get('runtime-version', '')).strip() != '', 'no runtime-version')
    expect(manifest.get('command') == 'stellar', 'command is not stellar')

    missing = REQUIRED_FINISH_ARGS - set(manifest.get('finish-args', []))
    expect(not missing, 'finish-args lack ' + ', '.join(sorted(missing)))

    modules = manifest.get('modules', [])
    app = modules[-1] if modules else {}
    expect(isinstance(app, dict) and app.get('buildsystem') == 'meson',
           'the last module is not built with meson')
    sources = app.get('sources', []) if isinstance(app, dict) else []
    expect({'type': 'dir', 'path': '.'} in [{k: s.get(k) for k in ('type', 'path')} for s in sources],
           'the app is not built from this directory ("type": "dir", "path": ".")')
    expect('-Dtests=false' in app.get('config-opts', []) if isinstance(app, dict) else False,
           'the app is not configured with -Dtests=false')

    for failure in failures:
        print(failure)
    if failures:
        return 1
    print('manifest is complete')
    return 0


if __name__ == '__main__':
    sys.exit(main())
