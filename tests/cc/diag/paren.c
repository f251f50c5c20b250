#include <stdio.h>

int main(void)
{
    int x = 0, n = 0;
    if (x = 5)
        printf("%d\n");
    scanf("%d", n);
    return 0;
}
