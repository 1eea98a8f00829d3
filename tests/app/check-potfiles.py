#!/usr/bin/env python3
# Every file under src/ and data/ with translatable strings must be listed in
# po/POTFILES.in, or its strings never reach translators; every file listed
# must exist, or `ninja stellar-pot` fails.
#
# usage: check-potfiles.py SOURCE_ROOT

import pathlib
import re
import sys

GETTEXT_CALL = re.compile(r'(?<![A-Za-z0-9_])(?:_|N_|C_|NC_)\(')
TRANSLATABLE = re.compile(r'translatable="yes"')
# Files whose every user-visible field is translatable by its format.
BY_FORMAT = ('.desktop.in', '.metainfo.xml.in', '.gschema.xml.in')
SUFFIXES = ('.c', '.h', '.ui', '.in')


def has_translatable_strings(path):
    if path.name.endswith(BY_FORMAT):
        return True
    text = path.read_text(encoding='utf-8', errors='replace')
    return bool(GETTEXT_CALL.search(text) or TRANSLATABLE.search(text))


def main():
    root = pathlib.Path(sys.argv[1])
    listed = set()
    for line in (root / 'po' / 'POTFILES.in').read_text(encoding='utf-8').splitlines():
        line = line.strip()
        if line and not line.startswith('#'):
            listed.add(line)

    failures = []
    for name in sorted(listed):
        if not (root / name).is_file():
            failures.append(f'po/POTFILES.in lists {name}, which does not exist')

    for top in ('src', 'data'):
        for path in sorted((root / top).rglob('*')):
            if not path.is_file() or not path.name.endswith(SUFFIXES):
                continue
            name = path.relative_to(root).as_posix()
            if name not in listed and has_translatable_strings(path):
                failures.append(f'{name} has translatable strings but is not in po/POTFILES.in')

    for failure in failures:
        print(failure)
    if failures:
        return 1
    print(f'{len(listed)} files listed, none missing')
    return 0


if __name__ == '__main__':
    sys.exit(main())
