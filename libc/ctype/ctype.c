/*
 * ctype.c - character classes of the "C" locale. Arguments are an
 * unsigned char's value or EOF; everything above 127 is in no class.
 */
#include <ctype.h>

/* 'a'-'z' or 'A'-'Z'. */
int isalpha(int c)
{
	return ((unsigned)c | 32) - 'a' < 26;
}

/* '0'-'9'. */
int isdigit(int c)
{
	return (unsigned)c - '0' < 10;
}

/* A letter or a digit. */
int isalnum(int c)
{
	return isalpha(c) || isdigit(c);
}

/* Space or tab. */
int isblank(int c)
{
	return c == ' ' || c == '\t';
}

/* 0-31 and 127. */
int iscntrl(int c)
{
	return (unsigned)c < 32 || c == 127;
}

/* Printable and not a space: 33-126. */
int isgraph(int c)
{
	return (unsigned)c - 33 < 94;
}

/* 'a'-'z'. */
int islower(int c)
{
	return (unsigned)c - 'a' < 26;
}

/* 'A'-'Z'. */
int isupper(int c)
{
	return (unsigned)c - 'A' < 26;
}

/* Printable, space included: 32-126. */
int isprint(int c)
{
	return (unsigned)c - 32 < 95;
}

/* Printable, neither a space nor a letter nor a digit. */
int ispunct(int c)
{
	return isgraph(c) && !isalnum(c);
}

/* Space, \t, \n, \v, \f, \r. */
int isspace(int c)
{
	return c == ' ' || (unsigned)c - '\t' < 5;
}

/* 0-9, a-f, A-F. */
int isxdigit(int c)
{
	return isdigit(c) || ((unsigned)c | 32) - 'a' < 6;
}

/* 0-127. */
int isascii(int c)
{
	return (unsigned)c < 128;
}

/* The lower-case letter for an upper-case one; anything else unchanged. */
int tolower(int c)
{
	return isupper(c) ? c | 32 : c;
}

/* The upper-case letter for a lower-case one; anything else unchanged. */
int toupper(int c)
{
	return islower(c) ? c & 0x5f : c;
}

int toascii(int c)
{
	return c & 0x7f;
}
