# SPDX-License-Identifier: GPL-2.0
# Shared setup for the tool tests: a scratch BUILD directory and a tiny
# stand-in for the Debian kernel tarball, so apply/export run in seconds.

TOP=$(cd "$BATS_TEST_DIRNAME/.." && pwd)
DATA=$BATS_TEST_DIRNAME/data

setup_fake_base() {
	export BUILD=$BATS_TEST_TMPDIR/build
	export TREE=$BUILD/linux BASE_TREE=$BUILD/base
	export TARBALL=$BATS_TEST_TMPDIR/linux-source-6.1.tar.xz
	export BASE_PKG_VERSION_OVERRIDE=6.1.999-1
	export SERIES_FILE=$BATS_TEST_TMPDIR/series
	export PATCH_DIR=$BATS_TEST_TMPDIR/patches
	export COVER_LETTER=$BATS_TEST_TMPDIR/cover-letter.txt
	local src=$BATS_TEST_TMPDIR/src/linux-source-6.1
	mkdir -p "$src/mm" "$PATCH_DIR"
	printf 'VERSION = 6\nPATCHLEVEL = 1\nSUBLEVEL = 999\nEXTRAVERSION =\n' >"$src/Makefile"
	printf 'int a;\nint b;\nint c;\n' >"$src/mm/memory.c"
	printf 'int x;\n' >"$src/mm/gup.c"
	tar -C "$BATS_TEST_TMPDIR/src" -cJf "$TARBALL" linux-source-6.1
	echo "# empty" >"$SERIES_FILE"
	printf 'Subject: [PATCH 0/0] test series\n\nHand-written text.\n' >"$COVER_LETTER"
}

# commit_change FILE TEXT SUBJECT: a commit on branch series of the fake tree.
commit_change() {
	printf '%s\n' "$2" >>"$TREE/$1"
	git -C "$TREE" add "$1"
	git -C "$TREE" -c user.name=T -c user.email=t@example.org commit -q \
		-m "$3" -m "Body." -m "Signed-off-by: T <t@example.org>"
}
