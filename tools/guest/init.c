// SPDX-License-Identifier: GPL-2.0
/*
 * Guest init for the series test run: PID 1 of the test initramfs.
 *
 * It mounts what the vm selftests need, sets up zram swap, reports the
 * huge-page reservation made on the kernel command line, then runs each
 * test listed in /tests/list with a timeout and prints kselftest-style TAP
 * on the console (test output prefixed with "# "), and powers off.
 *
 * /tests/list, one test per line ('#' starts a comment):
 *	NAME TIMEOUT [needs=hugetlb,thp] [uid=N] [cpu=N] COMMAND [ARGS...]
 * "needs": the test is reported as skipped, with the reason, when this
 * machine has no usable hugetlb or THP at run time (s390x under TCG).
 * "cpu": the test and its children run on that CPU only.
 * COMMAND "skip" reports the test as skipped, its ARGS being the reason
 * (the host uses it for a test that could not be built).
 * /tests/setup (optional), lines "PATH VALUE": written before the first test.
 * /tests/report (optional), lines "PATH": printed after the last test as
 *	"report: PATH: CONTENT", for the host to collect counters.
 *
 * Exit codes follow kselftest: 0 pass, 4 skip, 2 xfail, anything else fails.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <dirent.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/swap.h>
#include <sys/wait.h>

#define MAX_TESTS	512
#define MAX_ARGS	32
#define KSFT_SKIP	4
#define KSFT_XFAIL	2
#define HUGE_DIR	"/tests/huge"

struct test {
	char *name;
	int timeout;
	int uid;
	int cpu;
	char *needs;
	char *argv[MAX_ARGS + 1];
};

static struct test tests[MAX_TESTS];
static int nr_tests;
/* Why hugetlb or THP cannot be used here; NULL when they can. */
static const char *no_hugetlb = "not checked";
static const char *no_thp = "not checked";

static void say(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	printf("guest-init: ");
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
	fflush(stdout);
}

static int write_file(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY);
	ssize_t len = strlen(val), ret;

	if (fd < 0)
		return -errno;
	ret = write(fd, val, len);
	close(fd);
	if (ret != len)
		return ret < 0 ? -errno : -EIO;
	return 0;
}

static void print_file_lines(const char *path, const char *prefix,
			     const char *match)
{
	char line[512];
	FILE *f = fopen(path, "r");

	if (!f)
		return;
	while (fgets(line, sizeof(line), f))
		if (!match || strstr(line, match))
			printf("%s%s", prefix, line);
	fclose(f);
	fflush(stdout);
}

static void do_mount(const char *src, const char *dst, const char *type,
		     const char *opts)
{
	mkdir(dst, 0755);
	if (mount(src, dst, type, 0, opts))
		say("mount %s on %s failed: %s", type, dst, strerror(errno));
}

/* Write a version-1 swap header ("SWAPSPACE2") and swapon. */
static void setup_zram_swap(void)
{
	const char *dev = "/dev/zram0";
	long psize = sysconf(_SC_PAGESIZE);
	unsigned long long size = 512ULL << 20;
	uint32_t *words;
	char *page;
	int fd;

	if (write_file("/sys/block/zram0/disksize", "512M")) {
		say("zram swap: no /sys/block/zram0 (CONFIG_ZRAM?): swap tests will skip");
		return;
	}
	page = calloc(1, psize);
	words = (uint32_t *)(page + 1024);
	words[0] = 1;				/* version */
	words[1] = size / psize - 1;		/* last_page */
	memcpy(page + psize - 10, "SWAPSPACE2", 10);
	fd = open(dev, O_WRONLY);
	if (fd < 0 || write(fd, page, psize) != psize) {
		say("zram swap: cannot write %s: %s", dev, strerror(errno));
		goto out;
	}
	fsync(fd);
	if (swapon(dev, 0))
		say("zram swap: swapon failed: %s", strerror(errno));
	else
		say("zram swap: 512 MiB on %s", dev);
out:
	if (fd >= 0)
		close(fd);
	free(page);
}

