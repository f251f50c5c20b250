#include <stdio.h>

int main(void)
{
    char *s = "constant";
    printf("%s\n", s);
    fflush(stdout);
    s[0] = 'C';
    printf("%s\n", s);
    return 0;
}
