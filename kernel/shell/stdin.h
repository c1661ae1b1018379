/*
 * stdin.h - the console's terminal as the standard input of the programs
 * it runs: lines edited and echoed by the console, ^D an end of file.
 */
#ifndef SHELL_STDIN_H
#define SHELL_STDIN_H

/* From now on, reads of standard input take lines typed on COM1. */
void shell_stdin_attach(void);

/* Gives standard input back to the runner's port (COM4), or to nothing. */
void shell_stdin_detach(void);

#endif
