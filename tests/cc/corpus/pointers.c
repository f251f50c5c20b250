#include <stdio.h>

void swap(int *a, int *b)
{
    int t = *a;
    *a = *b;
    *b = t;
}

int sum(const int *arr, int n)
{
    int s = 0;
    for (const int *p = arr; p < arr + n; p++)
        s += *p;
    return s;
}

int apply(int (*f)(int, int), int a, int b)
{
    return f(a, b);
}

int mul(int a, int b) { return a * b; }
int sub(int a, int b) { return a - b; }

int main(void)
{
    int x = 3, y = 7;
    swap(&x, &y);
    printf("%d %d\n", x, y);
    int arr[] = { 5, 4, 3, 2, 1 };
    printf("sum %d, count %lu\n", sum(arr, 5), sizeof(arr) / sizeof(arr[0]));
    int *p = arr;
    p += 2;
    printf("%d %d %ld\n", *p, p[1], p - arr);
    int **pp = &p;
    **pp = 42;
    printf("%d\n", arr[2]);
    int (*ops[2])(int, int) = { mul, sub };
    for (int i = 0; i < 2; i++)
        printf("op%d: %d\n", i, apply(ops[i], 6, 4));
    char s[] = "pointer";
    char *c = s;
    while (*c)
        c++;
    printf("length %ld\n", c - s);
    int grid[3][4];
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 4; j++)
            grid[i][j] = i * 10 + j;
    printf("%d %d %d\n", grid[0][0], grid[1][2], grid[2][3]);
    int *flat = &grid[0][0];
    printf("%d\n", flat[6]);
    void *v = &x;
    printf("%d\n", *(int *)v);
    return 0;
}
