#!/usr/bin/env python3
# The Flatpak manifests cannot be built here (no flatpak-builder, no
# network): check that they parse, ask for what the app needs and no more,
# and that every library the build looks for is in the GNOME runtime or
# built by a module of the manifest.
#
# usage: check-flatpak-manifest.py SOURCE_ROOT

import json
import os
import re
import sys

REQUIRED_FINISH_ARGS = {
    '--share=network',           # the servers
    '--share=ipc',               # X11 shared memory
    '--socket=wayland',
    '--socket=fallback-x11',
    '--device=dri',              # GL rendering
    '--talk-name=org.freedesktop.secrets',   # default parameters marked secret
}

# Holes in the sandbox the app has no use for.
FORBIDDEN_FINISH_ARGS = re.compile(
    r'^--(filesystem=(host|home)|socket=(x11|session-bus|system-bus)|device=all)\b')

# What the build looks for (dependency() in meson.build files) and the GNOME
# runtime (org.gnome.Platform, through the freedesktop base) provides.
RUNTIME_PROVIDES = {
    'glib-2.0', 'gobject-2.0', 'gio-2.0', 'gio-unix-2.0', 'libsoup-3.0', 'json-glib-1.0',
    'gtk4', 'libadwaita-1', 'gtksourceview-5', 'libsecret-1', 'sqlite3', 'libxml-2.0',
    'bash-completion',
}


def meson_dependencies(root):
    names = set()
    for directory, subdirs, files in os.walk(root):
        subdirs[:] = [d for d in subdirs if not d.startswith(('.', '_build', 'build')) and d != 'node_modules']
        if 'meson.build' in files and not directory.startswith(os.path.join(root, 'tests')):
            with open(os.path.join(directory, 'meson.build'), encoding='utf-8') as f:
                names.update(re.findall(r"dependency\(\s*'([^']+)'", f.read()))
    return names


def check(path, expected_id, development, root, failures):
    def expect(condition, message):
        if not condition:
            failures.append(f'{os.path.relpath(path, root)}: {message}')

    with open(path, encoding='utf-8') as f:
        manifest = json.load(f)

    expect(manifest.get('id') == expected_id, f'id is not {expected_id}')
    expect(manifest.get('runtime') == 'org.gnome.Platform', 'runtime is not org.gnome.Platform')
    expect(manifest.get('sdk') == 'org.gnome.Sdk', 'sdk is not org.gnome.Sdk')
    expect(str(manifest.get('runtime-version', '')).strip() != '', 'no runtime-version')
    expect(manifest.get('command') == 'stellar', 'command is not stellar')

    finish_args = manifest.get('finish-args', [])
    missing = REQUIRED_FINISH_ARGS - set(finish_args)
    expect(not missing, 'finish-args lack ' + ', '.join(sorted(missing)))
    extra = [arg for arg in finish_args if FORBIDDEN_FINISH_ARGS.match(arg)]
    expect(not extra, 'finish-args open the sandbox needlessly: ' + ', '.join(extra))

    modules = manifest.get('modules', [])
    app = modules[-1] if modules else {}
    expect(isinstance(app, dict) and app.get('buildsystem') == 'meson',
           'the last module is not built with meson')
    config_opts = app.get('config-opts', []) if isinstance(app, dict) else []
    expect('-Dtests=false' in config_opts, 'the app is not configured with -Dtests=false')
    expect(('-Ddevelopment=true' in config_opts) == development,
           'the development option does not match the app id')
    sources = app.get('sources', []) if isinstance(app, dict) else []
    source_dirs = [os.path.normpath(os.path.join(os.path.dirname(path), s.get('path', '')))
                   for s in sources if s.get('type') == 'dir']
    expect(os.path.normpath(root) in source_dirs,
           'the app is not built from the source tree ("type": "dir")')

    built = {m.get('name') for m in modules[:-1] if isinstance(m, dict)}
    for name in sorted(meson_dependencies(root) - RUNTIME_PROVIDES):
        expect(name in built, f'{name} is neither in the GNOME runtime nor built by a module')


def main():
    root = os.path.abspath(sys.argv[1])
    failures = []

    check(os.path.join(root, 'com.example.Stellar.json'), 'com.example.Stellar', False, root, failures)
    check(os.path.join(root, 'build-aux', 'flatpak', 'com.example.Stellar.Devel.json'),
          'com.example.Stellar.Devel', True, root, failures)

    # `flatpak run --command=stellar-cli com.example.Stellar`: the tool is
    # installed beside the app.
    with open(os.path.join(root, 'src', 'cli', 'meson.build'), encoding='utf-8') as f:
        cli = f.read()
    if not re.search(r"executable\(\s*'stellar-cli'.*?install\s*:\s*true", cli, re.S):
        failures.append('src/cli/meson.build does not install stellar-cli')

    for failure in failures:
        print(failure)
    if failures:
        return 1
    print('the manifests are complete')
    return 0


if __name__ == '__main__':
    sys.exit(main())
