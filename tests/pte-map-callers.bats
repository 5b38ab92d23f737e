#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# tools/pte-map-callers: every pte_offset_map*() caller tests for NULL.

load helpers

setup() {
	tree=$BATS_TEST_TMPDIR/tree
	mkdir -p "$tree/mm"
	git -C "$tree" init -q
	cat >"$tree/mm/good.c" <<'C'
pte_t *__pte_offset_map(pmd_t *pmd, unsigned long addr, pmd_t *pmdvalp);
#define pte_offset_map(pmd, addr)	\
	__pte_offset_map(pmd, addr, NULL)
static int a(pmd_t *pmd)
{
	pte_t *pte = pte_offset_map(pmd, 0);

	if (!pte)
		return 0;
	orig = pte = pte_offset_map_lock(mm, pmd, 0, &ptl);
	if (!orig)
		return 1;
	if (!pte_offset_map(pmd, 0))
		return 2;
	vmf->pte = pte_offset_map_nolock(mm, pmd, 0, &pmdval,
					 &vmf->ptl);
	if (unlikely(!vmf->pte))
		return 3;
	return 0;
}
C
	git -C "$tree" add mm/good.c
}

@test "pte-map-callers: tested results, macros and declarations pass" {
	run "$TOP/tools/pte-map-callers" "$tree"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "pte-map-callers: 4 call sites in 1 files" ]
	[ "${lines[-1]}" = "pte-map-callers: every call site tests the result for NULL" ]
}

@test "pte-map-callers: an untested result fails, naming the line" {
	printf 'static void b(pmd_t *pmd)\n{\n\tpte_t *pte = pte_offset_map(pmd, 0);\n\n\tset_pte(pte, x);\n}\n' \
		>"$tree/mm/bad.c"
	git -C "$tree" add mm/bad.c
	run "$TOP/tools/pte-map-callers" "$tree"
	[ "$status" -eq 1 ]
	[[ "$output" == *"mm/bad.c:3: pte_t *pte = pte_offset_map(pmd, 0);"* ]]
}
