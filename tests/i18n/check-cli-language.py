#!/usr/bin/env python3
# stellar-cli speaks Portuguese under LANGUAGE=pt, in both gettext domains:
# its own usage errors (po/) and the library's errors (po-client/). The same
# commands in English first, so that the test tells the two apart. The
# catalogues come from the build directory (STELLAR_LOCALEDIR and
# STELLAR_CLIENT_LOCALEDIR, set by meson).
#
# usage: check-cli-language.py STELLAR_CLI

import os
import subprocess
import sys

# arguments -> (what English says, what Portuguese says), both on stderr
CASES = [
    ([], 'Which command?', 'Que comando?'),
    (['ftp://example.com', 'details'],
     'is not a valid server address: it must start with http:// or https://',
     'não é um endereço de servidor válido: tem de começar por http:// ou https://'),
]


def run(cli, args, language):
    env = dict(os.environ, LANG='C.UTF-8')
    env.pop('LC_ALL', None)
    env.pop('LC_MESSAGES', None)
    env.pop('STELLAR_URL', None)
    if language:
        env['LANGUAGE'] = language
    else:
        env.pop('LANGUAGE', None)
    return subprocess.run([cli] + args, capture_output=True, text=True, env=env, timeout=30)


def main():
    cli = sys.argv[1]
    failures = []
    for args, english, portuguese in CASES:
        for language, expected in ((None, english), ('pt', portuguese)):
            result = run(cli, args, language)
            command = ' '.join(['stellar-cli'] + args)
            if result.returncode == 0:
                failures.append(f'{command} (LANGUAGE={language}) succeeded')
            if expected not in result.stderr:
                failures.append(f'{command} (LANGUAGE={language}) did not say “{expected}”:\n'
                                f'{result.stderr}')
            else:
                print(f'{command} (LANGUAGE={language}): {expected}')
    for failure in failures:
        print(failure)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
