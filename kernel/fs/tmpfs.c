/*
 * tmpfs.c - /tmp: a file system in memory whose files are their pages.
 *
 * Theory of operation. The boot tree cannot change (node.h), but programs
 * write files: a shell's `>`, a student's fopen(name, "w"), mkstemp. So
 * /tmp is a tmpfs, as on most Linux systems: its nodes are made by open
 * with O_CREAT, mkdir and symlink and freed by unlink and rmdir, and a
 * regular file's bytes live in whole frames, one per page, found by the
 * page's index in the node's frames[] (0: a hole, which reads zeroes and
 * costs nothing until it is written). There is no other copy: the frames
 * are the file, as Linux's shmem pages are, and the same frames are what
 * a MAP_SHARED mapping of the file maps (tmpfs_page), so that a write()
 * and a store through the mapping see each other at once.
 *
 * The frames are reference-counted like the page cache's: the file holds
 * one reference to each, every page-table entry mapping it one more.
 * Truncation drops the file's reference to the pages past the new end,
 * after sys/sys_tmpfs.c has unmapped them from every process (a touch
 * there then faults, and the fault finds the new end: SIGBUS); the last
 * reference frees the frame.
 *
 * A node lives while it has a name or something holds it: an open file,
 * or an area of some process that maps it (`opens`: the file's release
 * and the area's free call tmpfs_unhold, through the struct mm_file's
 * ref for an area). Removing a name that is still held moves the node to
 * the orphans, where it is freed by the last tmpfs_unhold: a program may
 * unlink the file it has open or mapped and go on using it, the classic
 * way to make a temporary file (and what O_TMPFILE does at once).
 *
 * A node is a name (its name[] and parent are its own, with room for any
 * name, so that a rename never moves it). A hard link is a second node in
 * its directory that is only a name (link_of: the file), which a walk
 * passes over to the file, so that everything else sees one node per
 * file; the file lists its other names and counts them all in nlink.
 * When the file's own name goes while another remains, the file takes
 * that other name's place (tmpfs_unlink_name), so its node never moves
 * and what holds it stays valid. /tmp is mounted noexec, as hardened systems mount it: execve of
 * its files is EACCES, PROT_EXEC of them EPERM, so that nothing holds a
 * node as a running program's image.
 *
 * What the files hold is not lost: after a program exits its files stay
 * in /tmp with their frames and nodes. The leak checks after each program
 * count them as in use (tmpfs_frames, tmpfs_objects), and removing the
 * files gives every frame and object back.
 */
#include "fs/tmpfs.h"
#include "arch/x86_64/memlayout.h"
#include "arch/x86_64/uaccess.h"
#include "lib/errno.h"
#include "lib/panic.h"
#include "lib/string.h"
#include "mm/kmalloc.h"
#include "mm/mm_check.h"
#include "mm/pmm.h"
#include "time/clock.h"

#define NSEC_PER_SEC 1000000000ull

static struct fs_node *root;	/* /tmp */
static struct fs_node *orphans; /* nodes with no name that something holds, linked by next */
static uint64_t frames_held, nodes_held, next_ino = 1, max_pages;
static unsigned long objects_held;

struct fs_node *tmpfs_root(void)
{
	return root;
}

uint64_t tmpfs_frames(void)
{
	return frames_held;
}

unsigned long tmpfs_objects(void)
{
	return objects_held;
}

uint64_t tmpfs_nodes(void)
{
	return nodes_held;
}

uint64_t tmpfs_max_pages(void)
{
	return max_pages;
}

/* Seconds since 1970: a node's time stamp. */
static int64_t now(void)
{
	return (int64_t)(clock_realtime_ns() / NSEC_PER_SEC);
}

/* Calls fn on the file's reference to each frame of top, and of the nodes
 * below it: a walk of the tree by its links, with no recursion (the
 * directories may nest deeper than a kernel stack has frames for). */
