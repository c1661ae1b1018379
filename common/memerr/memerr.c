/*
 * memerr.c - the catalogue of memory errors and the report layout shared
 * by the kernel heap, the kernel's fault handler and the user malloc's
 * checker (memerr.h). Freestanding: it builds lines itself.
 */
#include "memerr/memerr.h"

static const char *const names[MEMERR_COUNT] = {
    [MEMERR_NULL_POINTER] = "null-pointer",
    [MEMERR_WILD_POINTER] = "wild-pointer",
    [MEMERR_HEAP_OVERFLOW] = "heap-overflow",
    [MEMERR_UNINIT_READ] = "uninitialized-read",
    [MEMERR_LEAK] = "leak",
    [MEMERR_USE_AFTER_FREE] = "use-after-free",
    [MEMERR_DOUBLE_FREE] = "double-free",
    [MEMERR_INVALID_FREE] = "invalid-free",
    [MEMERR_HEAP_CORRUPTION] = "heap-corruption",
    [MEMERR_STACK_OVERFLOW] = "stack-overflow",
};

/* The section titles of the chapter's "Common Errors", and a gloss. */
static const char *const words[MEMERR_COUNT] = {
    [MEMERR_NULL_POINTER] = "forgetting to allocate memory (a NULL pointer was used)",
    [MEMERR_WILD_POINTER] = "forgetting to allocate memory (a pointer to no memory was used)",
    [MEMERR_HEAP_OVERFLOW] = "not allocating enough memory (an access past the end of a block)",
    [MEMERR_UNINIT_READ] = "forgetting to initialize allocated memory (a read of bytes never "
			   "written)",
    [MEMERR_LEAK] = "forgetting to free memory (blocks still allocated at exit)",
    [MEMERR_USE_AFTER_FREE] = "freeing memory before you are done with it (a freed block was "
			      "used)",
    [MEMERR_DOUBLE_FREE] = "freeing memory repeatedly (the block was already freed)",
    [MEMERR_INVALID_FREE] = "calling free() incorrectly (not a pointer that malloc returned)",
    [MEMERR_HEAP_CORRUPTION] = "heap metadata corrupted (the allocator's records were "
			       "overwritten)",
    [MEMERR_STACK_OVERFLOW] = "stack overflow (the stack grew into its guard page)",
};

const char *memerr_id_name(enum memerr_id id)
{
	return id < MEMERR_COUNT ? names[id] : "unknown";
}

const char *memerr_textbook(enum memerr_id id)
{
	return id < MEMERR_COUNT ? words[id] : "unknown error";
}

/* --- building lines -------------------------------------------------------------- */

void memerr_put(struct memerr_line *l, const char *s)
{
	while (*s && l->len + 1 < sizeof l->text)
		l->text[l->len++] = *s++;
	l->text[l->len] = '\0';
}

void memerr_put_hex(struct memerr_line *l, uint64_t v)
{
	char t[19];
	int i = sizeof t - 1;
	t[i] = '\0';
	do {
		t[--i] = "0123456789abcdef"[v & 15];
		v >>= 4;
	} while (v);
	t[--i] = 'x';
	t[--i] = '0';
	memerr_put(l, &t[i]);
}

