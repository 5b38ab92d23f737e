#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Usage: tools/summary.py RESULTS_DIR [VARIANT...]

Write RESULTS_DIR/summary.txt, one row per build/results/<variant>/result.json
(only the named variants if any are given), and print it. Exit 1 if a named
variant has no result or any row failed.
"""
import json
import os
import sys


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    top = sys.argv[1]
    wanted = sys.argv[2:]
    names = wanted or sorted(d for d in os.listdir(top)
                             if os.path.exists(os.path.join(top, d, 'result.json')))
    head = ('variant', 'verdict', 'built', 'booted', 'pass', 'fail', 'skip',
            'xfail', 'splats', 'build_s', 'guest_s', 'boot_s')
    rows, bad = [head], 0
    for name in names:
        path = os.path.join(top, name, 'result.json')
        if not os.path.exists(path):
            rows.append((name, 'missing') + ('-',) * (len(head) - 2))
            bad += 1
            continue
        with open(path) as f:
            r = json.load(f)
        s = r.get('seconds', {})
        rows.append((name, r['verdict'], 'yes' if r['built'] else 'no',
                     'yes' if r['booted'] else 'no', r['passed'], r['failed'],
                     r['skipped'], r.get('xfail', 0), r['splats'],
                     s.get('build', '-'), s.get('guest', '-'), s.get('boot', '-')))
        bad += r['verdict'] != 'pass'
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(head))]
    text = '\n'.join('  '.join(str(c).ljust(w) for c, w in zip(row, widths)).rstrip()
                     for row in rows) + '\n'
    with open(os.path.join(top, 'summary.txt'), 'w') as f:
        f.write(text)
    sys.stdout.write(text)
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
