/* qemu_exit.c - see qemu_exit.h. */
#include "lib/qemu_exit.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/serial.h"

/* Ends QEMU with the given code, once the serial ports have sent all they
 * hold (the end of a program's output); halts if there is no debug-exit
 * device. */
void qemu_exit(enum qemu_exit_code code)
{
	serial_drain();
	outl(0xf4, code);
	cpu_halt_forever();
}
