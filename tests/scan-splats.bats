#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# tools/scan-splats on sample console logs.

load helpers

@test "scan-splats: a clean log passes, test output mentioning BUG:/WARNING: does not count" {
	run "$TOP/tools/scan-splats" "$DATA/clean-console.log"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
}

@test "scan-splats: every splat pattern is caught after a printk timestamp" {
	while read -r line; do
		log=$BATS_TEST_TMPDIR/one.log
		cp "$DATA/clean-console.log" "$log"
		printf '[   12.345678] %s\n' "$line" >>"$log"
		run "$TOP/tools/scan-splats" "$log"
		[ "$status" -eq 1 ] || { echo "missed: $line"; return 1; }
		[[ "$output" == *"$line"* ]]
	done <"$DATA/splats.txt"
}

@test "scan-splats: caught with a caller id, at line start, and mid test line" {
	log=$BATS_TEST_TMPDIR/mixed.log
	{
		cat "$DATA/clean-console.log"
		echo '[   12.345678] [    T42] WARNING: CPU: 0 PID: 42 at mm/gup.c:1 x'
		echo 'Kernel panic - not syncing: Attempted to kill init!'
		echo '# half a line of test output[   13.000000] BUG: Bad page state in process x'
	} >"$log"
	run "$TOP/tools/scan-splats" "$log"
	[ "$status" -eq 1 ]
	[ "$(printf '%s\n' "$output" | wc -l)" -eq 3 ]
}

@test "scan-splats: carriage returns from a serial console do not hide a splat" {
	log=$BATS_TEST_TMPDIR/crlf.log
	printf '[    1.000000] ok\r\n[    2.000000] WARNING: suspicious RCU usage\r\n' >"$log"
	run "$TOP/tools/scan-splats" "$log"
	[ "$status" -eq 1 ]
}
