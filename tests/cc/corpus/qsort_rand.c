#include <stdio.h>
#include <stdlib.h>

int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

int main(void)
{
    int v[12];
    srand(42);
    for (int i = 0; i < 12; i++)
        v[i] = rand() % 1000;
    qsort(v, 12, sizeof(int), cmp_int);
    for (int i = 0; i < 12; i++)
        printf("%d ", v[i]);
    printf("\n");
    srand(1);
    printf("%d %d\n", rand(), rand());
    int key = v[5];
    int *found = bsearch(&key, v, 12, sizeof(int), cmp_int);
    printf("found at %ld\n", found - v);
    return 0;
}