static void each_in(const struct fs_node *top, void (*fn)(uint64_t frame, void *arg), void *arg)
{
	const struct fs_node *n = top;
	for (;;) {
		for (uint64_t i = 0; i < n->nframes; i++)
			if (n->frames[i])
				fn(n->frames[i], arg);
		if (FS_ISDIR(n->mode) && n->children) {
			n = n->children;
			continue;
		}
		while (n != top && !n->next)
			n = n->parent;
		if (n == top)
			return;
		n = n->next;
	}
}

/* The invariant checker's view: one reference per page of every file. */
static void each_frame(void (*fn)(uint64_t frame, void *arg), void *arg)
{
	if (root)
		each_in(root, fn, arg);
	for (const struct fs_node *o = orphans; o; o = o->next)
		each_in(o, fn, arg);
}

static struct mm_check_holder holder = {.name = "tmpfs", .each = each_frame};

static uint64_t mm_page(const struct mm_file *f, uint64_t index);
static void mm_ref(const struct mm_file *f, int delta);

int tmpfs_install(struct fs_tree *t)
{
	struct fs_node *tmp = fs_child(t->root, "tmp", 3);
	if (tmp && !FS_ISDIR(tmp->mode))
		return -EINVAL;
	if (!tmp && !(tmp = fs_add_node(t, t->root, "tmp", 3, FS_S_IFDIR | 01777)))
		return -ENOMEM;
	tmp->children = NULL; /* the archive's entries there are under the mount, hidden */
	tmp->nlink = 2;
	tmp->mode = FS_S_IFDIR | 01777;
	tmp->tmpfs = true;
	tmp->ino = 1; /* its own file system's root, as Linux's tmpfs numbers it */
	tmp->mtime = now();
	root = tmp;
	struct pmm_stats st;
	pmm_peek_stats(&st);
	max_pages = st.usable_frames / 2;
	mm_check_add_holder(&holder);
	return 0;
}

/* Appends n to dir's entries (a directory's ".." counts in dir's links). */
static void attach(struct fs_node *dir, struct fs_node *n)
{
	struct fs_node **pp = &dir->children;
	while (*pp)
		pp = &(*pp)->next;
	*pp = n;
	n->next = NULL;
	n->parent = dir;
	fs_give_seq(dir,
		    n); /* after every entry dir ever had: a listing in progress keeps its place */
	if (FS_ISDIR(n->mode))
		dir->nlink++;
	dir->mtime = now();
}

/* Takes n out of its directory's entries. */
static void detach(struct fs_node *n)
{
	struct fs_node *dir = n->parent;
	struct fs_node **pp = &dir->children;
	while (*pp != n)
		pp = &(*pp)->next;
	*pp = n->next;
	n->next = NULL;
	if (FS_ISDIR(n->mode))
		dir->nlink--;
	dir->mtime = now();
}

int tmpfs_create(struct fs_node *dir, const char *name, size_t len, uint32_t mode,
		 const char *target, size_t tlen, struct fs_node **out)
{
	if (dir->nlink == 0)
		return -ENOENT; /* a removed directory takes no new names (Linux's) */
	if (fs_child(dir, name, len))
		return -EEXIST;
	/* Room for any name, so that a rename never moves the node. */
	struct fs_node *n = kzalloc(sizeof *n + FS_NAME_MAX + 1);
	if (!n)
		return -ENOMEM;
	if (FS_ISLNK(mode)) {
		uint8_t *t = kmalloc(tlen);
		if (!t) {
			kfree(n);
			return -ENOMEM;
		}
		memcpy(t, target, tlen);
		n->data = t;
		n->size = tlen;
		objects_held++;
	}
	memcpy(n->name, name, len);
	n->mode = mode;
	n->nlink = FS_ISDIR(mode) ? 2 : 1;
	n->ino = ++next_ino;
	n->tmpfs = true;
	n->mtime = now();
	if (FS_ISREG(mode))
		n->mapping = (struct mm_file){
		    .ino = n->ino, .dev = TMPFS_DEV, .node = n, .page = mm_page, .ref = mm_ref};
	attach(dir, n);
	objects_held++;
	nodes_held++;
	*out = n;
	return 0;
}

