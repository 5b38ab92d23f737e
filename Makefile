# SPDX-License-Identifier: GPL-2.0
# The series workspace. `make help` lists the targets; README.md explains them.

ARCH ?= x86_64
KERNEL ?= series
DEBUG ?= 0
PTE_MAP_FAIL ?=
EXTRA_TESTS ?=
FORCE ?= 0

.PHONY: all test check ci-repro lint bisect bench apply export test-tools summary clean distclean help

all:
	@tools/test series x86_64 0

test:
	@PTE_MAP_FAIL=$(PTE_MAP_FAIL) tools/test $(KERNEL) $(ARCH) $(DEBUG) $(EXTRA_TESTS)

check:
	@tools/check

ci-repro:
	@tools/ci-repro

lint:
	@tools/lint

bisect:
	@tools/bisect

bench:
	@tools/bench $(ARCH)

apply:
	@tools/apply $(if $(filter 1,$(FORCE)),--force)

export:
	@tools/export

test-tools:
	@bats tests/

summary:
	@tools/summary.py build/results

clean:
	rm -rf build/results build/guest build/out build/lint

distclean:
	rm -rf build

help:
	@echo "make                 build, boot and test the series on x86_64"
	@echo "make check           everything CI runs (tool tests, lint, bisect, 4 arches)"
	@echo "make ci-repro        .ci/run in a fresh bookworm chroot, as CI runs it (root)"
	@echo "make test ARCH=<arch> [KERNEL=series|base] [DEBUG=1] [EXTRA_TESTS=<dir>]"
	@echo "                     one arch; arches: $$(ls ci/arch | sed 's/\.conf//' | tr '\n' ' ')"
	@echo "make test ARCH=<arch> DEBUG=1 PTE_MAP_FAIL=<percent>"
	@echo "                     the same with that percentage of PTE table maps failed"
	@echo "make lint            checkpatch, sparse, coccinelle, kernel-doc, series checks"
	@echo "make bisect          build every prefix of the series"
	@echo "make bench [ARCH=]   base vs series benchmarks in one run -> build/results/bench.json"
	@echo "make apply [FORCE=1] git am patches/ onto build/linux branch 'series'"
	@echo "make export          write branch 'series' back to patches/, series, cover letter"
	@echo "make test-tools      the tests of tools/ (bats)"
	@echo "make summary         print build/results/summary.txt"
