#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    char *p = malloc(16);
    printf("allocated\n");
    fflush(stdout);
    free(p);
    free(p);
    printf("not reached\n");
    return 0;
}
