/*
 * exec.c - putting a program into a fresh address space.
 *
 * Theory of operation. The ELF image (already validated by elf_parse)
 * describes segments; each becomes an area (mm_setup also creates the
 * heap's starting point and the stack area, and charges the writable
 * segments against the RAM budget). The pages that hold bytes of the file
 * are filled now: a zeroed frame per page, the file bytes copied in,
 * mapped with the segment's permissions. The pages past the file bytes
 * (the .bss, and the zero tail of a data segment) are left to demand
 * paging like any anonymous memory: the first touch maps a zeroed frame
 * (exec.bss-demand-zero), so a program with a 100 MiB .bss starts on a
 * small machine and pays only for what it touches, as on Linux (whose
 * loader maps the bss with vm_brk_flags). The stack is then written through
 * copy_to_user, which pages it in on demand like any user access, with
 * the layout the System V x86-64 ABI (3.4.1) prescribes, from the top:
 *
 *     strings: argv[], envp[], "x86_64", 16 random bytes (AT_RANDOM)
 *     (padding to 16 bytes)
 *     auxv: (type, value) pairs ending with AT_NULL
 *     0, envp[n-1] .. envp[0]
 *     0, argv[argc-1] .. argv[0]
 *     argc                                 <- %rsp, 16-byte aligned
 */
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/memlayout.h"
#include "arch/x86_64/uaccess.h"
#include <interlude/auxv.h>
#include "lib/errno.h"
#include "lib/kprintf.h"
#include "arch/x86_64/random.h"
#include "lib/string.h"
#include "mm/pmm.h"
#include "proc/proc.h"
#include "proc/trace_proc.h"

#define MAX_ARGS 32

/*
 * Fills and maps the pages of every segment that hold bytes of the file;
 * the rest is demand-zero. Returns false when out of memory.
 */
static bool load_segments(struct proc *p, const uint8_t *image)
{
	for (unsigned i = 0; i < p->elf.nseg; i++) {
		const struct elf_segment *s = &p->elf.seg[i];
		uint64_t first = s->vaddr & ~PAGE_MASK;
		uint64_t end = (s->vaddr + s->filesz + PAGE_MASK) & ~PAGE_MASK;
		for (uint64_t va = first; va < end; va += PAGE_SIZE) {
			uint64_t frame = pmm_alloc_zeroed_owned(0, FRAME_OWNER_USER);
			if (!frame)
				return false;
			/* The file bytes that land in this page, if any. */
			uint64_t lo = va > s->vaddr ? va : s->vaddr;
			uint64_t hi = va + PAGE_SIZE < s->vaddr + s->filesz ? va + PAGE_SIZE
									    : s->vaddr + s->filesz;
			if (lo < hi)
				memcpy((uint8_t *)phys_to_virt(frame) + (lo - va),
				       image + s->offset + (lo - s->vaddr), hi - lo);
			if (vmm_map(&p->mm.pt, va, frame, 1, mm_vm_flags(s->prot)) < 0) {
				pmm_free(frame, 0);
				return false;
			}
		}
	}
	return true;
}

/*
 * Splits cmdline into words at spaces: the leading VAR=value words are the
 * environment, the rest argv (at most MAX_ARGS of each). The strings go to
 * buf argv first, then the environment, as struct exec_args has them.
 */
bool exec_args_from_cmdline(const char *cmdline, char *buf, size_t size, struct exec_args *out)
{
	const char *words[2 * MAX_ARGS];
	size_t lens[2 * MAX_ARGS];
	bool is_env[2 * MAX_ARGS];
	int nwords = 0, argc = 0, envc = 0;
	for (const char *s = cmdline; *s;) {
		while (*s == ' ')
			s++;
		if (!*s)
			break;
		const char *w = s;
		bool assignment = false;
		while (*s && *s != ' ')
			assignment |= *s++ == '=';
		bool env = assignment && argc == 0;
		if ((env && envc == MAX_ARGS) || (!env && argc == MAX_ARGS))
			continue;
		words[nwords] = w;
		lens[nwords] = (size_t)(s - w);
		is_env[nwords++] = env;
		env ? envc++ : argc++;
	}
	size_t used = 0;
	for (int pass = 0; pass < 2; pass++) /* argv, then the environment */
		for (int i = 0; i < nwords; i++) {
			if (is_env[i] != (pass == 1))
				continue;
			if (lens[i] + 1 > size - used)
				return false;
			memcpy(buf + used, words[i], lens[i]);
			buf[used + lens[i]] = '\0';
			used += lens[i] + 1;
		}
	*out = (struct exec_args){argc, envc, buf, used, NULL, 0};
	return true;
}

/* Pushes n bytes at *sp (moving it down); false if the copy faulted. */
static bool push(uint64_t *sp, const void *data, size_t n)
{
	*sp -= n;
	return copy_to_user(*sp, data, n) == 0;
}

/*
 * Writes the initial stack (the layout at the top of this file) and
 * returns the stack pointer, or 0 if a copy faulted (out of memory). The
 * strings are copied as one block, then the pointer vectors point into it.
 */
