#include <stdio.h>
#include <string.h>

void fill(int n, int a[n])
{
    for (int i = 0; i < n; i++)
        a[i] = i * i;
}

int main(void)
{
    int n = 6;
    int squares[n];
    fill(n, squares);
    for (int i = 0; i < n; i++)
        printf("%d ", squares[i]);
    printf("(%zu bytes)\n", sizeof(squares));
    for (int round = 1; round <= 3; round++) {
        char line[round * 4];
        memset(line, '#', sizeof line - 1);
        line[sizeof line - 1] = '\0';
        printf("%s\n", line);
        if (round == 2)
            continue;
    }
    long total = 0;
    for (int k = 0; k < 100000; k++) {
        double tmp[k % 50 + 1];
        tmp[0] = k;
        total += (long)tmp[0];
    }
    printf("%ld\n", total);
    return 0;
}
