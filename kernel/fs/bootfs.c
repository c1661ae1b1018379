/*
 * bootfs.c - the boot file system's tree, built from a cpio archive.
 *
 * Theory of operation. GRUB loads the archive (tools/mkcpio.py made it
 * from rootfs/, the built programs and busybox) as a boot module; the
 * kernel parses it once at boot (cpio.c checks every header) and makes a
 * node per entry. Names are paths ("bin/sh", "./etc/passwd"); each
 * component is found or made in turn, so a directory the archive does not
 * list (most archives list their directories, but need not) exists as
 * soon as something lies below it. Nodes are never freed while the kernel
 * runs: the tree is read-only, and a file's bytes stay in the archive,
 * which the frame allocator keeps reserved (pmm.c reserves the modules).
 */
#include "fs/cpio.h"
#include "fs/node.h"
#include "lib/errno.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "mm/kmalloc.h"

struct fs_tree fs_boot_tree;

struct build {
	struct fs_tree *t;
	char *err;
	size_t errlen;
};

/* Returns a new node (zeroed links) or NULL; numbers it in t. */
static struct fs_node *new_node(struct fs_tree *t, const char *name, size_t len, uint32_t mode)
{
	struct fs_node *n = kzalloc(sizeof *n + len + 1);
	if (!n)
		return NULL;
	memcpy(n->name, name, len);
	n->name[len] = '\0';
	n->mode = mode;
	n->nlink = FS_ISDIR(mode) ? 2 : 1;
	n->ino = ++t->nodes;
	return n;
}

struct fs_node *fs_child(const struct fs_node *dir, const char *name, size_t len)
{
	for (struct fs_node *c = dir->children; c; c = c->next)
		if (strlen(c->name) == len && memcmp(c->name, name, len) == 0)
			return c;
	return NULL;
}

const struct fs_node *fs_find_file(const struct fs_node *dir, const void *data, size_t size)
{
	for (const struct fs_node *c = dir->children; c; c = c->next) {
		if (c->proc != FS_PROC_NONE || c->device || c->tmpfs)
			continue;
		if (FS_ISDIR(c->mode)) {
			const struct fs_node *f = fs_find_file(c, data, size);
			if (f)
				return f;
		} else if (FS_ISREG(c->mode) && (c->mode & 0111) && c->size == size &&
			   (c->data == data || memcmp(c->data, data, size) == 0)) {
			return c;
		}
	}
	return NULL;
}

struct fs_node *fs_add_node(struct fs_tree *t, struct fs_node *dir, const char *name, size_t len,
			    uint32_t mode)
{
	struct fs_node *n = new_node(t, name, len, mode);
	if (!n)
		return NULL;
	n->parent = dir;
	/* Appended, so that a listing keeps the archive's order. */
	struct fs_node **p = &dir->children;
	while (*p)
		p = &(*p)->next;
	*p = n;
	fs_give_seq(dir, n);
	if (FS_ISDIR(mode))
		dir->nlink++;
	return n;
}

/* Says why entry `name` is refused; returns -EINVAL. */
static int refuse(struct build *b, const char *name, const char *why)
{
	ksnprintf(b->err, b->errlen, "cpio: entry \"%s\": %s", name, why);
	return -EINVAL;
}

/* Makes one archive entry a node (its parent directories too if needed). */
static int add_entry(const struct cpio_entry *e, void *ctx)
{
	struct build *b = ctx;
	uint32_t type = e->mode & FS_S_IFMT;
	if (type != FS_S_IFDIR && type != FS_S_IFREG && type != FS_S_IFLNK)
		return refuse(b, e->name, "not a file, a directory or a symbolic link");
	if (type == FS_S_IFLNK && (e->size == 0 || e->size >= FS_PATH_MAX))
		return refuse(b, e->name, "a symbolic link with an empty or too long target");
	struct fs_node *dir = b->t->root;
	const char *s = e->name;
	for (;;) {
		while (*s == '/')
			s++;
		const char *w = s;
		while (*s && *s != '/')
			s++;
		size_t len = (size_t)(s - w);
		while (*s == '/')
			s++;
		bool last = *s == '\0';
		if (len == 0 || (len == 1 && w[0] == '.')) {
			if (last) { /* "." itself: the root's own mode */
				if (type != FS_S_IFDIR)
					return refuse(b, e->name, "the root is not a directory");
				dir->mode = e->mode, dir->mtime = e->mtime;
				return 0;
			}
			continue;
		}
		if (len == 2 && w[0] == '.' && w[1] == '.')
			return refuse(b, e->name, "a name with \"..\"");
		if (len > FS_NAME_MAX)
			return refuse(b, e->name, "a component longer than 255 bytes");
		if (!FS_ISDIR(dir->mode))
			return refuse(b, e->name, "lies under something that is not a directory");
		struct fs_node *n = fs_child(dir, w, len);
		if (last) {
			if (n && (!FS_ISDIR(n->mode) || type != FS_S_IFDIR))
				return refuse(b, e->name, "listed twice");
			if (!n && !(n = fs_add_node(b->t, dir, w, len, e->mode)))
				return -ENOMEM;
			n->mode = e->mode;
			n->mtime = e->mtime;
			if (type != FS_S_IFDIR) {
				n->data = e->data;
				n->size = e->size;
				b->t->files++;
				b->t->bytes += e->size;
			}
			return 0;
		}
		if (!n && !(n = fs_add_node(b->t, dir, w, len, FS_S_IFDIR | 0755)))
			return -ENOMEM;
		dir = n;
	}
}

int fs_tree_build(struct fs_tree *t, const void *buf, size_t len, char *err, size_t errlen)
{
	memset(t, 0, sizeof *t);
	struct fs_node *root = new_node(t, "", 0, FS_S_IFDIR | 0755);
	if (!root)
		return -ENOMEM;
	root->parent = root;
	t->root = root;
	struct build b = {t, err, errlen};
	err[0] = '\0';
	char perr[160];
	int r = cpio_parse(buf, len, add_entry, &b, perr, sizeof perr);
	if (r < 0) {
		if (!err[0]) /* the entry's own reason is better than the parser's */
			ksnprintf(err, errlen, "%s", r == -ENOMEM ? "cpio: out of memory" : perr);
		fs_tree_free(t);
	}
	return r;
}

/* Frees n and everything below it. */
static void free_subtree(struct fs_node *n)
{
	struct fs_node *c = n->children;
	while (c) {
		struct fs_node *next = c->next;
		free_subtree(c);
		c = next;
	}
	kfree(n);
}

void fs_tree_free(struct fs_tree *t)
{
	if (t->root)
		free_subtree(t->root);
	memset(t, 0, sizeof *t);
}