/* The page cache's way into a file of /tmp (pagecache.h): its own frame. */
static uint64_t mm_page(const struct mm_file *f, uint64_t index)
{
	return tmpfs_page((struct fs_node *)f->node, index);
}

/* An area that maps a file of /tmp holds it as an open file does. */
static void mm_ref(const struct mm_file *f, int delta)
{
	struct fs_node *n = (struct fs_node *)f->node;
	if (delta > 0)
		tmpfs_hold(n);
	else
		tmpfs_unhold(n);
}

/* Gives back the file's reference to page i of n (the frame goes with the
 * last reference: a page some process still maps stays until unmapped). */
static void drop_page(struct fs_node *n, uint64_t i)
{
	if (!n->frames[i])
		return;
	pmm_unref(n->frames[i]);
	n->frames[i] = 0;
	n->pages--;
	frames_held--;
}

/* Frees n and what it holds (nothing names or holds it any more). */
static void destroy(struct fs_node *n)
{
	for (uint64_t i = 0; i < n->nframes; i++)
		drop_page(n, i);
	if (n->frames) {
		kfree(n->frames);
		objects_held--;
	}
	if (FS_ISLNK(n->mode)) {
		kfree((void *)n->data);
		objects_held--;
	}
	kfree(n);
	objects_held--;
	nodes_held--;
}

void tmpfs_remove(struct fs_node *n)
{
	detach(n);
	n->nlink = 0;
	if (n->opens == 0) {
		destroy(n);
		return;
	}
	/* It keeps its directory, as a Linux dentry does, so that its path
	 * ("... (deleted)" in /proc/PID/fd) and ".." still lead there. */
	tmpfs_hold(n->parent);
	n->next = orphans;
	orphans = n;
}

int tmpfs_link(struct fs_node *dir, const char *name, size_t len, struct fs_node *file)
{
	if (dir->nlink == 0 || file->nlink == 0)
		return -ENOENT; /* a removed directory, a file with no name left */
	if (fs_child(dir, name, len))
		return -EEXIST;
	struct fs_node *a = kzalloc(sizeof *a + FS_NAME_MAX + 1);
	if (!a)
		return -ENOMEM;
	memcpy(a->name, name, len);
	a->mode = file->mode;
	a->ino = file->ino;
	a->tmpfs = true;
	a->link_of = file;
	a->alias_next = file->aliases;
	file->aliases = a;
	file->nlink++;
	attach(dir, a);
	objects_held++;
	return 0;
}

/* Takes alias a out of its file's list of other names. */
static void unlist_alias(struct fs_node *a)
{
	struct fs_node **pp = &a->link_of->aliases;
	while (*pp != a)
		pp = &(*pp)->alias_next;
	*pp = a->alias_next;
}

void tmpfs_unlink_name(struct fs_node *e)
{
	struct fs_node *file = fs_entry_node(e), *a = e;
	if (e == file) {
		if (!file->aliases) {
			tmpfs_remove(file); /* its last name */
			return;
		}
		/* The file takes the place of its newest other name, which goes. */
		a = file->aliases;
		struct fs_node *dir = a->parent;
		detach(file);
		detach(a);
		memcpy(file->name, a->name, FS_NAME_MAX + 1);
		attach(dir, file);
	} else {
		detach(a);
	}
	unlist_alias(a);
	file->nlink--;
	kfree(a);
	objects_held--;
}

void tmpfs_hold(struct fs_node *n)
{
	n->opens++;
}

void tmpfs_unhold(struct fs_node *n)
{
	/* A loop up the removed directories that each freed node held, not a
	 * recursion: such a chain may be longer than the kernel stack. */
	while (n) {
		if (n->opens == 0) /* a free of an area or file that never held n */
			panic("tmpfs: \"%s\" let go of once more than it was held", n->name);
		if (--n->opens > 0 || n->nlink > 0)
			return;
		struct fs_node **pp = &orphans;
		while (*pp != n)
			pp = &(*pp)->next;
		*pp = n->next;
		struct fs_node *dir = n->parent;
		destroy(n);
		n = dir; /* its directory's hold goes too: it may be freed in turn */
	}
}

