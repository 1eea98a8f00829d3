#!/usr/bin/env python3
# Every file with translatable strings must be listed in the POTFILES.in of
# its gettext domain, or its strings never reach translators; every file
# listed must exist, or `meson compile stellar-pot` fails. The library
# (src/client) has a domain of its own, po-client/; the rest of src/ and
# data/ are the program's, po/.
#
# usage: check-potfiles.py SOURCE_ROOT

import pathlib
import re
import sys

GETTEXT_CALL = re.compile(r'(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|ngettext|g_dngettext)\(')
TRANSLATABLE = re.compile(r'translatable="yes"')
# Files whose every user-visible field is translatable by its format.
BY_FORMAT = ('.desktop.in', '.metainfo.xml.in', '.gschema.xml.in')
SUFFIXES = ('.c', '.h', '.ui', '.in')

LIBRARY = 'src/client/'
# po directory -> does a source file (its path from the root) belong to it?
DOMAINS = {
    'po': lambda name: not name.startswith(LIBRARY),
    'po-client': lambda name: name.startswith(LIBRARY),
}


def has_translatable_strings(path):
    if path.name.endswith(BY_FORMAT):
        return True
    text = path.read_text(encoding='utf-8', errors='replace')
    return bool(GETTEXT_CALL.search(text) or TRANSLATABLE.search(text))


def read_potfiles(path):
    listed = set()
    for line in path.read_text(encoding='utf-8').splitlines():
        line = line.strip()
        if line and not line.startswith('#'):
            listed.add(line)
    return listed


def main():
    root = pathlib.Path(sys.argv[1])
    failures = []

    sources = []
    for top in ('src', 'data'):
        for path in sorted((root / top).rglob('*')):
            if path.is_file() and path.name.endswith(SUFFIXES):
                sources.append(path)

    for po_dir, belongs in DOMAINS.items():
        potfiles = f'{po_dir}/POTFILES.in'
        listed = read_potfiles(root / potfiles)
        for name in sorted(listed):
            if not (root / name).is_file():
                failures.append(f'{potfiles} lists {name}, which does not exist')
            elif not belongs(name):
                failures.append(f'{potfiles} lists {name}, which belongs to another domain')
        for path in sources:
            name = path.relative_to(root).as_posix()
            if belongs(name) and name not in listed and has_translatable_strings(path):
                failures.append(f'{name} has translatable strings but is not in {potfiles}')
        print(f'{potfiles}: {len(listed)} files listed')

    for failure in failures:
        print(failure)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
