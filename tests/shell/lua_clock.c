/*
 * lua_clock.c - Lua's clock, as a Lua program sees it: Debian's Lua 5.4
 * (liblua5.4.a, linked statically against glibc) runs a two-line script
 * that prints os.time() and os.date("!%Y-%m-%d"). tests/shell/clock_test.py
 * runs it in Interlude and compares the numbers with this machine's clock:
 * an interpreter's idea of now comes from time(2)/clock_gettime(2) through
 * glibc, the same calls busybox's date makes.
 */
#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>
#include <stdio.h>

int main(void)
{
	lua_State *L = luaL_newstate();
	if (!L) {
		fprintf(stderr, "lua_clock: no memory for a Lua state\n");
		return 1;
	}
	luaL_openlibs(L);
	int bad = luaL_dostring(L, "print(os.time())\nprint(os.date('!%Y-%m-%d'))");
	if (bad)
		fprintf(stderr, "lua_clock: %s\n", lua_tostring(L, -1));
	lua_close(L);
	return bad ? 1 : 0;
}
