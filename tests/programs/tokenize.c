/*
 * tokenize.c - splits lines of "key=value; key=value" settings from
 * standard input with strtok, strchr and strspn, and reports what it found.
 */
#include <stdio.h>
#include <string.h>

int main(void)
{
	char line[200];
	int lineno = 0;
	while (fgets(line, sizeof line, stdin)) {
		lineno++;
		line[strcspn(line, "\n")] = '\0';
		char *comment = strchr(line, '#');
		if (comment)
			*comment = '\0';
		if (line[strspn(line, " \t")] == '\0')
			continue;
		printf("line %d:\n", lineno);
		for (char *item = strtok(line, ";"); item; item = strtok(NULL, ";")) {
			item += strspn(item, " \t");
			char *eq = strchr(item, '=');
			if (!eq) {
				printf("  [%s] has no '='\n", item);
				continue;
			}
			*eq = '\0';
			char *end = eq;
			while (end > item && end[-1] == ' ')
				*--end = '\0';
			printf("  key '%s' (%zu chars) = '%s'%s\n", item, strlen(item), eq + 1,
			       strrchr(eq + 1, '.') ? " (has a dot)" : "");
		}
	}
	return 0;
}
