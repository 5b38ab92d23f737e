#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Usage: tools/results.py RESULTS_DIR --kernel K --arch A --debug 0|1
                          [--list GUEST_LIST] [--known ci/known-base-failures]
                          [--known-splats ci/known-base-splats]
                          [--built 0|1] [--seconds stage=N ...] [--splats FILE]
                          [--pte-map-fail PERCENT]

Read RESULTS_DIR/tap.txt (and console.log), write RESULTS_DIR/result.json,
print a per-test summary ending in "N passed, N failed, N skipped".
Exit 0 when the run passed: built, booted, every listed test reported,
no failure that is not a known base failure, no splat that is not a
known base splat (its site and a function of its own call trace match an
entry of ci/known-base-splats), and, with --pte-map-fail, a count of
injected PTE map failures above 0 reported by the guest.
"""
import argparse
import fnmatch
import json
import os
import re
import sys

RESULT = re.compile(r'^(ok|not ok) (\d+) (?:selftests: vm: )?(\S+)(?: # (.*))?$')
SUBRESULT = re.compile(r'^# (ok|not ok) (\d+) (.*?)(?: # (SKIP|XFAIL|XPASS|TODO)\b ?(.*))?$')


def load_known(path, arch):
    """ci/known-base-failures: "ARCH|* TEST REASON..." per line; TEST may be a glob."""
    known = {}
    if not path or not os.path.exists(path):
        return known
    with open(path) as f:
        for line in f:
            line = line.split('#', 1)[0].strip() if line.lstrip().startswith('#') else line.strip()
            if not line:
                continue
            parts = line.split(None, 2)
            if len(parts) < 3:
                sys.exit(f'results: bad line in {path}: {line!r} (want ARCH TEST REASON)')
            if parts[0] in ('*', arch):
                known[parts[1]] = parts[2]
    return known


def load_known_splats(path, arch):
    """ci/known-base-splats: "ARCH|* SITE TRACE-FUNCTION REASON..." per line."""
    known = []
    if not path or not os.path.exists(path):
        return known
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith('#'):
                continue
            parts = line.split(None, 3)
            if len(parts) < 4:
                sys.exit(f'results: bad line in {path}: {line!r} (want ARCH SITE FUNCTION REASON)')
            if parts[0] in ('*', arch):
                known.append(parts[1:])
    return known


SPLAT_BLOCK_LINES = 80
# A call-trace frame on any arch: "func+0x85/0xfc" (x86, arm64, s390) or
# "[sp] [ip] func+0x38/0xbc" (powerpc).
TRACE_FUNC = re.compile(r'([A-Za-z0-9_.]+)\+0x[0-9a-f]+/0x[0-9a-f]+')


def classify_splats(splats, console_lines, known):
    """Split "N:line" splat lines into (unknown, [(line, reason)]).

    A splat is known when its line contains an entry's SITE and the call
    trace that follows it (up to its end marker) has the entry's FUNCTION.
    """
    unknown, matched = [], []
    for s in splats:
        num, _, text = s.partition(':')
        reason = None
        if num.isdigit() and known:
            start = int(num) - 1
            funcs = set()
            for l in console_lines[start + 1:start + SPLAT_BLOCK_LINES]:
                if '---[ end trace' in l:
                    break
                funcs.update(TRACE_FUNC.findall(l))
            reason = next((r for site, fn, r in known if site in text and fn in funcs), None)
        if reason:
            matched.append((text, reason))
        else:
            unknown.append(s)
    return unknown, matched


def load_list(path):
    names = []
    if path and os.path.exists(path):
        with open(path) as f:
            names = [l.split()[0] for l in f if l.strip()]
    return names


def parse_tap(path):
    tests, notes, subtests, reports = {}, {}, {}, {}
    current = None
    if not os.path.exists(path):
        return tests, notes, subtests, reports
    with open(path, errors='replace') as f:
        for line in f:
            line = line.rstrip('\n')
            m = RESULT.match(line)
            if m:
                ok, _, name, directive = m.groups()
                directive = directive or ''
                if ok == 'ok' and directive.startswith('SKIP'):
                    status = 'skip'
                elif ok == 'ok' and directive.startswith('XFAIL'):
                    status = 'xfail'
                elif ok == 'ok':
                    status = 'ok'
                else:
                    status = 'not ok'
                tests[name] = status
                if directive:
                    notes[name] = directive
                current = None
                continue
            if line.startswith('# selftests: vm: '):
                current = line[len('# selftests: vm: '):].strip()
                continue
            if line.startswith('report: '):
                key, _, val = line[len('report: '):].partition(': ')
                reports[key] = val
                continue
            m = SUBRESULT.match(line)
            if m and current:
                ok, _, desc, directive, _ = m.groups()
                status = {'SKIP': 'skip', 'XFAIL': 'xfail'}.get(directive, 'ok' if ok == 'ok' else 'not ok')
                subtests[f'{current}: {desc.strip()}'] = status
    return tests, notes, subtests, reports


DETAIL_LINES = 25


def failure_detail(console_lines, name):
    """The lines of a failed test's output worth showing under its result.

    The failing sub-results (with the lines just before each, where
    kselftests print why) if the test reported any, else its last lines.
    """
    out, inside = [], False
    for l in console_lines:
        if l == f'# selftests: vm: {name}':
            out, inside = [], True
        elif inside and RESULT.match(l):
            break
        elif inside:
            out.append(l)
    failing = [i for i, l in enumerate(out) if l.startswith('# not ok ')]
    if not failing:
        return out[-DETAIL_LINES:]
    shown, last = [], -1
    for i in failing:
        for j in range(max(i - 3, last + 1), i + 1):
            shown.append(out[j])
        last = i
        if len(shown) >= DETAIL_LINES:
            break
    return shown[:DETAIL_LINES]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('results')
    ap.add_argument('--kernel', required=True)
    ap.add_argument('--arch', required=True)
    ap.add_argument('--debug', default='0')
    ap.add_argument('--list')
    ap.add_argument('--known')
    ap.add_argument('--known-splats')
    ap.add_argument('--built', default='1')
    ap.add_argument('--splats')
    ap.add_argument('--seconds', nargs='*', default=[])
    ap.add_argument('--pte-map-fail', type=int, default=0)
    args = ap.parse_args()

    res = args.results
    console = ''
    if os.path.exists(os.path.join(res, 'console.log')):
        with open(os.path.join(res, 'console.log'), errors='replace') as f:
            console = f.read()
    console_lines = console.replace('\r', '').split('\n')
    tests, notes, subtests, reports = parse_tap(os.path.join(res, 'tap.txt'))
    known = load_known(args.known, args.arch)
    listed = load_list(args.list)
    splats = []
    if args.splats and os.path.exists(args.splats):
        with open(args.splats, errors='replace') as f:
            splats = [l.rstrip('\n') for l in f if l.strip()]

    splats, known_splats = classify_splats(
        splats, console_lines,
        load_known_splats(args.known_splats, args.arch))

    # A guest setup write that failed (e.g. a debugfs knob that is not
    # there) means the run did not test what it was asked to.
    setup_failed = [l.strip() for l in console_lines
                    if l.startswith('guest-init: setup: ') and ': FAILED' in l]

    booted = 'guest-init: starting' in console
    finished = 'guest-init: done' in console
    boot_status = 'ok' if finished else 'not finished'
    status_file = os.path.join(res, 'boot-status')
    if os.path.exists(status_file):
        with open(status_file) as f:
            boot_status = f.read().strip() or boot_status

    # A guest that never booted reported nothing: say that, not N "missing".
    for name in listed if booted else []:
        if name not in tests:
            tests[name] = 'not ok'
            notes[name] = 'no result (guest stopped before reporting it)'

    xpass = []
    for name, status in tests.items():
        reason = next((r for pat, r in known.items() if fnmatch.fnmatchcase(name, pat)), None)
        if reason is None:
            continue
        if status == 'not ok':
            tests[name] = 'xfail'
            notes[name] = f'known base failure: {reason}'
        elif status == 'ok':
            xpass.append(name)

    count = {s: sum(1 for v in tests.values() if v == s) for s in ('ok', 'not ok', 'skip', 'xfail')}
    seconds = {}
    for kv in args.seconds:
        k, _, v = kv.partition('=')
        seconds[k] = int(v) if v.isdigit() else v
    built = args.built == '1'
    # With fault injection, a run that injected nothing tested nothing new.
    injected = None
    if args.pte_map_fail:
        val = reports.get('/sys/kernel/debug/fail_pte_map/injected', '')
        injected = int(val) if val.strip().isdigit() else 0
    passed = (built and booted and finished and count['not ok'] == 0
              and not splats and not setup_failed and len(tests) > 0
              and injected != 0)
    accel = ''
    if os.path.exists(os.path.join(res, 'accel')):
        with open(os.path.join(res, 'accel')) as f:
            accel = f.read().strip()
    result = {
        'kernel': args.kernel, 'arch': args.arch, 'debug': args.debug == '1',
        'built': built, 'booted': booted, 'finished': finished,
        'boot_status': boot_status, 'accel': accel,
        'passed': count['ok'], 'failed': count['not ok'],
        'skipped': count['skip'], 'xfail': count['xfail'],
        'splats': len(splats), 'splat_lines': splats[:50],
        'known_splats': [{'line': l, 'reason': r} for l, r in known_splats],
        'tests': tests, 'notes': notes, 'subtests': subtests,
        'known_failures_passing': xpass, 'reports': reports,
        'setup_failed': setup_failed,
        'pte_map_fail': args.pte_map_fail, 'pte_map_injected': injected,
        'seconds': seconds, 'verdict': 'pass' if passed else 'fail',
    }
    with open(os.path.join(res, 'result.json'), 'w') as f:
        json.dump(result, f, indent=1, sort_keys=True)
        f.write('\n')

    variant = f"{args.kernel}-{args.arch}{'-debug' if args.debug == '1' else ''}"
    if args.pte_map_fail:
        variant += '-pte-map-fail'
    print(f'== {variant}: per-test results')
    for name, status in tests.items():
        note = f'  ({notes[name]})' if name in notes else ''
        print(f'  {status:7} {name}{note}')
        if status == 'not ok':
            # A real failure is the first "not ok" of a CI log (the guest's
            # progress lines say "failed"): show why right under it.
            for l in failure_detail(console_lines, name):
                print(f'    | {l}')
    for name in xpass:
        print(f'  note: {name} is listed in ci/known-base-failures but passed')
    if not built:
        print(f'  not ok: {variant}: kernel did not build')
    elif not booted:
        print(f'  not ok: {variant}: guest did not boot (no "guest-init: starting" on the console)')
    elif not finished:
        print(f'  not ok: {variant}: guest did not finish the run ({boot_status})')
    for l in setup_failed:
        print(f'  not ok: {variant}: {l}')
    if injected == 0:
        print(f'  not ok: {variant}: fail_pte_map injected no failure '
              f'(probability {args.pte_map_fail}%)')
    if splats:
        print(f'  not ok: {variant}: {len(splats)} kernel splat line(s) on the console:')
        for l in splats[:20]:
            print(f'    {l}')
    for line, reason in known_splats:
        print(f'  known base splat: {line}')
        print(f'    ({reason})')
    if count['xfail']:
        print(f"known failures (xfail): {count['xfail']}")
    if injected is not None:
        print(f'pte_map_injected: {injected} (fail_pte_map at {args.pte_map_fail}%)')
    print(f"{count['ok']} passed, {count['not ok']} failed, {count['skip']} skipped")
    return 0 if passed else 1


if __name__ == '__main__':
    sys.exit(main())
