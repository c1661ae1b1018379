/*
 * multiboot2.c - see multiboot2.h. Pure code, also tested on the host.
 *
 * Every read goes through an offset that has been checked against `limit`,
 * the number of bytes we may look at: min(total_size, available). Fields
 * are read with a byte copy, so even a misaligned structure is no trouble.
 */
#include "boot/multiboot2.h"

#include <stdarg.h>

/* Everything the tag handlers share while one structure is parsed. */
struct parser {
	struct boot_info *bi;
	bool seen_cmdline, seen_bootloader, seen_mmap;
	unsigned modules_dropped;
};

/* Returns the little-endian u32 at p (any alignment). */
static uint32_t rd32(const uint8_t *p)
{
	uint32_t v;
	__builtin_memcpy(&v, p, sizeof v);
	return v;
}

/* Returns the little-endian u64 at p (any alignment). */
static uint64_t rd64(const uint8_t *p)
{
	uint64_t v;
	__builtin_memcpy(&v, p, sizeof v);
	return v;
}

/* Returns n rounded up to the next multiple of 8 (tags start 8-aligned). */
static size_t align8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

/*
 * Records a warning in bi->problems; once the array is full, only counts
 * it, so the first problems (usually the cause of the later ones) survive.
 */
void boot_problem(struct boot_info *bi, const char *fmt, ...)
{
	if (bi->problem_count >= MB2_MAX_PROBLEMS) {
		bi->problems_dropped++;
		return;
	}
	va_list ap;
	va_start(ap, fmt);
	kvsnprintf(bi->problems[bi->problem_count], MB2_PROBLEM_LEN, fmt, ap);
	va_end(ap);
	bi->problem_count++;
}

/*
 * Returns s if one of its first len bytes is a NUL, so that it is a string
 * lying wholly inside its tag; returns NULL otherwise.
 */
static const char *tag_string(const uint8_t *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] == '\0')
			return (const char *)s;
	return NULL;
}

/*
 * Handles a command line (1) or boot loader name (2) tag; keeps the first
 * well-formed one. `off` is the tag's offset, for the messages.
 */
static void parse_string_tag(struct parser *p, size_t off, uint32_t type, const uint8_t *tag,
			     uint32_t size)
{
	bool cmd = type == MB2_TAG_CMDLINE;
	const char *what = cmd ? "command line" : "boot loader name";
	bool *seen = cmd ? &p->seen_cmdline : &p->seen_bootloader;
	const char *s = tag_string(tag + 8, size - 8);

	if (!s) {
		boot_problem(p->bi, "%s tag at offset %#zx is not NUL-terminated; ignored", what,
			     off);
		return;
	}
	if (*seen) {
		boot_problem(p->bi, "second %s tag at offset %#zx ignored", what, off);
		return;
	}
	*seen = true;
	if (cmd)
		p->bi->cmdline = s;
	else
		p->bi->bootloader = s;
}

/* Handles a module tag (3): u32 mod_start, u32 mod_end, string. */
static void parse_module(struct parser *p, size_t off, const uint8_t *tag, uint32_t size)
{
	struct boot_info *bi = p->bi;

	if (size < 17) {
		boot_problem(bi, "module tag at offset %#zx is too short (size %u); ignored", off,
			     size);
		return;
	}
	uint32_t start = rd32(tag + 8);
	uint32_t end = rd32(tag + 12);
	const char *s = tag_string(tag + 16, size - 16);
	if (!s) {
		boot_problem(bi, "module string at offset %#zx is not NUL-terminated; ignored",
			     off);
		return;
	}
	if (end < start) {
		boot_problem(bi, "module at offset %#zx ends (%#x) before it starts (%#x); ignored",
			     off, end, start);
		return;
	}
	if (bi->module_count >= MB2_MAX_MODULES) {
		p->modules_dropped++;
		return;
	}
	bi->modules[bi->module_count++] = (struct mb2_module){start, end, s};
}

/* Handles a basic memory information tag (4): u32 mem_lower, u32 mem_upper. */
static void parse_basic_meminfo(struct parser *p, size_t off, const uint8_t *tag, uint32_t size)
{
	struct boot_info *bi = p->bi;

	if (size < 16) {
		boot_problem(bi, "basic meminfo tag at offset %#zx is too short (size %u); ignored",
			     off, size);
		return;
	}
	if (bi->has_basic_meminfo) {
		boot_problem(bi, "second basic meminfo tag at offset %#zx ignored", off);
		return;
	}
	bi->has_basic_meminfo = true;
	bi->mem_lower_kib = rd32(tag + 8);
	bi->mem_upper_kib = rd32(tag + 12);
}

/*
 * Handles a memory map tag (6): u32 entry_size, u32 entry_version, then
 * entries of entry_size bytes (u64 base, u64 length, u32 type, u32 reserved;
 * a later version may make them longer, never shorter). Keeps the first
 * well-formed memory map tag, and the first MB2_MAX_MMAP entries of it.
 */
