#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    int *a = malloc(10 * sizeof(int));
    for (int i = 0; i < 10; i++)
        a[i] = i;
    printf("%d\n", a[9]);
    fflush(stdout);
    int *far = a + 100000000;
    *far = 1;
    printf("unreachable\n");
    return 0;
}
