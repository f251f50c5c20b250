#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <ctype.h>

#define MAX_WORDS 16
#define STR(x) #x
#define CAT(a, b) a##b
#define DEBUG_PRINT(fmt, ...) printf("[dbg] " fmt "\n", __VA_ARGS__)

typedef struct { const char *word; int count; } entry;

static int find(entry *e, int n, const char *w)
{
    for (int i = 0; i < n; i++)
        if (strcmp(e[i].word, w) == 0)
            return i;
    return -1;
}

int main(void)
{
    char text[256];
    entry table[MAX_WORDS];
    int n = 0;
    int lines = 0, chars = 0;
    while (fgets(text, sizeof text, stdin)) {
        lines++;
        chars += strlen(text);
        for (char *p = text; *p; p++)
            *p = tolower((unsigned char)*p);
        for (char *w = strtok(text, " \t\n.,"); w; w = strtok(NULL, " \t\n.,")) {
            int k = find(table, n, w);
            if (k < 0 && n < MAX_WORDS) {
                table[n].word = strdup(w);
                table[n].count = 1;
                n++;
            } else if (k >= 0) {
                table[k].count++;
            }
        }
    }
    printf("%d lines, %d chars, %d distinct words\n", lines, chars, n);
    for (int i = 0; i < n; i++)
        printf("%-8s%3d\n", table[i].word, table[i].count);
    printf("%s %d\n", STR(hello world), CAT(1, 2) + 1);
    DEBUG_PRINT("%d-%s", 42, "x");
    int state = 0, steps = 0;
    do {
        switch (state) {
        case 0: state = 2; break;
        case 2: state = 1; /* fall through */
        case 1: state = 3; break;
        default: state = 4;
        }
        steps++;
    } while (state != 4);
    printf("steps %d\n", steps);
    int i = 0;
loop:
    if (i < 3) { printf("goto %d\n", i); i++; goto loop; }
    char buf[32];
    sprintf(buf, "[%6.2f][%-5d][%05x]", -3.14159, 42, 255);
    puts(buf);
    printf("%ld %ld %d\n", strtol("2147483648", NULL, 10), atol("-99"), atoi("3.9"));
    printf("%d %d\n", isdigit('7') != 0, isalpha('7') != 0);
    char s1[20] = "abc", s2[] = "abd";
    printf("%d %d %d\n", strcmp(s1, s2) < 0, strncmp(s1, s2, 2), (int)strlen(strcat(s1, s2)));
    return 0;
}