static void parse_mmap(struct parser *p, size_t off, const uint8_t *tag, uint32_t size)
{
	struct boot_info *bi = p->bi;

	if (size < 16) {
		boot_problem(bi, "memory map tag at offset %#zx is too short (size %u); ignored",
			     off, size);
		return;
	}
	uint32_t entry_size = rd32(tag + 8);
	if (entry_size < 24 || entry_size % 8 != 0) {
		boot_problem(
		    bi,
		    "memory map at offset %#zx has entry_size %u (need 24+, 8-aligned); ignored",
		    off, entry_size);
		return;
	}
	if (p->seen_mmap) {
		boot_problem(bi, "second memory map tag at offset %#zx ignored", off);
		return;
	}
	p->seen_mmap = true;

	size_t n = (size - 16) / entry_size;
	size_t stray = (size - 16) % entry_size;
	if (n == 0)
		boot_problem(bi, "memory map at offset %#zx has no entries", off);
	if (stray)
		boot_problem(bi, "memory map at offset %#zx has %zu stray bytes after its entries",
			     off, stray);

	bool wrapped = false;
	for (size_t i = 0; i < n && i < MB2_MAX_MMAP; i++) {
		const uint8_t *e = tag + 16 + i * entry_size;
		struct mb2_mmap_entry *m = &bi->mmap[bi->mmap_count++];
		m->base = rd64(e);
		m->length = rd64(e + 8);
		m->type = rd32(e + 16);
		if (m->length && m->base + (m->length - 1) < m->base)
			wrapped = true;
	}
	if (n > MB2_MAX_MMAP)
		boot_problem(bi, "memory map has %zu entries; kept the first %d", n, MB2_MAX_MMAP);
	if (wrapped)
		boot_problem(bi, "memory map at offset %#zx has an entry past the end of memory",
			     off);
}

/* Sends one tag to its handler; tags of other types are skipped silently. */
static void parse_tag(struct parser *p, size_t off, uint32_t type, const uint8_t *tag,
		      uint32_t size)
{
	switch (type) {
	case MB2_TAG_CMDLINE:
	case MB2_TAG_BOOTLOADER: parse_string_tag(p, off, type, tag, size); break;
	case MB2_TAG_MODULE: parse_module(p, off, tag, size); break;
	case MB2_TAG_BASIC_MEMINFO: parse_basic_meminfo(p, off, tag, size); break;
	case MB2_TAG_MMAP: parse_mmap(p, off, tag, size); break;
	default: break;
	}
}

/*
 * Fills *out from the structure. The result is "usable" only with a memory
 * map, since without one the kernel cannot know where its free RAM is; the
 * rest (command line, modules) is optional.
 */
bool mb2_parse(const void *info, size_t available, struct boot_info *out)
{
	struct parser p = {.bi = out};
	const uint8_t *base = info;

	__builtin_memset(out, 0, sizeof *out);
	out->cmdline = "";
	out->bootloader = "";

	if (!base) {
		boot_problem(out, "no boot information (NULL pointer)");
		return false;
	}
	if (available < 8) {
		boot_problem(out, "only %zu bytes of boot information available; need 8 or more",
			     available);
		return false;
	}
	uint32_t total = rd32(base);
	out->total_size = total;
	if (total < 16) {
		boot_problem(out, "total_size %u is less than 16 (fixed part and end tag)", total);
		return false;
	}
	if (total % 8 != 0)
		boot_problem(out, "total_size %u is not a multiple of 8", total);
	size_t limit = total;
	if (limit > available) {
		boot_problem(
		    out, "total_size %u is more than the %zu bytes available; reading only those",
		    total, available);
		limit = available;
	}

	/* off + 8 cannot overflow: off <= limit + 7 and limit <= UINT32_MAX. */
	size_t off = 8;
	bool stopped = false;
	while (off + 8 <= limit) {
		const uint8_t *tag = base + off;
		uint32_t type = rd32(tag);
		uint32_t size = rd32(tag + 4);
		if (size < 8) {
			boot_problem(out,
				     "tag at offset %#zx (type %u) has size %u < 8; stopped there",
				     off, type, size);
			stopped = true;
			break;
		}
		if (size > limit - off) {
			boot_problem(
			    out,
			    "tag at offset %#zx (type %u, size %u) runs past byte %zu; stopped "
			    "there",
			    off, type, size, limit);
			stopped = true;
			break;
		}
		if (type == MB2_TAG_END) {
			if (size != 8)
				boot_problem(out, "end tag at offset %#zx has size %u, not 8", off,
					     size);
			out->has_end_tag = true;
			break;
		}
		parse_tag(&p, off, type, tag, size);
		off += align8(size);
	}
	if (!out->has_end_tag && !stopped)
		boot_problem(out, "no end tag within the %zu bytes read", limit);

	if (p.modules_dropped)
		boot_problem(out, "%u modules; kept the first %d",
			     MB2_MAX_MODULES + p.modules_dropped, MB2_MAX_MODULES);
	if (!p.seen_mmap) {
		boot_problem(out, "no usable memory map tag");
		return false;
	}
	return out->mmap_count > 0;
}

