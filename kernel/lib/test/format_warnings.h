/* format_warnings.h - for the kprintf tests only. */
#ifndef LIB_TEST_FORMAT_WARNINGS_H
#define LIB_TEST_FORMAT_WARNINGS_H

/*
 * Some tests use formats that -Wformat rightly frowns on (a flag that C says
 * to ignore, an unknown conversion, an int given to %hhd to see it cut to a
 * char): that is the point of the test.
 */
#define FORMAT_WARNINGS_OFF                                                                        \
	_Pragma("GCC diagnostic push");                                                            \
	_Pragma("GCC diagnostic ignored \"-Wformat\"");                                            \
	_Pragma("GCC diagnostic ignored \"-Wformat-extra-args\"")
#define FORMAT_WARNINGS_ON _Pragma("GCC diagnostic pop")

#endif
