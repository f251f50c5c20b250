#include <stdio.h>
#include <string.h>

int main(void)
{
    char line[128];
    int n = 0;
    while (fgets(line, sizeof line, stdin) != NULL) {
        line[strcspn(line, "\n")] = '\0';
        n++;
        printf("%d: [%s] (%zu)\n", n, line, strlen(line));
    }
    printf("lines: %d\n", n);
    return 0;
}