/* busybox-static gives the tests that popen() or exec scripts a shell. */
static void install_busybox(void)
{
	pid_t pid;

	if (access("/bin/busybox", X_OK)) {
		say("no /bin/busybox: tests that need a shell will fail");
		return;
	}
	pid = fork();
	if (pid == 0) {
		execl("/bin/busybox", "busybox", "--install", "-s", "/bin", NULL);
		_exit(127);
	}
	waitpid(pid, NULL, 0);
}

/* Files a test left on hugetlbfs hold huge pages the next test expects. */
static void clean_hugetlbfs(void)
{
	char path[300];
	struct dirent *de;
	DIR *d = opendir(HUGE_DIR);

	if (!d)
		return;
	while ((de = readdir(d)))
		if (de->d_name[0] != '.') {
			snprintf(path, sizeof(path), "%s/%s", HUGE_DIR, de->d_name);
			unlink(path);
		}
	closedir(d);
}

static void setup_system(void)
{
	do_mount("proc", "/proc", "proc", NULL);
	do_mount("sysfs", "/sys", "sysfs", NULL);
	do_mount("devtmpfs", "/dev", "devtmpfs", NULL);
	do_mount("debugfs", "/sys/kernel/debug", "debugfs", NULL);
	do_mount("tmpfs", "/tmp", "tmpfs", NULL);
	install_busybox();
	/* run_vmtests.sh's ./huge: several tests hard-code that path. */
	mkdir(HUGE_DIR, 0755);
	if (mount("none", HUGE_DIR, "hugetlbfs", 0, NULL)) {
		say("hugetlbfs: not mounted (%s): hugetlb tests will skip",
		    strerror(errno));
		no_hugetlb = "hugetlbfs cannot be mounted on this machine";
	} else if (access("/proc/sys/vm/nr_hugepages", F_OK)) {
		no_hugetlb = "no huge page size on this machine";
	} else {
		no_hugetlb = NULL;
	}
	/* As run_vmtests.sh does for hugepage-shm. */
	write_file("/proc/sys/kernel/shmmax", "268435456");
	write_file("/proc/sys/kernel/shmall", "4194304");
	setup_zram_swap();
	print_file_lines("/proc/version", "guest-init: ", NULL);
	print_file_lines("/proc/meminfo", "guest-init: ", "Huge");
	print_file_lines("/proc/meminfo", "guest-init: ", "Swap");
	if (access("/sys/kernel/mm/transparent_hugepage/enabled", F_OK)) {
		say("THP: not available at run time: THP tests will skip");
		no_thp = "no /sys/kernel/mm/transparent_hugepage: THP unusable on this machine";
	} else {
		no_thp = NULL;
		print_file_lines("/sys/kernel/mm/transparent_hugepage/enabled",
				 "guest-init: THP: ", NULL);
	}
}

/* Call fn on each line of path that is neither empty nor a comment. */
static void for_each_line(const char *path, void (*fn)(char *line))
{
	char line[512];
	FILE *f = fopen(path, "r");

	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = 0;
		if (line[0] && line[0] != '#')
			fn(line);
	}
	fclose(f);
}

/* A /tests/setup line "PATH VALUE": write VALUE to PATH. */
static void setup_line(char *line)
{
	char *val = strchr(line, ' ');
	int err;

	if (!val)
		return;
	*val++ = 0;
	err = write_file(line, val);
	say("setup: %s = %s%s%s", line, val, err ? ": FAILED " : "",
	    err ? strerror(-err) : "");
}

/* A /tests/report line "PATH": print "report: PATH: CONTENT". */
static void report_line(char *line)
{
	char buf[4096];
	ssize_t n;
	int fd = open(line, O_RDONLY);

	n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);
	if (n < 0) {
		printf("report: %s: unreadable: %s\n", line, strerror(errno));
	} else {
		buf[n] = 0;
		buf[strcspn(buf, "\n")] = 0;
		printf("report: %s: %s\n", line, buf);
	}
	if (fd >= 0)
		close(fd);
	fflush(stdout);
}

