#include <stdio.h>

struct item {
    int value;
};

int main(void)
{
    struct item *p = NULL;
    printf("before\n");
    fflush(stdout);
    printf("%d\n", p->value);
    printf("after\n");
    return 0;
}
