#include <stdio.h>

int divide(int a, int b) { return a / b; }

int main(void)
{
    printf("%d\n", divide(10, 3));
    fflush(stdout);
    int zero = 0;
    printf("%d\n", divide(1, zero));
    return 0;
}
