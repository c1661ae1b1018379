/*
 * cmd_trace.c - the console's `trace on|off`: the memory trace (docs/TRACE.md)
 * from now on, or no more. The lines go to port 0xe9 (QEMU's -debugcon),
 * not to the console; `trace` alone says whether it is on.
 */
#include "lib/kprintf.h"
#include "lib/string.h"
#include "proc/trace_proc.h"
#include "shell/commands.h"

void shell_cmd_trace(int argc, char **argv)
{
	if (argc == 2 && (strcmp(argv[1], "on") == 0 || strcmp(argv[1], "off") == 0)) {
		trace_turn(strcmp(argv[1], "on") == 0);
	} else if (argc != 1) {
		kprintf("trace: usage: trace [on|off]\n");
		return;
	}
	kprintf("trace: %s (port 0xe9: run QEMU with -debugcon file:PATH)\n",
		trace_enabled ? "on" : "off");
}