void memerr_put_dec(struct memerr_line *l, uint64_t v)
{
	char t[21];
	int i = sizeof t - 1;
	t[i] = '\0';
	do {
		t[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	memerr_put(l, &t[i]);
}

void memerr_put_signed(struct memerr_line *l, int64_t v)
{
	if (v < 0) {
		memerr_put(l, "-");
		memerr_put_dec(l, (uint64_t)0 - (uint64_t)v);
	} else {
		memerr_put_dec(l, (uint64_t)v);
	}
}

static void put_byte(struct memerr_line *l, int b)
{
	char t[5] = {'0', 'x', "0123456789abcdef"[(b >> 4) & 15], "0123456789abcdef"[b & 15], 0};
	memerr_put(l, t);
}

static void put_site(struct memerr_line *l, uintptr_t a, memerr_symbolize_fn sym)
{
	char buf[128];
	if (!a) {
		memerr_put(l, "-");
	} else if (sym) {
		sym(a, buf, sizeof buf);
		memerr_put(l, buf);
	} else {
		memerr_put_hex(l, a);
	}
}

/* Starts a continuation line: two spaces, the label, padded to a column. */
static void start(struct memerr_line *l, const char *label)
{
	l->len = 0;
	memerr_put(l, "  ");
	memerr_put(l, label);
	memerr_put(l, ":");
	while (l->len < 18)
		memerr_put(l, " ");
}

/* The address line: where addr lies relative to the block. */
static void address_line(struct memerr_line *l, const struct memerr_report *r)
{
	start(l, "address");
	memerr_put_hex(l, r->addr);
	if (!r->block)
		return;
	int64_t off = (int64_t)(r->addr - r->block);
	if (off < 0) {
		memerr_put(l, ", ");
		memerr_put_dec(l, (uint64_t)-off);
		memerr_put(l, " bytes before the block's start");
		return;
	}
	memerr_put(l, ", ");
	memerr_put_dec(l, (uint64_t)off);
	memerr_put(l, off == 1 ? " byte" : " bytes");
	memerr_put(l, " from the block's start");
	if (r->size_known && (uint64_t)off >= r->size) {
		memerr_put(l, ", ");
		memerr_put_dec(l, (uint64_t)off - r->size);
		memerr_put(l, " past its end");
	}
}

void memerr_format(const struct memerr_report *r, memerr_emit_fn emit, void *ctx,
		   memerr_symbolize_fn sym)
{
	struct memerr_line l = {.len = 0};
	memerr_put(&l, r->kind ? r->kind : "HEAP ERROR");
	memerr_put(&l, " [");
	memerr_put(&l, memerr_id_name(r->id));
	memerr_put(&l, "]: ");
	memerr_put(&l, memerr_textbook(r->id));
	if (r->detail) {
		memerr_put(&l, ": ");
		memerr_put(&l, r->detail);
	}
	emit(ctx, l.text);
	if (r->addr || r->block || r->id == MEMERR_NULL_POINTER) {
		address_line(&l, r);
		emit(ctx, l.text);
	}
	if (r->block) {
		start(&l, "block");
		memerr_put_hex(&l, r->block);
		if (r->size_known) {
			memerr_put(&l, ", ");
			memerr_put_dec(&l, r->size);
			memerr_put(&l, r->size == 1 ? " byte requested" : " bytes requested");
		}
		if (r->where) {
			memerr_put(&l, ", ");
			memerr_put(&l, r->where);
		}
		emit(ctx, l.text);
	}
	if (r->bad_known) {
		start(&l, "first bad byte");
		memerr_put(&l, "block");
		if (r->bad_off >= 0)
			memerr_put(&l, "+");
		memerr_put_signed(&l, r->bad_off);
		memerr_put(&l, " = ");
		put_byte(&l, r->bad_val);
		memerr_put(&l, ", expected ");
		put_byte(&l, r->expected);
		emit(ctx, l.text);
	}
	if (r->alloc_site || r->free_site) {
		start(&l, "allocated by");
		put_site(&l, r->alloc_site, sym);
		emit(ctx, l.text);
		start(&l, "freed by");
		put_site(&l, r->free_site, sym);
		emit(ctx, l.text);
	}
	if (r->found_call) {
		start(&l, "found by");
		memerr_put(&l, r->found_call);
		if (r->found_arg) {
			memerr_put(&l, "(");
			memerr_put_hex(&l, r->found_arg);
			memerr_put(&l, ")");
		}
		if (r->found_site) {
			memerr_put(&l, " called from ");
			put_site(&l, r->found_site, sym);
		}
		emit(ctx, l.text);
	}
	if (r->pc) {
		start(&l, "faulting code");
		put_site(&l, r->pc, sym);
		emit(ctx, l.text);
	}
	if (r->program && (r->alloc_site || r->free_site || r->found_site || r->pc)) {
		start(&l, "source lines");
		memerr_put(&l, "addr2line -f -e ");
		memerr_put(&l, r->program);
		const uintptr_t sites[] = {r->alloc_site, r->free_site, r->found_site, r->pc};
		for (unsigned i = 0; i < 4; i++)
			if (sites[i] && (i == 0 || sites[i] != sites[i - 1])) {
				memerr_put(&l, " ");
				memerr_put_hex(&l, sites[i]);
			}
		emit(ctx, l.text);
	}
	if (r->action) {
		start(&l, "action");
		memerr_put(&l, r->action);
		emit(ctx, l.text);
	}
}

long memerr_find_bad(const void *p, size_t n, int byte)
{
	const uint8_t *b = p;
	size_t i = 0;
	uint64_t word = 0x0101010101010101ULL * (uint8_t)byte;
	while (i < n && ((uintptr_t)(b + i) & 7))
		if (b[i++] != (uint8_t)byte)
			return (long)i - 1;
	for (uint64_t w; i + 8 <= n; i += 8) { /* a word at a time (memcpy: no aliasing) */
		__builtin_memcpy(&w, b + i, 8);
		if (w != word)
			break;
	}
	for (; i < n; i++)
		if (b[i] != (uint8_t)byte)
			return (long)i;
	return -1;
}

const char *memerr_pattern_origin(uint64_t v, enum memerr_id *id)
{
	uint64_t byte = v & 0xff;
	if (v != byte * 0x0101010101010101ull)
		return 0;
	*id = MEMERR_WILD_POINTER;
	switch (byte) {
	case 0xfe:
		return "GCC's fill for uninitialised locals (-ftrivial-auto-var-init=pattern): "
		       "a pointer that was never set";
	case 0xaa: return "clang's fill for uninitialised locals: a pointer that was never set";
	case MEMERR_FILL_NEW:
		*id = MEMERR_UNINIT_READ;
		return "the fill of a new heap block: a pointer read from a block never written";
	case MEMERR_FILL_FREED:
		*id = MEMERR_USE_AFTER_FREE;
		return "the poison of a freed heap block: a pointer read from a freed block";
	case MEMERR_REDZONE:
		*id = MEMERR_HEAP_OVERFLOW;
		return "the red zone after a heap block: a pointer read from past a block's end";
	default: return 0;
	}
}
