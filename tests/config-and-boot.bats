#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# tools/check-config, tools/boot's timeout handling, bad input.

load helpers

@test "check-config: all requested options present passes" {
	printf 'CONFIG_A=y\nCONFIG_B=m\nCONFIG_N=5\n# CONFIG_C is not set\n' >"$BATS_TEST_TMPDIR/.config"
	printf 'CONFIG_A=y\nCONFIG_N=5\n# CONFIG_C is not set\n' >"$BATS_TEST_TMPDIR/frag"
	run "$TOP/tools/check-config" "$BATS_TEST_TMPDIR/.config" "$BATS_TEST_TMPDIR/frag"
	[ "$status" -eq 0 ]
}

@test "check-config: a dropped or changed option is listed and fails" {
	printf 'CONFIG_A=y\nCONFIG_N=4\nCONFIG_C=y\n' >"$BATS_TEST_TMPDIR/.config"
	printf 'CONFIG_A=y\nCONFIG_GONE=y\nCONFIG_N=5\n# CONFIG_C is not set\n' >"$BATS_TEST_TMPDIR/frag"
	run "$TOP/tools/check-config" "$BATS_TEST_TMPDIR/.config" "$BATS_TEST_TMPDIR/frag"
	[ "$status" -eq 1 ]
	[[ "$output" == *"CONFIG_GONE: requested y, got n"* ]]
	[[ "$output" == *"CONFIG_N: requested 5, got 4"* ]]
	[[ "$output" == *"CONFIG_C: requested n, got y"* ]]
	[[ "$output" != *"CONFIG_A:"* ]]
}

@test "every ci/config fragment line is a CONFIG_ option or a comment" {
	run grep -vhE '^(CONFIG_[A-Z0-9_]+=.+|# CONFIG_[A-Z0-9_]+ is not set|#.*|)$' "$TOP"/ci/config/*.config
	[ "$status" -eq 1 ]
}

@test "boot: a QEMU that hangs is killed at the limit and reported as a timeout" {
	export BUILD=$BATS_TEST_TMPDIR/build
	mkdir -p "$BUILD/out/series-arm64/arch/arm64/boot" "$BUILD/guest/series-arm64" "$BATS_TEST_TMPDIR/bin"
	: >"$BUILD/out/series-arm64/arch/arm64/boot/Image"
	: >"$BUILD/guest/series-arm64/initramfs.cpio"
	printf '#!/bin/sh\necho "guest-init: starting"\necho "stuck here"\nexec sleep 600\n' \
		>"$BATS_TEST_TMPDIR/bin/qemu-system-aarch64"
	chmod +x "$BATS_TEST_TMPDIR/bin/qemu-system-aarch64"
	PATH=$BATS_TEST_TMPDIR/bin:$PATH BOOT_TIMEOUT=2 run "$TOP/tools/boot" series arm64
	[ "$status" -eq 3 ]
	[[ "$output" == *"QEMU timeout: series-arm64 did not finish within 2s"* ]]
	[[ "$output" == *"| stuck here"* ]]
	[ "$(cat "$BUILD/results/series-arm64/boot-status")" = timeout ]
}

@test "bad input: unknown ARCH lists the valid ones, in one line" {
	run "$TOP/tools/test" series sparc 0
	[ "$status" -ne 0 ]
	[ "${#lines[@]}" -eq 1 ]
	[[ "$output" == *"unknown ARCH 'sparc'; valid: arm64 ppc64le s390x x86_64"* ]]
	run make -s -C "$TOP" test ARCH=mips
	[ "$status" -ne 0 ]
	[[ "$output" == *"unknown ARCH 'mips'"* ]]
}

@test "bad input: unknown KERNEL and DEBUG values are refused" {
	run "$TOP/tools/test" mainline x86_64 0
	[ "$status" -ne 0 ]
	[[ "$output" == *"unknown KERNEL 'mainline'; valid: series base"* ]]
	run "$TOP/tools/test" series x86_64 2
	[ "$status" -ne 0 ]
	[[ "$output" == *"DEBUG must be 0 or 1"* ]]
}

@test "bad input: a missing tool names what to install" {
	PATH=/usr/bin/nonexistent:/bin run bash -c ". '$TOP/tools/lib.sh'; need_cmd no-such-tool-here"
	[ "$status" -ne 0 ]
	[[ "$output" == *"'no-such-tool-here' is not installed"* ]]
}

# A fake `id` that says we are not root.
fake_user() {
	mkdir -p "$BATS_TEST_TMPDIR/bin"
	printf '#!/bin/sh\necho 1000\n' >"$BATS_TEST_TMPDIR/bin/id"
	chmod +x "$BATS_TEST_TMPDIR/bin/id"
}

@test "bad input: no kernel tarball and not root gives the exact install command" {
	fake_user
	BUILD=$BATS_TEST_TMPDIR/build TARBALL=$BATS_TEST_TMPDIR/none.tar.xz \
		PATH=$BATS_TEST_TMPDIR/bin:$PATH run "$TOP/tools/base-tree"
	[ "$status" -ne 0 ]
	[ "${#lines[@]}" -eq 1 ]
	[[ "$output" == *"none.tar.xz is missing; run: sudo apt-get install linux-source-6.1"* ]]
}

@test "bad input: .ci/run refuses to install packages when not root" {
	fake_user
	PATH=$BATS_TEST_TMPDIR/bin:$PATH run bash "$TOP/.ci/run" --deps-only
	[ "$status" -ne 0 ]
	[ "${#lines[@]}" -eq 1 ]
	[[ "$output" == *"installing packages needs root"* ]]
}
