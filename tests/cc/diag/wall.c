#include <stdio.h>

int f(int x)
{
    if (x > 0)
        return 1;
}

int main(void)
{
    int unused = 3;
    printf("%d %s\n", "text", 5);
    return f(1);
}