static void read_list(void)
{
	char *line = NULL, *tok, *save;
	size_t cap = 0;
	FILE *f = fopen("/tests/list", "r");
	struct test *t;
	int argc;

	if (!f) {
		say("no /tests/list: nothing to run");
		return;
	}
	while (getline(&line, &cap, f) > 0 && nr_tests < MAX_TESTS) {
		line[strcspn(line, "#\n")] = 0;
		tok = strtok_r(line, " \t", &save);
		if (!tok)
			continue;
		t = &tests[nr_tests];
		t->name = strdup(tok);
		tok = strtok_r(NULL, " \t", &save);
		t->timeout = tok ? atoi(tok) : 0;
		t->uid = -1;
		t->cpu = -1;
		argc = 0;
		t->needs = NULL;
		while ((tok = strtok_r(NULL, " \t", &save)) && argc < MAX_ARGS) {
			if (argc == 0 && !strncmp(tok, "uid=", 4)) {
				t->uid = atoi(tok + 4);
				continue;
			}
			if (argc == 0 && !strncmp(tok, "cpu=", 4)) {
				t->cpu = atoi(tok + 4);
				continue;
			}
			if (argc == 0 && !strncmp(tok, "needs=", 6)) {
				t->needs = strdup(tok + 6);
				continue;
			}
			t->argv[argc++] = strdup(tok);
		}
		if (!argc || t->timeout <= 0) {
			say("bad line in /tests/list for '%s': ignored", t->name);
			continue;
		}
		nr_tests++;
	}
	free(line);
	fclose(f);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The test's last output line, and its last one that mentions a skip. */
static char last_line[160], last_skip[160];

static void remember(const char *line, int len)
{
	while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
		len--;
	if (!len)
		return;
	snprintf(last_line, sizeof(last_line), "%.*s", len, line);
	if (strcasestr(last_line, "skip"))
		strcpy(last_skip, last_line);
}

/*
 * Copy what the test printed to the console, each line prefixed "# ".
 * Returns what read() returned: 0 at end of file.
 */
static ssize_t relay(int fd, char *buf, size_t *len, int flush)
{
	char *nl;
	ssize_t n = read(fd, buf + *len, 4095 - *len);

	if (n > 0)
		*len += n;
	while ((nl = memchr(buf, '\n', *len)) || (*len && (flush || *len >= 4095))) {
		size_t l = nl ? (size_t)(nl - buf) + 1 : *len;

		printf("# %.*s%s", (int)l, buf, nl ? "" : "\n");
		remember(buf, l);
		memmove(buf, buf + l, *len - l);
		*len -= l;
	}
	fflush(stdout);
	return n;
}

static void run_test(int num, struct test *t)
{
	char buf[4096];
	size_t len = 0;
	double start = now(), deadline = start + t->timeout;
	int pipefd[2], status = 0, done = 0, timed_out = 0;
	struct pollfd pfd;
	pid_t pid;

	printf("# selftests: vm: %s\n", t->name);
	if (t->needs && ((strstr(t->needs, "hugetlb") && no_hugetlb) ||
			 (strstr(t->needs, "thp") && no_thp))) {
		printf("ok %d selftests: vm: %s # SKIP needs %s: %s\n", num,
		       t->name, t->needs,
		       strstr(t->needs, "hugetlb") && no_hugetlb ? no_hugetlb : no_thp);
		fflush(stdout);
		return;
	}
	if (!strcmp(t->argv[0], "skip")) {
		printf("ok %d selftests: vm: %s # SKIP", num, t->name);
		for (char **arg = t->argv + 1; *arg; arg++)
			printf(" %s", *arg);
		printf("\n");
		fflush(stdout);
		return;
	}
	fflush(stdout);
	last_line[0] = last_skip[0] = 0;
	if (pipe2(pipefd, O_CLOEXEC)) {
		printf("not ok %d selftests: vm: %s # pipe: %s\n", num, t->name,
		       strerror(errno));
		return;
	}
	pid = fork();
	if (pid == 0) {
		setpgid(0, 0);
		dup2(pipefd[1], 1);
		dup2(pipefd[1], 2);
		if (chdir("/tests"))
			_exit(127);
		if (t->cpu >= 0) {
			cpu_set_t set;

			CPU_ZERO(&set);
			CPU_SET(t->cpu, &set);
			if (sched_setaffinity(0, sizeof(set), &set)) {
				perror("sched_setaffinity");
				_exit(127);
			}
		}
		if (t->uid >= 0 && (setgid(t->uid) || setuid(t->uid))) {
			perror("setuid");
			_exit(127);
		}
		execv(t->argv[0], t->argv);
		fprintf(stderr, "exec %s: %s\n", t->argv[0], strerror(errno));
		_exit(127);
	}
	close(pipefd[1]);
	setpgid(pid, pid);
	pfd.fd = pipefd[0];
	pfd.events = POLLIN;
	while (!done) {
		if (poll(&pfd, 1, 200) > 0)
			relay(pipefd[0], buf, &len, 0);
		if (waitpid(pid, &status, WNOHANG) == pid)
			done = 1;
		else if (now() > deadline) {
			timed_out = 1;
			kill(-pid, SIGKILL);
			waitpid(pid, &status, 0);
			done = 1;
		}
	}
	/* Stray children of the test hold the pipe open: end them, drain. */
	kill(-pid, SIGKILL);
	while (poll(&pfd, 1, 1000) > 0 && relay(pipefd[0], buf, &len, 0) > 0)
		;
	if (len)
		relay(-1, buf, &len, 1);
	close(pipefd[0]);
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
	clean_hugetlbfs();

	printf("# %s: %.1fs\n", t->name, now() - start);
	if (timed_out)
		printf("not ok %d selftests: vm: %s # TIMEOUT %d seconds\n", num,
		       t->name, t->timeout);
	else if (WIFSIGNALED(status))
		printf("not ok %d selftests: vm: %s # killed by signal %d\n", num,
		       t->name, WTERMSIG(status));
	else if (WEXITSTATUS(status) == 0)
		printf("ok %d selftests: vm: %s\n", num, t->name);
	else if (WEXITSTATUS(status) == KSFT_SKIP)
		printf("ok %d selftests: vm: %s # SKIP %s\n", num, t->name,
		       last_skip[0] ? last_skip : last_line);
	else if (WEXITSTATUS(status) == KSFT_XFAIL)
		printf("ok %d selftests: vm: %s # XFAIL\n", num, t->name);
	else
		printf("not ok %d selftests: vm: %s # exit=%d\n", num, t->name,
		       WEXITSTATUS(status));
	fflush(stdout);
}

int main(void)
{
	int i;

	setvbuf(stdout, NULL, _IOLBF, 0);
	setenv("PATH", "/tests:/bin", 1);
	setenv("HOME", "/tmp", 1);
	setenv("KSFT_TAP_LEVEL", "1", 1);
	say("starting");
	setup_system();
	read_list();
	for_each_line("/tests/setup", setup_line);
	printf("TAP version 13\n1..%d\n", nr_tests);
	fflush(stdout);
	for (i = 0; i < nr_tests; i++)
		run_test(i + 1, &tests[i]);
	for_each_line("/tests/report", report_line);
	say("done: %d tests run", nr_tests);
	sync();
	reboot(RB_POWER_OFF);
	/* Power-off failed: halt, and let -no-reboot end QEMU on reset. */
	reboot(RB_AUTOBOOT);
	for (;;)
		pause();
}
