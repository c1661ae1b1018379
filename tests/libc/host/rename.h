/*
 * rename.h - force-included (gcc -include) into every libc source and test
 * compiled for the host sanitizer run (mk/libc.mk, build/libc-host/): each public
 * name of the pure parts of the libc gets the prefix ilc_, so the code under
 * test is ours and never glibc's, and nothing clashes with glibc at link
 * time. The build checks that every global symbol the objects define has the
 * prefix, so a name missing here is caught.
 */
#define memcpy ilc_memcpy
#define memmove ilc_memmove
#define memset ilc_memset
#define memcmp ilc_memcmp
#define memchr ilc_memchr
#define strlen ilc_strlen
#define strnlen ilc_strnlen
#define strcmp ilc_strcmp
#define strncmp ilc_strncmp
#define strcpy ilc_strcpy
#define strncpy ilc_strncpy
#define stpcpy ilc_stpcpy
#define strcat ilc_strcat
#define strncat ilc_strncat
#define strchr ilc_strchr
#define strrchr ilc_strrchr
#define strstr ilc_strstr
#define strspn ilc_strspn
#define strcspn ilc_strcspn
#define strpbrk ilc_strpbrk
#define strtok ilc_strtok
#define strtok_r ilc_strtok_r
#define strdup ilc_strdup
#define strndup ilc_strndup
#define strerror ilc_strerror
#define vsnprintf ilc_vsnprintf
#define snprintf ilc_snprintf
#define vsprintf ilc_vsprintf
#define sprintf ilc_sprintf
#define __fmt_format ilc___fmt_format
#define fmt_vformat ilc_fmt_vformat
#define fmt_emit ilc_fmt_emit
#define fmt_emit_field ilc_fmt_emit_field
#define fmt_emit_number ilc_fmt_emit_number
#define strtol ilc_strtol
#define strtoul ilc_strtoul
#define strtoll ilc_strtoll
#define strtoull ilc_strtoull
#define atoi ilc_atoi
#define atol ilc_atol
#define atoll ilc_atoll
#define qsort ilc_qsort
#define bsearch ilc_bsearch
#define rand ilc_rand
#define srand ilc_srand
#define abs ilc_abs
#define labs ilc_labs
#define llabs ilc_llabs
#define isalnum ilc_isalnum
#define isalpha ilc_isalpha
#define isblank ilc_isblank
#define iscntrl ilc_iscntrl
#define isdigit ilc_isdigit
#define isgraph ilc_isgraph
#define islower ilc_islower
#define isprint ilc_isprint
#define ispunct ilc_ispunct
#define isspace ilc_isspace
#define isupper ilc_isupper
#define isxdigit ilc_isxdigit
#define isascii ilc_isascii
#define tolower ilc_tolower
#define toupper ilc_toupper
#define errno ilc_errno

/* strdup's malloc with a call site (libc/malloc/malloc.c): glibc's malloc here. */
#define __malloc_at(n, site) ((void)(site), malloc(n))
