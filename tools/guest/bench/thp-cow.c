// SPDX-License-Identifier: GPL-2.0
/*
 * thp-cow: one write pass over anonymous THPs after fork() and exit of the
 * child, the case the series' COW reuse is about. Run by tools/bench in a
 * guest, as root (PFNs from /proc/self/pagemap, flags from /proc/kpageflags).
 *
 * Usage: thp-cow [-n NR_THPS] [-r RUNS]
 *
 * For each mapping kind, PTE-mapped THPs (the PMD split by an mprotect() of
 * one page and back) and PMD-mapped THPs (the practical limit), and for each
 * run: map NR_THPS THPs, fault them in, fork(), let the child exit, then
 * write one byte to every page and report
 *
 *   bench: thp-cow KIND run=R pages=P copied=C thp_kept=K faults=F ns=T
 *
 * copied: pages whose PFN changed; thp_kept: pages whose PFN is unchanged
 * and still part of a THP; faults: minor faults taken by the pass; ns: its
 * CLOCK_MONOTONIC time (an instruction count when QEMU runs with -icount).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define KPF_THP		22
#define PM_PRESENT	(1ULL << 63)
#define PM_PFN_MASK	((1ULL << 55) - 1)

static size_t pagesize, thpsize;
static int pagemap_fd, kpageflags_fd;

static void die(const char *what)
{
	printf("bench: error: %s: %s\n", what, strerror(errno));
	exit(1);
}

static size_t read_thpsize(void)
{
	FILE *f = fopen("/sys/kernel/mm/transparent_hugepage/hpage_pmd_size", "r");
	unsigned long size = 0;

	if (!f || fscanf(f, "%lu", &size) != 1)
		die("no THP support (hpage_pmd_size)");
	fclose(f);
	return size;
}

static uint64_t pfn_of(char *addr)
{
	uint64_t e;
	off_t off = (uintptr_t)addr / pagesize * sizeof(e);

	if (pread(pagemap_fd, &e, sizeof(e), off) != sizeof(e))
		die("pagemap");
	return (e & PM_PRESENT) ? (e & PM_PFN_MASK) : 0;
}

static int is_thp(uint64_t pfn)
{
	uint64_t flags;

	if (pread(kpageflags_fd, &flags, sizeof(flags), pfn * sizeof(flags)) !=
	    sizeof(flags))
		die("kpageflags");
	return !!(flags & (1ULL << KPF_THP));
}

static long minflt(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_minflt;
}

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void run(const char *kind, int pte_mapped, size_t nr_thps, int r)
{
	size_t size = nr_thps * thpsize, pages = size / pagesize, i;
	uint64_t *pfns = calloc(pages, sizeof(*pfns));
	size_t copied = 0, kept = 0, thp = 0;
	long long t0, t1;
	long f0, f1;
	char *raw, *mem;
	pid_t pid;

	raw = mmap(NULL, size + thpsize, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!pfns || raw == MAP_FAILED)
		die("mmap");
	mem = (char *)(((uintptr_t)raw + thpsize - 1) & ~(thpsize - 1));
	if (madvise(mem, size, MADV_HUGEPAGE))
		die("MADV_HUGEPAGE");
	memset(mem, r, size);
	for (i = 0; i < pages; i++)
		thp += is_thp(pfn_of(mem + i * pagesize));
	/* Keep khugepaged from collapsing PTE-mapped THPs into new ones. */
	if (madvise(mem, size, MADV_NOHUGEPAGE))
		die("MADV_NOHUGEPAGE");
	if (thp != pages)
		printf("bench: warning: %s run=%d: only %zu of %zu pages are THP before fork\n",
		       kind, r, thp, pages);
	if (pte_mapped) {
		for (i = 0; i < nr_thps; i++) {
			char *p = mem + i * thpsize + pagesize;

			if (mprotect(p, pagesize, PROT_READ) ||
			    mprotect(p, pagesize, PROT_READ | PROT_WRITE))
				die("mprotect");
		}
	}

	pid = fork();
	if (pid < 0)
		die("fork");
	if (!pid)
		_exit(0);
	if (waitpid(pid, NULL, 0) != pid)
		die("waitpid");

	for (i = 0; i < pages; i++)
		pfns[i] = pfn_of(mem + i * pagesize);
	f0 = minflt();
	t0 = now_ns();
	for (i = 0; i < pages; i++)
		mem[i * pagesize] = r + 1;
	t1 = now_ns();
	f1 = minflt();
	for (i = 0; i < pages; i++) {
		uint64_t pfn = pfn_of(mem + i * pagesize);

		if (pfn != pfns[i])
			copied++;
		else if (is_thp(pfn))
			kept++;
	}
	printf("bench: thp-cow %s run=%d pages=%zu copied=%zu thp_kept=%zu faults=%ld ns=%lld\n",
	       kind, r, pages, copied, kept, f1 - f0, t1 - t0);
	munmap(raw, size + thpsize);
	free(pfns);
}

int main(int argc, char **argv)
{
	size_t nr_thps = 16;
	int runs = 5, r, c;

	while ((c = getopt(argc, argv, "n:r:")) != -1) {
		switch (c) {
		case 'n':
			nr_thps = strtoul(optarg, NULL, 0);
			break;
		case 'r':
			runs = atoi(optarg);
			break;
		default:
			fprintf(stderr, "usage: %s [-n NR_THPS] [-r RUNS]\n", argv[0]);
			return 2;
		}
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	pagesize = getpagesize();
	thpsize = read_thpsize();
	pagemap_fd = open("/proc/self/pagemap", O_RDONLY);
	kpageflags_fd = open("/proc/kpageflags", O_RDONLY);
	if (pagemap_fd < 0 || kpageflags_fd < 0)
		die("open pagemap/kpageflags");

	for (r = 1; r <= runs; r++) {
		run("pte-mapped", 1, nr_thps, r);
		run("pmd-mapped", 0, nr_thps, r);
	}
	printf("bench: done\n");
	return 0;
}
