/*
 * tmpfs_pages.c - a file of /tmp as its pages (tmpfs.c has the tree:
 * names, holds, the theory of operation): frames[] made as writes and
 * mapping faults need pages, cut by truncation, read and written through
 * the direct map, and the open file's operations.
 *
 * A page's place in frames[] (kernel heap) lies below what /tmp holds
 * (tmpfs_page_limit), so that a sparse file cannot make the array bigger
 * than the file system could fill; a file's size may be larger (a hole,
 * by truncation) up to Linux's largest.
 */
#include "arch/x86_64/memlayout.h"
#include "arch/x86_64/uaccess.h"
#include "fs/tmpfs.h"
#include "fs/tmpfs_internal.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "mm/kmalloc.h"
#include "mm/pmm.h"

/* The page cache's way into a file of /tmp (pagecache.h): its own frame. */
uint64_t tmpfs_mm_page(const struct mm_file *f, uint64_t index, bool *full)
{
	return tmpfs_page((struct fs_node *)f->node, index, full);
}

void tmpfs_drop_pages(struct fs_node *n, uint64_t from)
{
	for (uint64_t i = from; i < n->nframes; i++) {
		if (!n->frames[i])
			continue;
		pmm_unref(
		    n->frames
			[i]); /* the last reference frees it: a mapped page stays till unmapped */
		n->frames[i] = 0;
		n->pages--;
		tmpfs_frames_held--;
	}
	if (from == 0 && n->frames) {
		kfree(n->frames);
		n->frames = NULL;
		n->nframes = 0;
		tmpfs_objects_held--;
	}
}

/* Makes frames[] of n at least want entries long: false if no memory. */
static bool grow_frames(struct fs_node *n, uint64_t want)
{
	if (want <= n->nframes)
		return true;
	uint64_t cap = n->nframes ? n->nframes * 2 : 8;
	if (cap > tmpfs_page_limit) /* no file has more pages than /tmp holds */
		cap = tmpfs_page_limit;
	if (cap < want)
		cap = want;
	uint64_t *f = kzalloc(cap * sizeof *f);
	if (!f)
		return false;
	if (n->frames) {
		memcpy(f, n->frames, n->nframes * sizeof *f);
		kfree(n->frames);
	} else {
		tmpfs_objects_held++;
	}
	n->frames = f;
	n->nframes = cap;
	return true;
}

/* The frame of page i of n, made (zeroed) if it is a hole; 0 when the
 * file system is full or no frame or heap memory is left. */
static uint64_t page_for_write(struct fs_node *n, uint64_t i, bool *full)
{
	if (i < n->nframes && n->frames[i])
		return n->frames[i];
	/* frames[] is kernel heap: a page's place in it is below what /tmp
	 * holds, so that a sparse file cannot make it bigger than that */
	if (i >= tmpfs_page_limit || tmpfs_frames_held >= tmpfs_page_limit) {
		if (full)
			*full = true;
		return 0;
	}
	if (!grow_frames(n, i + 1))
		return 0;
	uint64_t frame = pmm_alloc_zeroed_owned(0, FRAME_OWNER_PAGE_CACHE);
	if (!frame)
		return 0;
	n->frames[i] = frame;
	n->pages++;
	tmpfs_frames_held++;
	return frame;
}

uint64_t tmpfs_page(struct fs_node *n, uint64_t index, bool *full)
{
	uint64_t frame = page_for_write(n, index, full);
	if (frame)
		pmm_ref(frame); /* the caller's */
	return frame;
}

/* The largest size a file may have: Linux's MAX_LFS_FILESIZE. A sparse
 * file may be that long; what its pages need is what /tmp must hold. */
#define MAX_FILE_SIZE ((uint64_t)INT64_MAX)

int tmpfs_truncate(struct fs_node *n, uint64_t len)
{
	if (len > MAX_FILE_SIZE)
		return -EFBIG;
	if (len < n->size) {
		uint64_t keep = (len + PAGE_SIZE - 1) / PAGE_SIZE;
		tmpfs_drop_pages(n, keep); /* and frames[] with the last page */
		uint64_t tail = len % PAGE_SIZE;
		if (tail && keep - 1 < n->nframes && n->frames[keep - 1])
			memset((uint8_t *)phys_to_virt(n->frames[keep - 1]) + tail, 0,
			       PAGE_SIZE - tail);
	}
	n->size = len;
	n->mapping.size = len;
	n->mtime = tmpfs_now();
	return 0;
}

/* The bytes of page i of n (NULL for a hole). */
static const uint8_t *page_bytes(const struct fs_node *n, uint64_t i)
{
	return i < n->nframes && n->frames[i] ? phys_to_virt(n->frames[i]) : NULL;
}

static const uint8_t zero_page[PAGE_SIZE];

/* Copies n's bytes [off, off + len), all inside the file, to user memory
 * at ubuf (or to kernel memory kbuf, if it is not NULL); the count, short
 * only where the user buffer faults. tmpfs_write's twin. */