void tmpfs_move(struct fs_node *n, struct fs_node *dir, const char *name, size_t len,
		struct fs_node *old)
{
	if (old)
		tmpfs_unlink_name(old);
	detach(n);
	memset(n->name, 0, FS_NAME_MAX + 1);
	memcpy(n->name, name, len);
	attach(dir, n);
}

void tmpfs_exchange(struct fs_node *a, struct fs_node *b)
{
	struct fs_node *da = a->parent, *db = b->parent;
	char name[FS_NAME_MAX + 1];
	memcpy(name, a->name, sizeof name);
	detach(a);
	detach(b);
	memcpy(a->name, b->name, sizeof name);
	memcpy(b->name, name, sizeof name);
	attach(db, a);
	attach(da, b);
}

/* Makes frames[] of n at least want entries long: false if no memory. */
static bool grow_frames(struct fs_node *n, uint64_t want)
{
	if (want <= n->nframes)
		return true;
	uint64_t cap = n->nframes ? n->nframes * 2 : 8;
	if (cap > max_pages) /* no file has more pages than /tmp holds */
		cap = max_pages;
	if (cap < want)
		cap = want;
	uint64_t *f = kzalloc(cap * sizeof *f);
	if (!f)
		return false;
	if (n->frames) {
		memcpy(f, n->frames, n->nframes * sizeof *f);
		kfree(n->frames);
	} else {
		objects_held++;
	}
	n->frames = f;
	n->nframes = cap;
	return true;
}

/* The frame of page i of n, made (zeroed) if it is a hole; 0 when the
 * file system is full or no frame or heap memory is left. */
static uint64_t page_for_write(struct fs_node *n, uint64_t i)
{
	if (i < n->nframes && n->frames[i])
		return n->frames[i];
	/* frames[] is kernel heap: a page's place in it is below what /tmp
	 * holds, so that a sparse file cannot make it bigger than that */
	if (i >= max_pages || frames_held >= max_pages || !grow_frames(n, i + 1))
		return 0;
	uint64_t frame = pmm_alloc_zeroed_owned(0, FRAME_OWNER_PAGE_CACHE);
	if (!frame)
		return 0;
	n->frames[i] = frame;
	n->pages++;
	frames_held++;
	return frame;
}

uint64_t tmpfs_page(struct fs_node *n, uint64_t index)
{
	uint64_t frame = page_for_write(n, index);
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
		for (uint64_t i = keep; i < n->nframes; i++)
			drop_page(n, i);
		uint64_t tail = len % PAGE_SIZE;
		if (tail && keep - 1 < n->nframes && n->frames[keep - 1])
			memset((uint8_t *)phys_to_virt(n->frames[keep - 1]) + tail, 0,
			       PAGE_SIZE - tail);
		if (keep == 0 && n->frames) { /* empty: its page table goes too */
			kfree(n->frames);
			n->frames = NULL;
			n->nframes = 0;
			objects_held--;
		}
	}
	n->size = len;
	n->mapping.size = len;
	n->mtime = now();
	return 0;
}

/* The bytes of page i of n (NULL for a hole). */
static const uint8_t *page_bytes(const struct fs_node *n, uint64_t i)
{
	return i < n->nframes && n->frames[i] ? phys_to_virt(n->frames[i]) : NULL;
}

static const uint8_t zero_page[PAGE_SIZE];

int64_t tmpfs_read(struct fs_node *n, uint64_t ubuf, uint64_t len, uint64_t *off)
{
	uint64_t o = *off, done = 0;
	if (o >= n->size)
		return 0;
	if (len > n->size - o)
		len = n->size - o;
	if (len == 0)
		return 0; /* a read of nothing inside the file (Linux's too) */
	while (done < len) {
		uint64_t at = o + done, in = at % PAGE_SIZE;
		uint64_t k = PAGE_SIZE - in < len - done ? PAGE_SIZE - in : len - done;
		const uint8_t *src = page_bytes(n, at / PAGE_SIZE);
		size_t c = copy_to_user_partial(ubuf + done, src ? src + in : zero_page, k);
		done += c;
		if (c < k)
			break;
	}
	if (done == 0)
		return -EFAULT;
	*off = o + done;
	return (int64_t)done;
}

