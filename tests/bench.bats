#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# tools/bench.py: medians, spreads, ratios, and merging into bench.json.

load helpers

bench_input() {
	printf 'thp-cow pte-mapped run=%s pages=8 copied=%s faults=%s ns=%s\n' "$@"
}

@test "bench.py: median, spread and series/base ratio per figure" {
	{ bench_input 1 7 8 100; bench_input 2 7 8 300; bench_input 3 7 8 200; echo done; } >"$BATS_TEST_TMPDIR/base"
	{ bench_input 1 0 1 10; bench_input 2 0 1 30; bench_input 3 0 1 20; } >"$BATS_TEST_TMPDIR/series"
	run "$TOP/tools/bench.py" --arch arm64 --clock icount --json "$BATS_TEST_TMPDIR/b.json" \
		base="$BATS_TEST_TMPDIR/base" series="$BATS_TEST_TMPDIR/series"
	[ "$status" -eq 0 ]
	[[ "$output" == *"ns        base 200 [100..300]  series 20 [10..30]  ratio 0.1000"* ]]
	run jq -r '."thp-cow/pte-mapped/arm64" | [.base.copied.median, .series.copied.median, .ratio.ns, .ratio.faults, .series.ns.runs, .clock] | @tsv' "$BATS_TEST_TMPDIR/b.json"
	[ "$output" = "$(printf '7\t0\t0.1\t0.125\t3\ticount')" ]
}

@test "bench.py: a later benchmark is added to bench.json, earlier entries stay" {
	echo '{"other/x86_64": {"ratio": {"ns": 1.0}}}' >"$BATS_TEST_TMPDIR/b.json"
	bench_input 1 7 8 100 >"$BATS_TEST_TMPDIR/base"
	bench_input 1 0 1 10 >"$BATS_TEST_TMPDIR/series"
	bench_input 1 0 8 50 >"$BATS_TEST_TMPDIR/mid"
	run "$TOP/tools/bench.py" --arch x86_64 --json "$BATS_TEST_TMPDIR/b.json" \
		base="$BATS_TEST_TMPDIR/base" series@4="$BATS_TEST_TMPDIR/mid" series="$BATS_TEST_TMPDIR/series"
	[ "$status" -eq 0 ]
	run jq -r '[."other/x86_64".ratio.ns, ."thp-cow/pte-mapped/x86_64"."ratio@4".ns, ."thp-cow/pte-mapped/x86_64".clock] | @tsv' "$BATS_TEST_TMPDIR/b.json"
	[ "$output" = "$(printf '1\t0.5\twall')" ]
}

@test "bench.py: no base run is an error" {
	bench_input 1 0 1 10 >"$BATS_TEST_TMPDIR/series"
	run "$TOP/tools/bench.py" --arch x86_64 --json "$BATS_TEST_TMPDIR/b.json" series="$BATS_TEST_TMPDIR/series"
	[ "$status" -ne 0 ]
	[[ "$output" == *"no base run"* ]]
}
