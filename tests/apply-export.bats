#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# tools/base-tree, tools/apply and tools/export on a tiny fake base.

load helpers

setup() {
	setup_fake_base
}

@test "base-tree: the same tarball gives the same commit id" {
	run "$TOP/tools/base-tree"
	[ "$status" -eq 0 ]
	first=$(git -C "$TREE" rev-parse base)
	rm -rf "$BUILD"
	run "$TOP/tools/base-tree"
	[ "$status" -eq 0 ]
	[ "$(git -C "$TREE" rev-parse base)" = "$first" ]
	[[ "$output" == *"Linux 6.1.999 (Debian linux-source-6.1 6.1.999-1)"* ]]
}

@test "apply + export: the pipeline works with 0 patches" {
	run "$TOP/tools/apply"
	[ "$status" -eq 0 ]
	run "$TOP/tools/export"
	[ "$status" -eq 0 ]
	grep -qx 'Base: Linux 6.1.999 (Debian linux-source-6.1 6.1.999-1)' "$COVER_LETTER"
	[ -z "$(ls "$PATCH_DIR")" ]
}

@test "export: numbered patches, cover letter regenerated, idempotent" {
	"$TOP/tools/apply"
	commit_change mm/memory.c 'int d;' 'mm/memory: add d'
	commit_change mm/gup.c 'int y;' 'mm/gup: add y'
	run "$TOP/tools/export"
	[ "$status" -eq 0 ]
	[ "$(grep -vc '^#' "$SERIES_FILE")" -eq 2 ]
	grep -q '^Subject: \[PATCH 1/2\] mm/memory: add d' "$PATCH_DIR"/0001-*.patch
	grep -q '^base-commit: ' "$PATCH_DIR"/0001-*.patch
	grep -q '^Subject: \[PATCH 0/2\] test series' "$COVER_LETTER"
	grep -q 'Hand-written text.' "$COVER_LETTER"
	grep -q 'mm/gup: add y' "$COVER_LETTER"
	snapshot=$(cat "$SERIES_FILE" "$COVER_LETTER" "$PATCH_DIR"/* | sha256sum)
	"$TOP/tools/export"
	[ "$(cat "$SERIES_FILE" "$COVER_LETTER" "$PATCH_DIR"/* | sha256sum)" = "$snapshot" ]
	# A fresh apply of the exported files exports to the same bytes.
	rm -rf "$BUILD"
	"$TOP/tools/apply"
	"$TOP/tools/export"
	[ "$(cat "$SERIES_FILE" "$COVER_LETTER" "$PATCH_DIR"/* | sha256sum)" = "$snapshot" ]
}

@test "apply: a patch that does not apply is named, with its file, and the tree is left clean" {
	"$TOP/tools/apply"
	commit_change mm/memory.c 'int d;' 'mm/memory: add d'
	commit_change mm/gup.c 'int y;' 'mm/gup: add y'
	"$TOP/tools/export"
	before=$(git -C "$TREE" rev-parse series)
	# Break patch 2: its context no longer matches the base.
	sed -i 's/^ int x;$/ int nope;/' "$PATCH_DIR"/0002-*.patch
	run "$TOP/tools/apply"
	[ "$status" -eq 1 ]
	[[ "$output" == *"patch 2/2 does not apply: 0002-mm-gup-add-y.patch"* ]]
	[[ "$output" == *"mm/gup.c"* ]]
	[ ! -d "$TREE/.git/rebase-apply" ]
	[ -z "$(git -C "$TREE" status --porcelain)" ]
	[ "$(git -C "$TREE" rev-parse series)" = "$before" ]
	[ "$(git -C "$TREE" symbolic-ref --short HEAD)" = series ]
}

@test "apply: refuses to drop unexported commits unless forced" {
	"$TOP/tools/apply"
	commit_change mm/memory.c 'int d;' 'mm/memory: add d'
	run "$TOP/tools/apply"
	[ "$status" -eq 1 ]
	[[ "$output" == *"never exported"* ]]
	run "$TOP/tools/apply" --auto
	[ "$status" -eq 0 ]
	[[ "$output" == *"using build/linux branch 'series' as it is"* ]]
	run "$TOP/tools/apply" --force
	[ "$status" -eq 0 ]
	[ "$(git -C "$TREE" rev-parse series)" = "$(git -C "$TREE" rev-parse base)" ]
}

@test "apply: a different installed base is announced, then applied anyway" {
	"$TOP/tools/apply"
	"$TOP/tools/export"
	sed -i 's/^Base: .*/Base: Linux 6.1.100 (Debian linux-source-6.1 6.1.100-1)/' "$COVER_LETTER"
	echo "# changed" >>"$SERIES_FILE"
	run "$TOP/tools/apply"
	[ "$status" -eq 0 ]
	[[ "$output" == *"exported against 'Linux 6.1.100"* ]]
}
