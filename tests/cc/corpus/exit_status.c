#include <stdio.h>
#include <stdlib.h>

void check(int v)
{
    if (v > 2) {
        printf("too big: %d\n", v);
        exit(3);
    }
}

int main(void)
{
    for (int i = 0; i < 10; i++) {
        printf("i=%d\n", i);
        check(i);
    }
    return 0;
}