static uint64_t read_into(struct fs_node *n, uint64_t ubuf, void *kbuf, uint64_t len, uint64_t off)
{
	uint64_t done = 0;
	while (done < len) {
		uint64_t at = off + done, in = at % PAGE_SIZE;
		uint64_t k = PAGE_SIZE - in < len - done ? PAGE_SIZE - in : len - done;
		const uint8_t *src = page_bytes(n, at / PAGE_SIZE);
		src = src ? src + in : zero_page;
		size_t c = k;
		if (kbuf)
			memcpy((uint8_t *)kbuf + done, src, k);
		else
			c = copy_to_user_partial(ubuf + done, src, k);
		done += c;
		if (c < k)
			break;
	}
	return done;
}

int64_t tmpfs_read(struct fs_node *n, uint64_t ubuf, uint64_t len, uint64_t *off)
{
	if (*off >= n->size)
		return 0;
	if (len > n->size - *off)
		len = n->size - *off;
	if (len == 0)
		return 0; /* a read of nothing inside the file (Linux's too) */
	uint64_t done = read_into(n, ubuf, NULL, len, *off);
	if (done == 0)
		return -EFAULT;
	*off += done;
	return (int64_t)done;
}

size_t tmpfs_read_kernel(struct fs_node *n, void *buf, size_t len, uint64_t off)
{
	if (off >= n->size)
		return 0;
	if (len > n->size - off)
		len = n->size - off;
	return read_into(n, 0, buf, len, off);
}

int64_t tmpfs_write(struct fs_node *n, uint64_t ubuf, const void *kbuf, uint64_t len, uint64_t *off)
{
	/* The bytes a file may hold lie below what /tmp holds (its pages'
	 * places in frames[] do); past that, a write is EFBIG, or ENOSPC if
	 * /tmp is full anyway. */
	uint64_t o = *off, done = 0, limit = tmpfs_page_limit * PAGE_SIZE;
	if (len == 0)
		return 0;
	if (o >= limit)
		return tmpfs_frames_held >= tmpfs_page_limit ? -ENOSPC : -EFBIG;
	if (len > limit - o)
		len = limit - o;
	bool fault = false;
	while (done < len) {
		uint64_t at = o + done, in = at % PAGE_SIZE;
		uint64_t k = PAGE_SIZE - in < len - done ? PAGE_SIZE - in : len - done;
		uint64_t frame = page_for_write(n, at / PAGE_SIZE, NULL);
		if (!frame)
			break;
		uint8_t *dst = (uint8_t *)phys_to_virt(frame) + in;
		size_t c = k;
		if (kbuf)
			memcpy(dst, (const uint8_t *)kbuf + done, k);
		else
			c = copy_from_user_partial(dst, ubuf + done, k);
		done += c;
		if (c < k) {
			fault = true;
			break;
		}
	}
	if (*off + done > n->size)
		n->size = n->mapping.size = *off + done;
	if (done < len) /* a page made for bytes that never came: not the file's */
		tmpfs_drop_pages(n, (n->size + PAGE_SIZE - 1) / PAGE_SIZE);
	if (done == 0)
		return fault ? -EFAULT : -ENOSPC;
	*off = o + done;
	n->mtime = tmpfs_now();
	return (int64_t)done;
}

/* read(2) of an open tmpfs file. */
static int64_t file_read(struct file *f, uint64_t ubuf, uint64_t n, uint64_t *off)
{
	return tmpfs_read(f->loc.node, ubuf, n, off);
}

/* Where a write of f meant for *off goes: the end of the file with
 * O_APPEND, for pwrite64 too (Linux's documented behaviour). */
static uint64_t *write_offset(struct file *f, uint64_t *off)
{
	if (f->flags & FS_O_APPEND)
		*off = f->loc.node->size;
	return off;
}

/* write(2): at the file's offset. */
static int64_t file_write(struct file *f, uint64_t ubuf, uint64_t n)
{
	return tmpfs_write(f->loc.node, ubuf, NULL, n, write_offset(f, &f->offset));
}

/* pwrite64(2): at off, f's offset untouched. */
static int64_t file_write_at(struct file *f, uint64_t ubuf, uint64_t n, uint64_t off)
{
	return tmpfs_write(f->loc.node, ubuf, NULL, n, write_offset(f, &off));
}

/* sendfile's output: kernel bytes at the file's offset. */
static int64_t file_write_kernel(struct file *f, const void *buf, uint64_t n)
{
	return tmpfs_write(f->loc.node, 0, buf, n, write_offset(f, &f->offset));
}

/* The last reference to an open tmpfs file or directory: its hold goes. */
static void file_release(struct file *f)
{
	tmpfs_unhold(f->loc.node);
}

const struct file_ops tmpfs_file_ops = {.read = file_read,
					.write = file_write,
					.write_at = file_write_at,
					.write_kernel = file_write_kernel,
					.release = file_release,
					.seekable = true};
const struct file_ops tmpfs_dir_ops = {
    .read = file_dir_read, .write = file_no_write, .release = file_release, .seekable = true};
