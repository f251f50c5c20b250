#include <stdio.h>

int fib(int n)
{
    if (n < 2)
        return n;
    return fib(n - 1) + fib(n - 2);
}

long factorial(int n)
{
    return n <= 1 ? 1 : n * factorial(n - 1);
}

int main(void)
{
    for (int i = 0; i <= 20; i++)
        printf("fib(%d) = %d\n", i, fib(i));
    for (int i = 0; i <= 20; i += 5)
        printf("%d! = %ld\n", i, factorial(i));
    return 0;
}
