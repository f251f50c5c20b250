#include <stdio.h>

int depth(int n)
{
    char pad[256];
    pad[0] = (char)n;
    return depth(n + 1) + pad[0];
}

int main(void)
{
    printf("start\n");
    fflush(stdout);
    return depth(0);
}
