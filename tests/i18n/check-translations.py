#!/usr/bin/env python3
# Every translation of both gettext domains (po/ for the program, po-client/
# for the library) compiles with msgfmt's checks, format strings included,
# and is complete: no untranslated and no fuzzy message. LINGUAS and the .po
# files name the same languages.
#
# usage: check-translations.py SOURCE_ROOT

import pathlib
import re
import subprocess
import sys

PO_DIRS = ('po', 'po-client')
STATISTICS = re.compile(r'(\d+) (translated|fuzzy|untranslated) (?:message|translation)')


def read_linguas(path):
    languages = []
    for line in path.read_text(encoding='utf-8').splitlines():
        line = line.strip()
        if line and not line.startswith('#'):
            languages.extend(line.split())
    return languages


def check(po_file):
    """Returns the number of translated messages and what is wrong."""
    result = subprocess.run(['msgfmt', '--check', '--check-format', '--statistics',
                             '-o', '/dev/null', str(po_file)],
                            capture_output=True, text=True, env={'LC_ALL': 'C'})
    problems = []
    if result.returncode != 0:
        problems.append(f'msgfmt --check fails:\n{result.stderr.strip()}')
    counts = {kind: int(n) for n, kind in STATISTICS.findall(result.stderr)}
    for kind in ('fuzzy', 'untranslated'):
        if counts.get(kind, 0):
            problems.append(f'{counts[kind]} {kind} message(s)')
    return counts.get('translated', 0), problems


def main():
    root = pathlib.Path(sys.argv[1])
    failures = []

    for po_dir in PO_DIRS:
        languages = read_linguas(root / po_dir / 'LINGUAS')
        po_files = {path.stem for path in (root / po_dir).glob('*.po')}
        for language in sorted(po_files - set(languages)):
            failures.append(f'{po_dir}/{language}.po is not in {po_dir}/LINGUAS')
        for language in languages:
            po_file = root / po_dir / f'{language}.po'
            if not po_file.is_file():
                failures.append(f'{po_dir}/LINGUAS names {language}, which has no .po')
                continue
            translated, problems = check(po_file)
            failures.extend(f'{po_dir}/{language}.po: {problem}' for problem in problems)
            print(f'{po_dir}/{language}.po: {translated} translated messages')
            if translated == 0:
                failures.append(f'{po_dir}/{language}.po translates nothing')

    for failure in failures:
        print(failure)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
