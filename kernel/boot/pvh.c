/*
 * pvh.c - QEMU's direct-boot start information as a struct boot_info
 * (see pvh.h).
 *
 * Every read goes through in_memory(), so a start_info that points
 * outside the memory the kernel may look at yields a problem, not a
 * fault. The memory map's types are Xen's e820 numbers, which are also
 * multiboot2's (1 RAM, 2 reserved, 3 ACPI reclaimable, 4 ACPI NVS, 5 bad).
 */
#include "boot/pvh.h"

#include "lib/kprintf.h"
#include "lib/string.h"

/* Returns true if [pa, pa + len) lies inside [0, phys_size). */
static bool in_memory(uint64_t phys_size, uint64_t pa, uint64_t len)
{
	return pa <= phys_size && len <= phys_size - pa;
}

/* Copies the NUL-terminated command line at pa into buf; "" if it is
 * missing, not terminated within the buffer, or outside memory. */
static void read_cmdline(const uint8_t *phys, uint64_t phys_size, uint64_t pa,
			 struct boot_info *out, char *buf)
{
	buf[0] = '\0';
	if (pa == 0)
		return;
	for (size_t i = 0; i < PVH_CMDLINE_MAX; i++) {
		if (!in_memory(phys_size, pa + i, 1)) {
			boot_problem(out, "command line at %#llx runs outside memory; ignored",
				     (unsigned long long)pa);
			buf[0] = '\0';
			return;
		}
		buf[i] = (char)phys[pa + i];
		if (buf[i] == '\0')
			return;
	}
	boot_problem(out, "command line longer than %d bytes; ignored", PVH_CMDLINE_MAX - 1);
	buf[0] = '\0';
}

/* Returns the memory map's count of RAM entries, after copying the map. */
static unsigned read_memmap(const uint8_t *phys, uint64_t phys_size,
			    const struct pvh_start_info *si, struct boot_info *out)
{
	uint64_t bytes = (uint64_t)si->memmap_entries * sizeof(struct pvh_memmap_entry);
	if (!in_memory(phys_size, si->memmap_paddr, bytes)) {
		boot_problem(out, "memory map at %#llx (%u entries) is outside memory",
			     (unsigned long long)si->memmap_paddr, si->memmap_entries);
		return 0;
	}
	unsigned ram = 0;
	for (uint32_t i = 0; i < si->memmap_entries; i++) {
		struct pvh_memmap_entry e;
		memcpy(&e, phys + si->memmap_paddr + i * sizeof e, sizeof e);
		if (out->mmap_count == MB2_MAX_MMAP) {
			boot_problem(out, "memory map has more than %d entries; the rest ignored",
				     MB2_MAX_MMAP);
			break;
		}
		struct mb2_mmap_entry *m = &out->mmap[out->mmap_count++];
		m->base = e.addr;
		m->length = e.size;
		m->type = e.type;
		if (e.type == MB2_MEM_AVAILABLE && e.size)
			ram++;
	}
	return ram;
}

bool pvh_parse(const uint8_t *phys, uint64_t phys_size, uint64_t si_pa, struct boot_info *out,
	       char cmdline_buf[PVH_CMDLINE_MAX])
{
	memset(out, 0, sizeof *out);
	out->bootloader = "QEMU direct boot (PVH)";
	out->has_end_tag = true; /* a fixed structure: there is no tag list to end */
	cmdline_buf[0] = '\0';
	out->cmdline = cmdline_buf;

	struct pvh_start_info si;
	if (!in_memory(phys_size, si_pa, sizeof si)) {
		boot_problem(out, "start_info at %#llx is outside memory",
			     (unsigned long long)si_pa);
		return false;
	}
	memcpy(&si, phys + si_pa, sizeof si);
	if (si.magic != PVH_START_MAGIC) {
		boot_problem(out, "start_info magic %#x (expected %#x)", si.magic, PVH_START_MAGIC);
		return false;
	}
	read_cmdline(phys, phys_size, si.cmdline_paddr, out, cmdline_buf);
	if (si.nr_modules)
		boot_problem(out, "%u PVH modules ignored (programs come through fw_cfg)",
			     si.nr_modules);
	if (si.version < 1) {
		boot_problem(out, "start_info version 0 has no memory map");
		return false;
	}
	if (read_memmap(phys, phys_size, &si, out) == 0) {
		boot_problem(out, "no RAM in the memory map");
		return false;
	}
	return true;
}
