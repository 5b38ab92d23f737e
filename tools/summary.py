#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Usage: tools/summary.py [--failed-stages N] RESULTS_DIR [VARIANT...]

Write RESULTS_DIR/summary.txt, one row per build/results/<variant>/result.json
(only the named variants if any are given), and print it, then a closing
line "N passed, N failed, N skipped" over all rows; --failed-stages adds
stages that failed outside the guests (tool tests, lint, bisect) to the
failed count. Exit 1 if a named variant has no result or any row failed.
"""
import json
import os
import sys


def main():
    args = sys.argv[1:]
    extra_failed = 0
    if args[:1] == ['--failed-stages']:
        extra_failed = int(args[1])
        args = args[2:]
    if not args:
        sys.exit(__doc__)
    top = args[0]
    wanted = args[1:]
    names = wanted or sorted(d for d in os.listdir(top)
                             if os.path.exists(os.path.join(top, d, 'result.json')))
    head = ('variant', 'verdict', 'built', 'booted', 'pass', 'fail', 'skip',
            'xfail', 'splats', 'pte_inj', 'build_s', 'guest_s', 'boot_s')
    rows, bad = [head], 0
    total = {'passed': 0, 'failed': extra_failed, 'skipped': 0}
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
                     '-' if r.get('pte_map_injected') is None else r['pte_map_injected'],
                     s.get('build', '-'), s.get('guest', '-'), s.get('boot', '-')))
        bad += r['verdict'] != 'pass'
        for k in total:
            total[k] += r[k]
        # A run that failed without a failing test (no boot, splat) counts.
        if r['verdict'] != 'pass' and r['failed'] == 0:
            total['failed'] += 1
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(head))]
    text = '\n'.join('  '.join(str(c).ljust(w) for c, w in zip(row, widths)).rstrip()
                     for row in rows) + '\n'
    with open(os.path.join(top, 'summary.txt'), 'w') as f:
        f.write(text)
    sys.stdout.write(text)
    total['failed'] += sum(1 for row in rows[1:] if row[1] == 'missing')
    print(f"{total['passed']} passed, {total['failed']} failed, {total['skipped']} skipped")
    return 1 if bad or extra_failed else 0


if __name__ == '__main__':
    sys.exit(main())
