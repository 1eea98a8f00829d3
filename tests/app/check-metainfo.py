#!/usr/bin/env python3
# check-metainfo.py: the AppStream metainfo says what a software centre shows
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# `appstreamcli validate` checks the format; this checks the content the
# project promises: a description, screenshots that exist in docs/screenshots,
# a release for the version meson builds, newest first, a content rating,
# URLs, the launchable and every binary the app installs.
#
# Usage: check-metainfo.py BUILT_METAINFO SOURCE_ROOT PROJECT_VERSION

import os
import sys
import xml.etree.ElementTree as ElementTree

URL_TYPES = ('homepage', 'bugtracker', 'vcs-browser', 'help', 'translate')
BINARIES = ('stellar', 'stellar-cli')

problems = []


def check(condition, message):
    if not condition:
        problems.append(message)


def version_key(version):
    return tuple(int(part) for part in version.split('.'))


def main():
    metainfo_path, source_root, project_version = sys.argv[1:4]
    root = ElementTree.parse(metainfo_path).getroot()

    check(root.get('type') == 'desktop-application',
          'the component is not a desktop-application')

    description = root.find('description')
    check(description is not None and len(description.findall('p')) >= 2,
          'the description has fewer than two paragraphs')
    features = description.findall('ul/li') if description is not None else []
    check(len(features) >= 5, 'the description lists fewer than five features')

    screenshots = root.findall('screenshots/screenshot')
    check(len(screenshots) >= 4, 'fewer than four screenshots')
    check(sum(1 for s in screenshots if s.get('type') == 'default') == 1,
          'not exactly one default screenshot')
    shots_dir = os.path.join(source_root, 'docs', 'screenshots')
    for screenshot in screenshots:
        image = screenshot.findtext('image', '')
        name = image.rsplit('/', 1)[-1]
        check(os.path.isfile(os.path.join(shots_dir, name)),
              f'screenshot {image} is not in docs/screenshots')
        check(screenshot.findtext('caption', '').strip() != '',
              f'screenshot {image} has no caption')

    releases = root.findall('releases/release')
    check(len(releases) >= 1, 'no releases')
    versions = [release.get('version', '') for release in releases]
    check(project_version in versions,
          f'no release for version {project_version}')
    check(versions == sorted(versions, key=version_key, reverse=True),
          'releases are not newest first')
    for release in releases:
        check(release.get('date') is not None,
              f'release {release.get("version")} has no date')
        check(release.find('description') is not None,
              f'release {release.get("version")} has no description')

    rating = root.find('content_rating')
    check(rating is not None and rating.get('type', '').startswith('oars-'),
          'no OARS content rating')

    urls = {url.get('type'): url.text for url in root.findall('url')}
    for url_type in ('homepage', 'bugtracker', 'vcs-browser'):
        check(urls.get(url_type, '').startswith('https://'),
              f'no {url_type} URL')
    check(all(url_type in URL_TYPES for url_type in urls),
          'an unknown URL type')

    launchable = root.find('launchable')
    check(launchable is not None and launchable.get('type') == 'desktop-id'
          and launchable.text == root.findtext('id') + '.desktop',
          'the launchable is not the desktop file')

    binaries = {binary.text for binary in root.findall('provides/binary')}
    for binary in BINARIES:
        check(binary in binaries, f'does not provide the binary {binary}')

    check(root.find('translation') is not None, 'no translation domain')

    for problem in problems:
        print(f'metainfo: {problem}')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
