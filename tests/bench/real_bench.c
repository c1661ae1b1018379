/*
 * real_bench.c - real programs as malloc workloads: Lua 5.4 running small
 * scripts (liblua5.4.a) and SQLite working on an in-memory database
 * (libsqlite3.a), both Debian's builds, linked by tools/bench-malloc.py
 * with each allocator it compares. The driver speaks malloc_bench's
 * language, so the same script runs and judges both programs:
 *
 *   real_bench WORKLOAD [SCALE] [tsc]
 *
 * prints "workload NAME ops N time_ns T checksum C maxrss_kb R", where ops
 * counts the program's calls of malloc, calloc and realloc (counted by
 * the allocator hooks of Lua and SQLite, which see every request), T is
 * the wall time of the workload alone, C a checksum of the program's own
 * results (the same for every allocator, or something went wrong) and R
 * the peak RSS (VmHWM). With "tsc", "time_ns T" becomes "ticks T", T
 * counted with rdtsc: under QEMU with -icount shift=0 one tick is one
 * guest instruction (tools/bench_malloc_qemu.py). Unlike malloc_bench it
 * uses the C library freely: the archives are built against glibc, so
 * every variant is glibc plus an allocator. With REAL_BENCH_TRACE=FILE in the environment, the program's
 * allocation calls are also written to FILE as a malloc-lab trace
 * (malloc_record.c), for tests/labs/malloc/replay.c to replay on each
 * allocator.
 */
#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "malloc_record.h"

static uint64_t ops;

/* Nanoseconds of the monotonic clock. */
static uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* The time-stamp counter. */
static uint64_t rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi)::"memory");
	return (uint64_t)hi << 32 | lo;
}

/* The peak RSS of this process in KiB (VmHWM, approximate: the tables of
 * tools/bench-malloc.py use its own exact samples), or -1. */
static long maxrss_kb(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long kb = -1;
	while (f && fgets(line, sizeof line, f))
		if (strncmp(line, "VmHWM:", 6) == 0)
			kb = strtol(line + 6, NULL, 10);
	if (f)
		fclose(f);
	return kb;
}

/* ---- Lua --------------------------------------------------------------- */

/* Lua's allocator: realloc and free of the C library, counted. */
static void *lua_alloc(void *ud, void *p, size_t oldsize, size_t n)
{
	(void)ud, (void)oldsize;
	if (n == 0) {
		if (record_on)
			record_free(p);
		free(p);
		return NULL;
	}
	ops++;
	if (record_on)
		record_realloc_begin(p);
	void *q = realloc(p, n);
	if (record_on)
		record_realloc_end(q, n);
	return q;
}

/*
 * The Lua scripts: N is set by the driver from the scale; each returns a
 * number, the checksum. strings: concatenation, string.format, gsub and
 * table.concat (many short-lived strings of every size); tables: records
 * with array and hash parts built, sorted, filtered and dropped (the
 * garbage collector frees them in bulk); tree: binary trees of depth 4-14
 * made and walked (the classic allocation benchmark's shape).
 */
static const char lua_strings[] =
    "local acc = 0\n"
    "for r = 1, N do\n"
    "  local parts = {}\n"
    "  for i = 1, 200 do\n"
    "    local s = string.format('%d:%s', i * r, string.rep('x', (i * 7 + r) % 90))\n"
    "    s = s:gsub('x+', function(m) return #m .. 'y' end)\n"
    "    parts[#parts + 1] = s .. s:upper()\n"
    "  end\n"
    "  local all = table.concat(parts, ',')\n"
    "  acc = (acc + #all + #parts[(r % 200) + 1]) % 1000000007\n"
    "end\n"
    "return acc\n";

static const char lua_tables[] =
    "local acc = 0\n"
    "for r = 1, N do\n"
    "  local recs = {}\n"
    "  for i = 1, 500 do\n"
    "    recs[i] = { id = (i * 7919 + r) % 1000, name = 'n' .. i, tags = { i, i + 1, i + 2 } }\n"
    "  end\n"
    "  table.sort(recs, function(a, b) return a.id < b.id or (a.id == b.id and a.name < b.name) "
    "end)\n"
    "  local keep, index = {}, {}\n"
    "  for _, x in ipairs(recs) do\n"
    "    if x.id % 3 ~= 0 then keep[#keep + 1] = x; index[x.name] = x.id end\n"
    "  end\n"
    "  acc = (acc + #keep + keep[1].id + (index['n' .. (r % 500 + 1)] or 0)) % 1000000007\n"
    "end\n"
    "return acc\n";

