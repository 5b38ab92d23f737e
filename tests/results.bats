#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# tools/results.py (TAP -> result.json + summary) and tools/summary.py.

load helpers

setup() {
	res=$BATS_TEST_TMPDIR/results/series-arm64
	mkdir -p "$res"
	cp "$DATA/tap-sample.txt" "$res/tap.txt"
	cp "$DATA/clean-console.log" "$res/console.log"
	printf '%s\n' cow gup_test-u madv_populate va_128TBswitch thp_reuse missing_one >"$BATS_TEST_TMPDIR/list"
	printf "# comment\nx86_64 cow not this arch\narm64 va_128*  glob: no 5-level paging here\n" >"$BATS_TEST_TMPDIR/known"
	: >"$BATS_TEST_TMPDIR/splats"
}

results() {
	"$TOP/tools/results.py" "$res" --kernel series --arch arm64 --debug 0 \
		--list "$BATS_TEST_TMPDIR/list" --known "$BATS_TEST_TMPDIR/known" \
		--splats "$BATS_TEST_TMPDIR/splats" --seconds build=100 guest=5 boot=60 "$@"
}

field() {
	python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' \
		"$res/result.json" "$1"
}

@test "results: pass/fail/skip/xfail counted; missing test fails; known failure is xfail" {
	run results
	[ "$status" -eq 1 ]
	[ "${lines[-1]}" = "1 passed, 2 failed, 1 skipped" ]
	[ "$(field "r['tests']['cow']")" = "not ok" ]
	[ "$(field "r['tests']['va_128TBswitch']")" = "xfail" ]
	[ "$(field "r['tests']['thp_reuse']")" = "xfail" ]
	[ "$(field "r['tests']['missing_one']")" = "not ok" ]
	[ "$(field "r['xfail']")" = 2 ]
	[ "$(field "r['subtests']['cow: Basic COW after fork() with THP']")" = "not ok" ]
	[ "$(field "r['subtests']['cow: R/O pin on huge zeropage']")" = "skip" ]
	[ "$(field "r['subtests']['cow: Longterm R/O pin']")" = "xfail" ]
	[ "$(field "r['reports']['/sys/kernel/debug/fail_pte_map/injected']")" = 17 ]
	[ "$(field "r['seconds']['boot']")" = 60 ]
	[[ "$output" == *"missing_one  (no result"* ]]
}

@test "results: a real failure shows the test's failing lines under it" {
	cp "$DATA/tap-sample.txt" "$res/console.log"
	sed -i 's|^# not ok 2 Basic|# pagemap says the PFN changed\n&|' "$res/console.log"
	run results
	[ "$status" -eq 1 ]
	# The first "not ok" of the output is the real failure, its reason under it.
	first=$(printf '%s\n' "$output" | grep -n -m1 'not ok' | cut -d: -f1)
	[[ "${lines[first - 1]}" == "  not ok  cow  (exit=1)" ]]
	[[ "${lines[first + 1]}" == *"| # pagemap says the PFN changed" ]]
	[[ "${lines[first + 2]}" == *"| # not ok 2 Basic COW after fork() with THP" ]]
	# A known failure shows none of its output.
	[[ "$output" != *"| # selftests: vm: va_128TBswitch"* ]]
}

@test "results: a clean run passes; a splat alone fails it" {
	printf 'ok 1 selftests: vm: a\n' >"$res/tap.txt"
	printf 'a\n' >"$BATS_TEST_TMPDIR/list"
	run results
	[ "$status" -eq 0 ]
	[ "${lines[-1]}" = "1 passed, 0 failed, 0 skipped" ]
	echo '12:[   1.0] WARNING: suspicious RCU usage' >"$BATS_TEST_TMPDIR/splats"
	run results
	[ "$status" -eq 1 ]
	[ "$(field "r['splats']")" = 1 ]
	[[ "$output" == *"1 kernel splat line"* ]]
}

@test "results: an unbuilt kernel and an unbooted guest are failures" {
	run results --built 0
	[ "$status" -eq 1 ]
	[[ "$output" == *"kernel did not build"* ]]
	: >"$res/console.log"
	run results
	[ "$status" -eq 1 ]
	[[ "$output" == *"guest did not boot"* ]]
	[ "$(field "r['booted']")" = False ]
}

