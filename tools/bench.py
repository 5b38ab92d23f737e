#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Usage: tools/bench.py --arch ARCH [--clock icount] --json FILE LABEL=FILE...

Summarise the "bench:" lines of each kernel's guest run (LABEL is base,
series or series@N): per benchmark, the median of every figure over the
runs, its spread (min..max), and the ratio LABEL/base of the medians.
Prints a table and merges the figures into the JSON file, one entry per
benchmark and arch, so later benchmarks add entries to the same file.

Input lines look like:
  thp-cow pte-mapped run=1 pages=8192 copied=0 thp_kept=8192 faults=16 ns=1234
"""
import argparse
import json
import os
import statistics
import sys


def parse(path):
    """{benchmark name: {figure: [values, one per run]}}"""
    out = {}
    with open(path) as f:
        for line in f:
            words = line.split()
            if len(words) < 3 or '=' in words[0] or '=' in words[1]:
                continue
            name = '%s/%s' % (words[0], words[1])
            figs = out.setdefault(name, {})
            for w in words[2:]:
                key, _, val = w.partition('=')
                if key == 'run':
                    continue
                figs.setdefault(key, []).append(int(val))
    return out


def summary(values):
    return {'median': statistics.median(values), 'min': min(values),
            'max': max(values), 'runs': len(values)}


def main():
    ap = argparse.ArgumentParser(usage=__doc__)
    ap.add_argument('--arch', required=True)
    ap.add_argument('--clock', default='')
    ap.add_argument('--json', required=True)
    ap.add_argument('inputs', nargs='+', metavar='LABEL=FILE')
    a = ap.parse_args()

    runs = {}
    for arg in a.inputs:
        label, _, path = arg.partition('=')
        runs[label] = parse(path)
    if 'base' not in runs:
        sys.exit('bench.py: no base run to compare with')

    try:
        with open(a.json) as f:
            doc = json.load(f)
    except FileNotFoundError:
        doc = {}

    clock = a.clock or 'wall'
    for name in sorted(runs['base']):
        key = '%s/%s' % (name, a.arch)
        entry = {'arch': a.arch, 'clock': clock,
                 'command': 'make bench ARCH=%s' % a.arch}
        print('%s (%s, ns from the %s clock)' % (key, ', '.join(runs), clock))
        for label, figs in runs.items():
            if name not in figs:
                continue
            entry[label] = {k: summary(v) for k, v in figs[name].items()}
        base = entry['base']
        for label in runs:
            if label == 'base' or label not in entry:
                continue
            ratio = {}
            for k, s in entry[label].items():
                b = base.get(k, {}).get('median')
                if b:
                    ratio[k] = round(s['median'] / b, 4)
            entry['ratio' if label == 'series' else
                  'ratio@' + label.replace('series@', '')] = ratio
        for k in sorted(base):
            cells = []
            for label in runs:
                s = entry.get(label, {}).get(k)
                if s:
                    cells.append('%s %g [%g..%g]' % (label, s['median'],
                                                     s['min'], s['max']))
            r = entry.get('ratio', {}).get(k)
            print('  %-9s %s%s' % (k, '  '.join(cells),
                                   '  ratio %.4f' % r if r is not None else ''))
        doc[key] = entry

    tmp = a.json + '.tmp'
    with open(tmp, 'w') as f:
        json.dump(doc, f, indent=1, sort_keys=True)
        f.write('\n')
    os.replace(tmp, a.json)
    print('bench.py: wrote %s' % a.json)


if __name__ == '__main__':
    main()
