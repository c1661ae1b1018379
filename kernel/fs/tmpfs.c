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
 * and a store through the mapping see each other at once. This file is
 * the tree (names, links, holds, the counters); tmpfs_pages.c is a file's
 * pages (frames[], reading, writing, truncation, the open file's ops).
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
 * way to make a temporary file (and what O_TMPFILE does at once; linkat
 * may take such a file out of the orphans again, once: tmpfs_link).
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
#include "fs/tmpfs_internal.h"
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
static uint64_t nodes_held, next_ino = 1;
uint64_t tmpfs_frames_held, tmpfs_page_limit; /* tmpfs_internal.h */
unsigned long tmpfs_objects_held;

struct fs_node *tmpfs_root(void)
{
	return root;
}

uint64_t tmpfs_frames(void)
{
	return tmpfs_frames_held;
}

unsigned long tmpfs_objects(void)
{
	return tmpfs_objects_held;
}

uint64_t tmpfs_nodes(void)
{
	return nodes_held;
}

uint64_t tmpfs_max_pages(void)
{
	return tmpfs_page_limit;
}

int64_t tmpfs_now(void)
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
	tmp->mtime = tmpfs_now();
	root = tmp;
	struct pmm_stats st;
	pmm_peek_stats(&st);
	tmpfs_page_limit = st.usable_frames / 2;
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
	dir->mtime = tmpfs_now();
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
	dir->mtime = tmpfs_now();
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
		tmpfs_objects_held++;
	}
	memcpy(n->name, name, len);
	n->mode = mode;
	n->nlink = FS_ISDIR(mode) ? 2 : 1;
	n->ino = ++next_ino;
	n->tmpfs = true;
	n->mtime = tmpfs_now();
	if (FS_ISREG(mode))
		n->mapping = (struct mm_file){.ino = n->ino,
					      .dev = TMPFS_DEV,
					      .node = n,
					      .page = tmpfs_mm_page,
					      .ref = mm_ref};
	attach(dir, n);
	tmpfs_objects_held++;
	nodes_held++;
	*out = n;
	return 0;
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

/* Frees n and what it holds (nothing names or holds it any more). */
static void destroy(struct fs_node *n)
{
	tmpfs_drop_pages(n, 0);
	if (FS_ISLNK(n->mode)) {
		kfree((void *)n->data);
		tmpfs_objects_held--;
	}
	kfree(n);
	tmpfs_objects_held--;
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

/* Takes n off the list of orphans. */
static void unlist_orphan(struct fs_node *n)
{
	struct fs_node **pp = &orphans;
	while (*pp != n)
		pp = &(*pp)->next;
	*pp = n->next;
}

/* An O_TMPFILE file's first name, name in dir: it leaves the orphans and
 * lets go of the directory it was made in, as a named node holds none. */
static void name_unnamed(struct fs_node *dir, const char *name, size_t len, struct fs_node *file)
{
	struct fs_node *made_in = file->parent;
	unlist_orphan(file);
	memcpy(file->name, name, len);
	file->name[len] = '\0';
	file->nlink = 1;
	file->linkable = false; /* as Linux: once named, it is a file like any other */
	attach(dir, file);
	tmpfs_unhold(made_in);
}

int tmpfs_link(struct fs_node *dir, const char *name, size_t len, struct fs_node *file)
{
	if (dir->nlink == 0 || (file->nlink == 0 && !file->linkable))
		return -ENOENT; /* a removed directory, a file with no name left */
	if (fs_child(dir, name, len))
		return -EEXIST;
	if (file->nlink == 0) {
		name_unnamed(dir, name, len, file);
		return 0;
	}
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
	tmpfs_objects_held++;
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
	tmpfs_objects_held--;
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
		unlist_orphan(n);
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