static uint64_t build_stack(struct proc *p, const struct exec_args *args)
{
	int argc = args->argc, envc = args->envc;
	uint64_t sp = STACK_TOP;
	bool ok = true;
	uint64_t rnd[2];
	random_fill(rnd, sizeof rnd); /* AT_RANDOM */
	ok &= push(&sp, rnd, sizeof rnd);
	uint64_t at_random = sp;
	ok &= push(&sp, "x86_64", 7);
	uint64_t at_platform = sp;
	ok &= push(&sp, args->strings, args->size);
	uint64_t strings = sp;
	size_t argv_bytes = 0; /* the argument strings, the environment's after them */
	for (int i = 0; i < argc; i++)
		argv_bytes += strnlen(args->strings + argv_bytes, args->size - argv_bytes) + 1;
	p->arg_start = strings, p->arg_end = strings + argv_bytes;
	uint64_t execfn = argc ? strings : 0;

	uint64_t aux[] = {
	    AT_PHDR,
	    p->elf.phdr_vaddr,
	    AT_PHENT,
	    p->elf.phent,
	    AT_PHNUM,
	    p->elf.phnum,
	    AT_PAGESZ,
	    PAGE_SIZE,
	    AT_ENTRY,
	    p->elf.entry,
	    AT_UID,
	    0,
	    AT_EUID,
	    0,
	    AT_GID,
	    0,
	    AT_EGID,
	    0,
	    AT_SECURE,
	    0,
	    AT_HWCAP,
	    0,
	    AT_CLKTCK,
	    100,
	    AT_RANDOM,
	    at_random,
	    AT_PLATFORM,
	    at_platform,
	    AT_EXECFN,
	    execfn,
	    AT_INTERLUDE_TRACE,
	    trace_enabled, /* always there: the stack is the same traced or not */
	    AT_NULL,
	    0,
	};
	/* argc + argv + NULL + envp + NULL + auxv must end 16-byte aligned. */
	size_t words = 1 + (size_t)argc + 1 + (size_t)envc + 1 + sizeof aux / 8;
	sp &= ~15ull;
	if (words % 2)
		sp -= 8;
	ok &= push(&sp, aux, sizeof aux);
	/* argv[0..argc), NULL, envp[0..envc), NULL: slot i + 1 once past argv. */
	sp -= 8 * ((uint64_t)argc + 1 + (uint64_t)envc + 1);
	uint64_t zero = 0, at = strings;
	for (int i = 0; i < argc + envc && ok; i++) {
		uint64_t slot = (uint64_t)i + (i >= argc);
		ok &= copy_to_user(sp + 8 * slot, &at, 8) == 0;
		at += strnlen(args->strings + (at - strings), args->size - (at - strings)) + 1;
	}
	ok &= copy_to_user(sp + 8 * (uint64_t)argc, &zero, 8) == 0;
	ok &= copy_to_user(sp + 8 * ((uint64_t)argc + 1 + (uint64_t)envc), &zero, 8) == 0;
	uint64_t argc64 = (uint64_t)argc;
	ok &= push(&sp, &argc64, 8);
	return ok ? sp : 0;
}

/* The pages of the writable segments, which mm_setup charges. */
static uint64_t writable_pages(const struct elf_image *e)
{
	uint64_t pages = 0;
	for (unsigned i = 0; i < e->nseg; i++)
		if (e->seg[i].prot & ELF_PROT_WRITE)
			pages += (((e->seg[i].vaddr + e->seg[i].memsz + PAGE_MASK) & ~PAGE_MASK) -
				  (e->seg[i].vaddr & ~PAGE_MASK)) /
				 PAGE_SIZE;
	return pages;
}

int proc_exec_setup(struct proc *p, const void *image, const struct exec_args *args, uint64_t *sp,
		    char *why, size_t whylen)
{
	struct mm_segment segs[ELF_MAX_SEGMENTS];
	for (unsigned i = 0; i < p->elf.nseg; i++) {
		segs[i].start = p->elf.seg[i].vaddr;
		segs[i].end = p->elf.seg[i].vaddr + p->elf.seg[i].memsz;
		segs[i].prot = p->elf.seg[i].prot;
	}
	int r = mm_setup(&p->mm, segs, p->elf.nseg, PROC_STACK_INITIAL);
	uint64_t wpages = writable_pages(&p->elf);
	if (r == -EINVAL) {
		ksnprintf(why, whylen,
			  "its segments do not fit in the address space (they overlap "
			  "the stack area)");
		return -ENOEXEC;
	}
	if (r < 0 && wpages > p->mm.ram_pages) {
		ksnprintf(why, whylen,
			  "out of memory: its writable segments need %lu KiB, more than all of RAM "
			  "(%lu KiB)",
			  wpages * (PAGE_SIZE / 1024), p->mm.ram_pages * (PAGE_SIZE / 1024));
		return r;
	}
	if (r < 0) {
		ksnprintf(why, whylen, "out of memory: no kernel memory for its areas");
		return r;
	}
	if (!load_segments(p, image)) {
		ksnprintf(why, whylen, "out of memory: no frame left for the pages of its file");
		return -ENOMEM;
	}
	*sp = build_stack(p, args);
	if (!*sp) {
		ksnprintf(why, whylen, "out of memory: no frame left for its stack");
		return -ENOMEM;
	}
	if (TRACE_ON()) /* the areas it starts with: argv[0] names it */
		trace_exec(p, args->argc ? args->strings : p->name);
	return 0;
}