@test "summary: one row per variant, fails on a failed or missing variant" {
	printf 'ok 1 selftests: vm: a\n' >"$res/tap.txt"
	printf 'a\n' >"$BATS_TEST_TMPDIR/list"
	results
	run "$TOP/tools/summary.py" "$BATS_TEST_TMPDIR/results" series-arm64
	[ "$status" -eq 0 ]
	[[ "${lines[1]}" == "series-arm64  pass"* ]]
	[ -f "$BATS_TEST_TMPDIR/results/summary.txt" ]
	[ "${lines[-1]}" = "1 passed, 0 failed, 0 skipped" ]
	run "$TOP/tools/summary.py" "$BATS_TEST_TMPDIR/results" series-arm64 series-s390x
	[ "$status" -eq 1 ]
	[[ "$output" == *"series-s390x  missing"* ]]
	[ "${lines[-1]}" = "1 passed, 1 failed, 0 skipped" ]
	run "$TOP/tools/summary.py" --failed-stages 2 "$BATS_TEST_TMPDIR/results" series-arm64
	[ "$status" -eq 1 ]
	[ "${lines[-1]}" = "1 passed, 2 failed, 0 skipped" ]
}

@test "results: a known base splat is excused only with its own call trace (x86 and powerpc traces)" {
	cp "$DATA/known-splat-console.log" "$res/console.log"
	printf 'ok 1 selftests: vm: a\n' >"$res/tap.txt"
	printf 'a\n' >"$BATS_TEST_TMPDIR/list"
	"$TOP/tools/scan-splats" "$res/console.log" >"$BATS_TEST_TMPDIR/splats" || true
	[ "$(wc -l <"$BATS_TEST_TMPDIR/splats")" -eq 3 ]
	printf '* i_mmap_assert_write_locked hugetlb_split the reason\n' >"$BATS_TEST_TMPDIR/ks"
	run results --known-splats "$BATS_TEST_TMPDIR/ks"
	[ "$status" -eq 1 ]
	[ "$(field "r['splats']")" = 1 ]
	[ "$(field "len(r['known_splats'])")" = 2 ]
	[[ "$(field "r['splat_lines'][0]")" == *"[   21.380351] WARNING"* ]]
	[[ "$output" == *"known base splat: [   20.380351]"* ]]
	# The same entry for another arch excuses nothing.
	printf 'ppc64le i_mmap_assert_write_locked hugetlb_split the reason\n' >"$BATS_TEST_TMPDIR/ks"
	run results --known-splats "$BATS_TEST_TMPDIR/ks"
	[ "$(field "r['splats']")" = 3 ]
}

@test "results: a failed guest setup write fails the run" {
	printf 'ok 1 selftests: vm: a\n' >"$res/tap.txt"
	printf 'a\n' >"$BATS_TEST_TMPDIR/list"
	sed -i 's|^guest-init: starting|guest-init: starting\nguest-init: setup: /sys/kernel/debug/x = 1: FAILED No such file or directory|' "$res/console.log"
	run results
	[ "$status" -eq 1 ]
	[[ "$output" == *"not ok: series-arm64: guest-init: setup: /sys/kernel/debug/x = 1: FAILED"* ]]
}

@test "results: with --pte-map-fail, the injected count goes to result.json; none injected fails" {
	run results --pte-map-fail 1
	[ "$(field "r['pte_map_injected']")" = 17 ]
	[ "$(field "r['pte_map_fail']")" = 1 ]
	[[ "$output" == *"pte_map_injected: 17 (fail_pte_map at 1%)"* ]]
	grep -v '^report: ' "$DATA/tap-sample.txt" >"$res/tap.txt"
	run results --pte-map-fail 1
	[ "$status" -eq 1 ]
	[ "$(field "r['pte_map_injected']")" = 0 ]
	[[ "$output" == *"not ok: series-arm64-pte-map-fail: fail_pte_map injected no failure"* ]]
}