const char *mb2_mem_type_name(uint32_t type)
{
	static char unknown[4][24];
	static unsigned next;

	switch (type) {
	case MB2_MEM_AVAILABLE: return "available";
	case MB2_MEM_RESERVED: return "reserved";
	case MB2_MEM_ACPI_RECLAIMABLE: return "ACPI reclaimable";
	case MB2_MEM_NVS: return "ACPI NVS";
	case MB2_MEM_BAD: return "bad RAM";
	default: {
		char *buf = unknown[next++ % 4];
		ksnprintf(buf, sizeof unknown[0], "unknown (%u)", type);
		return buf;
	}
	}
}

/*
 * Writes `bytes` in the largest binary unit it reaches, with one decimal
 * (truncated) unless it is exact: "640 KiB", "126.8 MiB". No floating point.
 */
static void format_size(char *buf, size_t size, uint64_t bytes)
{
	static const char *const units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
	unsigned u = 0;
	while (u + 1 < sizeof units / sizeof units[0] && bytes >> (10 * (u + 1)))
		u++;
	unsigned shift = 10 * u;
	uint64_t whole = bytes >> shift;
	uint64_t rest = bytes - (whole << shift);
	if (rest == 0) {
		ksnprintf(buf, size, "%llu %s", (unsigned long long)whole, units[u]);
	} else {
		/* rest < 2^60, so rest * 10 fits in 64 bits. */
		unsigned tenth = (unsigned)((rest * 10) >> shift);
		ksnprintf(buf, size, "%llu.%u %s", (unsigned long long)whole, tenth, units[u]);
	}
}

/* Returns s, or `none` if s is NULL or empty (a boot_info not from mb2_parse). */
static const char *or_none(const char *s, const char *none)
{
	return s && *s ? s : none;
}

/* Formats one line of output into sink. */
__attribute__((format(printf, 3, 4))) static void out(kprintf_sink sink, void *ctx, const char *fmt,
						      ...)
{
	va_list ap;
	va_start(ap, fmt);
	kvformat(sink, ctx, fmt, ap);
	va_end(ap);
}

void mb2_write(const struct boot_info *bi, kprintf_sink sink, void *ctx)
{
	char size[24];

	out(sink, ctx, "multiboot2: %u bytes of boot information\n", bi->total_size);
	out(sink, ctx, "  boot loader:  %s\n", or_none(bi->bootloader, "(none)"));
	out(sink, ctx, "  command line: \"%s\"\n", or_none(bi->cmdline, ""));
	if (bi->has_basic_meminfo)
		out(sink, ctx, "  basic meminfo: %u KiB lower, %u KiB upper\n", bi->mem_lower_kib,
		    bi->mem_upper_kib);

	uint64_t avail = 0;
	unsigned avail_regions = 0;
	out(sink, ctx, "  memory map: %u entries\n", bi->mmap_count);
	for (unsigned i = 0; i < bi->mmap_count; i++) {
		const struct mb2_mmap_entry *m = &bi->mmap[i];
		format_size(size, sizeof size, m->length);
		if (m->length)
			out(sink, ctx, "    0x%016llx-0x%016llx %10s  %s\n",
			    (unsigned long long)m->base,
			    (unsigned long long)(m->base + m->length - 1), size,
			    mb2_mem_type_name(m->type));
		else
			out(sink, ctx, "    0x%016llx (empty)            %10s  %s\n",
			    (unsigned long long)m->base, size, mb2_mem_type_name(m->type));
		if (m->type == MB2_MEM_AVAILABLE && m->length) {
			/* Saturate rather than wrap on absurd maps. */
			avail = avail + m->length < avail ? UINT64_MAX : avail + m->length;
			avail_regions++;
		}
	}
	format_size(size, sizeof size, avail);
	out(sink, ctx, "  available RAM: %s (%llu bytes) in %u regions\n", size,
	    (unsigned long long)avail, avail_regions);

	out(sink, ctx, "  modules: %u\n", bi->module_count);
	for (unsigned i = 0; i < bi->module_count; i++) {
		const struct mb2_module *m = &bi->modules[i];
		format_size(size, sizeof size, m->end - m->start);
		if (m->end > m->start)
			out(sink, ctx, "    0x%016llx-0x%016llx %10s  \"%s\"\n",
			    (unsigned long long)m->start, (unsigned long long)(m->end - 1), size,
			    or_none(m->string, ""));
		else
			out(sink, ctx, "    0x%016llx (empty)            %10s  \"%s\"\n",
			    (unsigned long long)m->start, size, or_none(m->string, ""));
	}

	if (bi->problem_count) {
		out(sink, ctx, "  problems: %u\n", bi->problem_count + bi->problems_dropped);
		for (unsigned i = 0; i < bi->problem_count; i++)
			out(sink, ctx, "    - %s\n", bi->problems[i]);
		if (bi->problems_dropped)
			out(sink, ctx, "    (and %u more)\n", bi->problems_dropped);
	}
}

/* Hands a piece of mb2_write's output to the console. */
static void console_sink(void *ctx, const char *s, size_t n)
{
	(void)ctx;
	kprintf("%.*s", (int)n, s);
}

void mb2_print(const struct boot_info *bi)
{
	mb2_write(bi, console_sink, NULL);
}
