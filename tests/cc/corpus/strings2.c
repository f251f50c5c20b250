#include <stdio.h>
#include <string.h>
#include <stdlib.h>

int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char **)a, *(const char **)b);
}

static void trim(char *s)
{
    char *end = s + strlen(s);
    while (end > s && (end[-1] == ' ' || end[-1] == '\n'))
        *--end = '\0';
}

int main(void)
{
    const char *names[] = { "pear", "apple", "fig", "banana", "cherry" };
    qsort(names, 5, sizeof names[0], cmp_str);
    for (int i = 0; i < 5; i++)
        printf("%s%s", names[i], i < 4 ? " " : "\n");
    char line[] = "  key = value with spaces  \n";
    trim(line);
    char *eq = strchr(line, '=');
    *eq = '\0';
    char *key = line;
    while (*key == ' ')
        key++;
    trim(key);
    char *val = eq + 1;
    while (*val == ' ')
        val++;
    printf("[%s] -> [%s]\n", key, val);
    char num[16];
    sprintf(num, "%d", -12345);
    printf("%s %zu %d\n", num, strlen(num), atoi(num) * 2);
    printf("%d %d\n", (int)strspn("aaabc", "a"), (int)strcspn("hello world", " "));
    char buf[8];
    memcpy(buf, "abcdefg", 8);
    memmove(buf + 1, buf, 4);
    printf("%s\n", buf);
    printf("%d\n", memcmp("abc", "abd", 3) < 0);
    double d = strtod("3.5e2xyz", NULL);
    printf("%.1f %ld %lu\n", d, strtol("-0777", NULL, 8), strtoul("ff", NULL, 16));
    return 0;
}
