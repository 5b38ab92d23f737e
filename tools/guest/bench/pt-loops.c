// SPDX-License-Identifier: GPL-2.0
/*
 * pt-loops: the page table paths that map PTE tables most often, timed in
 * loops: page faults, munmap() of populated PTEs, and fork() of a process
 * with populated PTEs. Run by tools/bench in a guest.
 *
 * Usage: pt-loops [-m MIB] [-f FORKS] [-r RUNS]
 *
 * Per run, on MIB MiB of anonymous memory with THP off (MADV_NOHUGEPAGE,
 * so every page is a PTE):
 *
 *   bench: pt-loops fault run=R pages=P ns=T    write one byte to each page
 *   bench: pt-loops munmap run=R pages=P ns=T   munmap() of those pages
 *   bench: pt-loops fork run=R forks=F ns=T     F x (fork(), child _exit(),
 *                                               waitpid()) with P pages mapped
 *
 * ns is CLOCK_MONOTONIC time (an instruction count when QEMU runs with
 * -icount).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static size_t pagesize;

static void die(const char *what)
{
	printf("bench: error: %s: %s\n", what, strerror(errno));
	exit(1);
}

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static char *map_pages(size_t size)
{
	char *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		die("mmap");
	if (madvise(p, size, MADV_NOHUGEPAGE) && errno != EINVAL)
		die("madvise(MADV_NOHUGEPAGE)");
	return p;
}

static void touch(char *p, size_t size)
{
	size_t off;

	for (off = 0; off < size; off += pagesize)
		p[off] = 1;
}

int main(int argc, char **argv)
{
	size_t mib = 32, size, pages;
	int forks = 8, runs = 5, opt, run, i;
	long long t;
	char *p;

	while ((opt = getopt(argc, argv, "m:f:r:")) != -1) {
		switch (opt) {
		case 'm': mib = strtoul(optarg, NULL, 0); break;
		case 'f': forks = atoi(optarg); break;
		case 'r': runs = atoi(optarg); break;
		default:
			fprintf(stderr, "usage: %s [-m MIB] [-f FORKS] [-r RUNS]\n", argv[0]);
			return 2;
		}
	}
	pagesize = sysconf(_SC_PAGESIZE);
	size = mib << 20;
	pages = size / pagesize;

	for (run = 1; run <= runs; run++) {
		p = map_pages(size);
		t = now_ns();
		touch(p, size);
		printf("bench: pt-loops fault run=%d pages=%zu ns=%lld\n",
		       run, pages, now_ns() - t);

		t = now_ns();
		for (i = 0; i < forks; i++) {
			pid_t pid = fork();

			if (pid < 0)
				die("fork");
			if (pid == 0)
				_exit(0);
			if (waitpid(pid, NULL, 0) != pid)
				die("waitpid");
		}
		printf("bench: pt-loops fork run=%d forks=%d ns=%lld\n",
		       run, forks, now_ns() - t);

		t = now_ns();
		if (munmap(p, size))
			die("munmap");
		printf("bench: pt-loops munmap run=%d pages=%zu ns=%lld\n",
		       run, pages, now_ns() - t);
		fflush(stdout);
	}
	return 0;
}
