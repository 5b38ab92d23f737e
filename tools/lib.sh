# SPDX-License-Identifier: GPL-2.0
# Helpers shared by the tools/ scripts. Source it; it runs nothing.
#
# Layout of build/ (all of it is disposable):
#   build/linux          git tree: branch "base" (the Debian tarball), branch "series"
#   build/base           worktree of the base commit, for KERNEL=base
#   build/bisect         worktree that tools/bisect moves along the series
#   build/out/<k>-<a>[-debug]   kernel O= directories (symlinks to <tree>/.out-<a>[-debug])
#   build/guest/<k>-<a>  selftests and initramfs
#   build/results/<k>-<a>[-debug]  console.log, tap.txt, result.json
#   build/ccache         compiler cache

TOP=${TOP:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
BUILD=${BUILD:-$TOP/build}
TREE=${TREE:-$BUILD/linux}
BASE_TREE=${BASE_TREE:-$BUILD/base}
BASE_BRANCH=base
SERIES_BRANCH=series

die() {
	printf '%s: error: %s\n' "${0##*/}" "$*" >&2
	exit 1
}

warn() {
	printf '%s: warning: %s\n' "${0##*/}" "$*" >&2
}

info() {
	printf '%s: %s\n' "${0##*/}" "$*" >&2
}

# stage NAME CMD...: run CMD, print "[name] done in Ns" (or failed).
# Sets STAGE_SECONDS to the elapsed time.
stage() {
	local name=$1 start rc
	shift
	start=$(date +%s)
	printf '[%s] start %s\n' "$name" "$(date +%H:%M:%S)" >&2
	"$@"
	rc=$?
	STAGE_SECONDS=$(($(date +%s) - start))
	if [ $rc -eq 0 ]; then
		printf '[%s] done in %ss\n' "$name" "$STAGE_SECONDS" >&2
	else
		printf '[%s] FAILED (exit %s) after %ss\n' "$name" "$rc" "$STAGE_SECONDS" >&2
	fi
	return $rc
}

valid_arches() {
	local f
	for f in "$TOP"/ci/arch/*.conf; do
		f=${f##*/}
		printf '%s ' "${f%.conf}"
	done
}

# load_arch ARCH: source ci/arch/ARCH.conf (KARCH, CROSS_COMPILE, KIMAGE,
# SELFTEST_MACHINE, QEMU_CMD, CONSOLE, ...).
load_arch() {
	local conf=$TOP/ci/arch/$1.conf

	[ -n "$1" ] || die "no ARCH given; valid: $(valid_arches)"
	[ -f "$conf" ] || die "unknown ARCH '$1'; valid: $(valid_arches)"
	HUGE_APPEND=	# optional: extra huge page reservations
	# shellcheck source=/dev/null
	. "$conf"
	ARCH_NAME=$1
}

# variant KERNEL ARCH DEBUG: the name used for out/, guest/ and results/.
variant() {
	local v=$1-$2
	[ "${3:-0}" = 1 ] && v=$v-debug
	printf '%s\n' "$v"
}

# src_tree KERNEL: the source tree to build for that kernel.
src_tree() {
	case $1 in
	series) printf '%s\n' "$TREE" ;;
	base) printf '%s\n' "$BASE_TREE" ;;
	bisect) printf '%s\n' "$BUILD/bisect" ;;	# tools/bisect's worktree
	*) die "unknown KERNEL '$1'; valid: series base" ;;
	esac
}

need_cmd() {
	local c
	for c; do
		command -v "$c" >/dev/null 2>&1 ||
			die "'$c' is not installed; run: sudo bash .ci/run --deps-only (installs ci/packages)"
	done
}