static const char lua_tree[] = "local function make(d)\n"
			       "  if d == 0 then return { false, false } end\n"
			       "  return { make(d - 1), make(d - 1) }\n"
			       "end\n"
			       "local function count(t)\n"
			       "  if not t[1] then return 1 end\n"
			       "  return 1 + count(t[1]) + count(t[2])\n"
			       "end\n"
			       "local acc, long = 0, make(14)\n"
			       "for r = 1, N do\n"
			       "  for d = 4, 12, 2 do acc = acc + count(make(d)) end\n"
			       "end\n"
			       "return (acc + count(long)) % 1000000007\n";

/* Runs a Lua script with N = n in a fresh state; its result, or exits on error. */
static uint64_t run_lua(const char *script, long n)
{
	lua_State *L = lua_newstate(lua_alloc, NULL);
	if (!L) {
		fprintf(stderr, "real_bench: lua_newstate failed\n");
		exit(1);
	}
	luaL_openlibs(L);
	lua_pushinteger(L, n);
	lua_setglobal(L, "N");
	if (luaL_loadstring(L, script) != LUA_OK || lua_pcall(L, 0, 1, 0) != LUA_OK) {
		fprintf(stderr, "real_bench: lua: %s\n", lua_tostring(L, -1));
		exit(1);
	}
	uint64_t v = (uint64_t)lua_tointeger(L, -1);
	lua_close(L);
	return v;
}

/* ---- SQLite ------------------------------------------------------------- */

static sqlite3_mem_methods libc_mem; /* SQLite's own default: the C library's malloc */

/* SQLite's allocator calls, counted, then passed on to its default ones. */
static void *sq_malloc(int n)
{
	ops++;
	void *p = libc_mem.xMalloc(n);
	if (record_on)
		record_malloc(p, (size_t)n);
	return p;
}

static void *sq_realloc(void *p, int n)
{
	ops++;
	if (record_on)
		record_realloc_begin(p);
	void *q = libc_mem.xRealloc(p, n);
	if (record_on)
		record_realloc_end(q, (size_t)n);
	return q;
}

static void sq_free(void *p)
{
	if (record_on)
		record_free(p);
	libc_mem.xFree(p);
}

/* Executes sql on db or exits with SQLite's message. */
static void exec(sqlite3 *db, const char *sql)
{
	char *err = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
		fprintf(stderr, "real_bench: sqlite: %s: %s\n", sql, err ? err : "?");
		exit(1);
	}
}

/* The first column of the first row of a query, as an integer. */
static int64_t query_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	int64_t v = -1;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "real_bench: sqlite: %s: %s\n", sql, sqlite3_errmsg(db));
		exit(1);
	}
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/*
 * One in-memory database per round: rows of text of 10-400 bytes inserted
 * through a prepared statement in one transaction, an index built, then
 * queries that sort, group and join (SQLite's temporary b-trees and sorter
 * allocate as they go), an update that grows rows and a delete of a third.
 */
