/*
 * filemap_rules.c - Linux's rules for mmap of a file (filemap.h):
 * which mapping types and flags a file takes, and what the descriptor's
 * mode allows. Pure bookkeeping, tested on the host with mmap.c.
 */
#include "mm/filemap.h"
#include "lib/errno.h"

/* The flags a MAP_SHARED_VALIDATE mapping may carry: Linux's LEGACY_MAP_MASK. */
#define LEGACY_MAP_MASK                                                                            \
	(MAP_SHARED | MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS | MAP_DENYWRITE | MAP_EXECUTABLE |   \
	 MAP_UNINITIALIZED | MAP_GROWSDOWN | MAP_LOCKED | MAP_NORESERVE | MAP_POPULATE |           \
	 MAP_NONBLOCK | MAP_STACK | MAP_HUGETLB)

int filemap_type(const struct mm_mmap_source *src, unsigned long *flags, unsigned long prot,
		 unsigned *vflags)
{
	switch (*flags & MAP_TYPE) {
	case MAP_SHARED:
		*flags &= LEGACY_MAP_MASK; /* plain MAP_SHARED ignores unknown flags */
					   /* fall through */
	case MAP_SHARED_VALIDATE:
		if (*flags & ~(unsigned long)LEGACY_MAP_MASK) /* MAP_SYNC: no DAX here */
			return -EOPNOTSUPP;
		if ((prot & PROT_WRITE) && !src->writable) /* writing would reach the file */
			return -EACCES;
		*vflags |= VMA_SHARED | (src->writable ? 0 : VMA_NOMAYWRITE);
		/* fall through */
	case MAP_PRIVATE:
		if (!src->readable) /* even a private mapping reads the file */
			return -EACCES;
		if (src->noexec && (prot & PROT_EXEC))
			return -EPERM; /* Linux's path_noexec */
		if (src->noexec)
			*vflags |= VMA_NOMAYEXEC;
		if (!src->file) /* its kind has no mmap (Linux's f_op->mmap is NULL) */
			return -ENODEV;
		if (*flags & MAP_GROWSDOWN)
			return -EINVAL;
		return 0;
	}
	return -EINVAL; /* MAP_DROPPABLE, 0 and the rest */
}