size_t tmpfs_read_kernel(struct fs_node *n, void *buf, size_t len, uint64_t off)
{
	if (off >= n->size)
		return 0;
	if (len > n->size - off)
		len = n->size - off;
	for (size_t done = 0; done < len;) {
		uint64_t at = off + done, in = at % PAGE_SIZE;
		size_t k = PAGE_SIZE - in < len - done ? PAGE_SIZE - in : len - done;
		const uint8_t *src = page_bytes(n, at / PAGE_SIZE);
		memcpy((uint8_t *)buf + done, src ? src + in : zero_page, k);
		done += k;
	}
	return len;
}

int64_t tmpfs_write(struct fs_node *n, uint64_t ubuf, const void *kbuf, uint64_t len, uint64_t *off)
{
	/* The bytes a file may hold lie below what /tmp holds (its pages'
	 * places in frames[] do); past that, a write is EFBIG, or ENOSPC if
	 * /tmp is full anyway. */
	uint64_t o = *off, done = 0, limit = max_pages * PAGE_SIZE;
	if (len == 0)
		return 0;
	if (o >= limit)
		return frames_held >= max_pages ? -ENOSPC : -EFBIG;
	if (len > limit - o)
		len = limit - o;
	bool fault = false;
	while (done < len) {
		uint64_t at = o + done, in = at % PAGE_SIZE;
		uint64_t k = PAGE_SIZE - in < len - done ? PAGE_SIZE - in : len - done;
		uint64_t frame = page_for_write(n, at / PAGE_SIZE);
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
		for (uint64_t i = (n->size + PAGE_SIZE - 1) / PAGE_SIZE; i < n->nframes; i++)
			drop_page(n, i);
	if (done == 0)
		return fault ? -EFAULT : -ENOSPC;
	*off = o + done;
	n->mtime = now();
	return (int64_t)done;
}

/* read(2) of an open tmpfs file. */
static int64_t file_read(struct file *f, uint64_t ubuf, uint64_t n, uint64_t *off)
{
	return tmpfs_read(f->loc.node, ubuf, n, off);
}

/* write(2): at the file's offset, or at its end with O_APPEND. */
static int64_t file_write(struct file *f, uint64_t ubuf, uint64_t n)
{
	if (f->flags & FS_O_APPEND)
		f->offset = f->loc.node->size;
	return tmpfs_write(f->loc.node, ubuf, NULL, n, &f->offset);
}

/* pwrite64(2): at off, f's offset untouched; with O_APPEND at the end
 * all the same (Linux's documented behaviour). */
static int64_t file_write_at(struct file *f, uint64_t ubuf, uint64_t n, uint64_t off)
{
	if (f->flags & FS_O_APPEND)
		off = f->loc.node->size;
	return tmpfs_write(f->loc.node, ubuf, NULL, n, &off);
}

/* sendfile's output: kernel bytes at the file's offset (or end). */
static int64_t file_write_kernel(struct file *f, const void *buf, uint64_t n)
{
	if (f->flags & FS_O_APPEND)
		f->offset = f->loc.node->size;
	return tmpfs_write(f->loc.node, 0, buf, n, &f->offset);
}

/* The last reference to an open tmpfs file or directory: its hold goes. */
static void file_release(struct file *f)
{
	tmpfs_unhold(f->loc.node);
}

/* A directory is read with getdents64, never read(2): Linux's EISDIR. */
static int64_t dir_read(struct file *f, uint64_t ubuf, uint64_t n, uint64_t *off)
{
	(void)f, (void)ubuf, (void)n, (void)off;
	return -EISDIR;
}

const struct file_ops tmpfs_file_ops = {.read = file_read,
					.write = file_write,
					.write_at = file_write_at,
					.write_kernel = file_write_kernel,
					.release = file_release,
					.seekable = true};
const struct file_ops tmpfs_dir_ops = {
    .read = dir_read, .write = file_no_write, .release = file_release, .seekable = true};