static uint64_t run_sqlite(long rounds, long rows)
{
	uint64_t acc = 0;
	for (long r = 0; r < rounds; r++) {
		sqlite3 *db;
		if (sqlite3_open(":memory:", &db) != SQLITE_OK) {
			fprintf(stderr, "real_bench: sqlite3_open failed\n");
			exit(1);
		}
		exec(db, "CREATE TABLE t(id INTEGER PRIMARY KEY, k INTEGER, v TEXT);"
			 "CREATE TABLE g(k INTEGER PRIMARY KEY, name TEXT);");
		exec(db, "BEGIN");
		sqlite3_stmt *ins;
		sqlite3_prepare_v2(db, "INSERT INTO t(k, v) VALUES(?, ?)", -1, &ins, NULL);
		char text[401];
		uint32_t x = 12345u + (uint32_t)r;
		for (long i = 0; i < rows; i++) {
			x = x * 1103515245u + 12345u;
			int len = 10 + (int)((x >> 8) % 391);
			for (int j = 0; j < len; j++)
				text[j] = (char)('a' + (x >> (j % 24)) % 26);
			sqlite3_bind_int64(ins, 1, (sqlite3_int64)((x >> 4) % 1000));
			sqlite3_bind_text(ins, 2, text, len, SQLITE_TRANSIENT);
			sqlite3_step(ins);
			sqlite3_reset(ins);
		}
		sqlite3_finalize(ins);
		exec(db,
		     "WITH RECURSIVE c(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM c WHERE k < 999)"
		     " INSERT INTO g SELECT k, 'group' || k FROM c;"
		     "COMMIT; CREATE INDEX tk ON t(k, v);");
		acc += (uint64_t)query_int(
		    db, "SELECT sum(length(v)) FROM (SELECT v FROM t ORDER BY v LIMIT 500)");
		acc += (uint64_t)query_int(
		    db, "SELECT count(*) FROM (SELECT k, count(*) AS n, max(v) FROM t"
			" GROUP BY k HAVING n > 1)");
		acc += (uint64_t)query_int(
		    db, "SELECT sum(length(g.name) + length(t.v)) FROM t JOIN g USING(k)"
			" WHERE t.k % 7 = 3");
		exec(db, "UPDATE t SET v = v || upper(v) WHERE k % 5 = 1; DELETE FROM t WHERE k % "
			 "3 = 0;");
		acc += (uint64_t)query_int(db, "SELECT total(length(v)) FROM t");
		sqlite3_close(db);
	}
	return acc;
}

/* ---- main --------------------------------------------------------------- */

int main(int argc, char **argv)
{
	static const char *names[] = {"lua-strings", "lua-tables", "lua-tree", "sqlite"};
	if (argc < 2) {
		fprintf(
		    stderr,
		    "usage: real_bench WORKLOAD [SCALE] [tsc]; WORKLOAD: lua-strings lua-tables "
		    "lua-tree sqlite all\n");
		return 2;
	}
	double scale = argc > 2 ? atof(argv[2]) : 1.0;
	if (!(scale > 0))
		scale = 1;
	int tsc = argc > 3 && strcmp(argv[3], "tsc") == 0;
	uint64_t (*clock_now)(void) = tsc ? rdtsc : now_ns;
	/* SQLite's allocator hooks, installed before its first use */
	sqlite3_config(SQLITE_CONFIG_GETMALLOC, &libc_mem);
	sqlite3_mem_methods counted = libc_mem;
	counted.xMalloc = sq_malloc;
	counted.xRealloc = sq_realloc;
	counted.xFree = sq_free;
	sqlite3_config(SQLITE_CONFIG_MALLOC, &counted);
	/* REAL_BENCH_TRACE=FILE: the program's allocations recorded as a
	 * malloc-lab trace (malloc_record.h), for tools/bench-malloc.py */
	const char *trace = getenv("REAL_BENCH_TRACE");
	if (trace && record_open(trace)) {
		perror(trace);
		return 1;
	}
	int found = 0;
	for (int w = 0; w < 4; w++) {
		if (strcmp(argv[1], names[w]) != 0 && strcmp(argv[1], "all") != 0)
			continue;
		found = 1;
		ops = 0;
		uint64_t t0 = clock_now(), sum;
		switch (w) {
		case 0: sum = run_lua(lua_strings, (long)(400 * scale) + 1); break;
		case 1: sum = run_lua(lua_tables, (long)(300 * scale) + 1); break;
		case 2: sum = run_lua(lua_tree, (long)(20 * scale) + 1); break;
		default: sum = run_sqlite((long)(2 * scale) + 1, 10000); break;
		}
		uint64_t t = clock_now() - t0;
		printf("workload %s ops %llu %s %llu checksum %llu maxrss_kb %ld\n", names[w],
		       (unsigned long long)ops, tsc ? "ticks" : "time_ns", (unsigned long long)t,
		       (unsigned long long)sum, maxrss_kb());
		fflush(stdout);
	}
	if (trace && record_close()) {
		perror(trace);
		return 1;
	}
	if (!found) {
		fprintf(stderr, "real_bench: unknown workload %s\n", argv[1]);
		return 2;
	}
	return 0;
}
