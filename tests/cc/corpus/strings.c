#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <ctype.h>

int main(void)
{
    char buf[64];
    char name[16] = "world";
    strcpy(buf, "Hello, ");
    strcat(buf, name);
    strcat(buf, "!");
    printf("%s (%lu)\n", buf, strlen(buf));
    printf("cmp: %d %d %d\n", strcmp("abc", "abc") == 0, strcmp("abc", "abd") < 0, strcmp("b", "a") > 0);
    printf("ncmp: %d\n", strncmp("hello", "help", 3));
    char dst[10];
    strncpy(dst, "truncate me", 5);
    dst[5] = '\0';
    printf("strncpy: [%s]\n", dst);
    char line[] = "one,two,,three";
    for (char *tok = strtok(line, ","); tok != NULL; tok = strtok(NULL, ","))
        printf("token: %s\n", tok);
    printf("atoi: %d %d %d\n", atoi("42"), atoi("  -17xyz"), atoi("abc"));
    char *end;
    long v = strtol("0x1f rest", &end, 16);
    printf("strtol: %ld rest=[%s]\n", v, end);
    printf("strtol10: %ld\n", strtol("  123456789012", NULL, 10));
    char out[100];
    int n = sprintf(out, "%d-%s-%c-%.3f", 7, "x", 'q', 3.14159);
    printf("sprintf: %s (%d)\n", out, n);
    n = snprintf(out, 8, "%s", "abcdefghijkl");
    printf("snprintf: %s (%d)\n", out, n);
    printf("strchr: %s\n", strchr("find the char", 't'));
    printf("strrchr: %s\n", strrchr("a/b/c.txt", '/'));
    printf("strstr: %s\n", strstr("needle in haystack", "in"));
    char up[] = "MiXeD 123";
    for (int i = 0; up[i]; i++)
        up[i] = toupper((unsigned char)up[i]);
    printf("upper: %s\n", up);
    char *d = strdup("duplicate");
    d[0] = 'D';
    printf("%s\n", d);
    free(d);
    char rev[] = "reverse";
    int len = strlen(rev);
    for (int i = 0; i < len / 2; i++) {
        char t = rev[i];
        rev[i] = rev[len - 1 - i];
        rev[len - 1 - i] = t;
    }
    printf("%s\n", rev);
    memset(buf, 'x', 5);
    buf[5] = 0;
    printf("memset: %s\n", buf);
    return 0;
}
