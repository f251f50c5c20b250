#include <stdio.h>

int main(void)
{
    int i = 0, sum = 0;
    while (i < 100) {
        sum += i;
        i++;
    }
    printf("while: %d\n", sum);
    sum = 0;
    i = 10;
    do {
        sum += i--;
    } while (i > 0);
    printf("do-while: %d\n", sum);
    for (i = 0; i < 10; i++) {
        if (i == 3)
            continue;
        if (i == 7)
            break;
        printf("%d ", i);
    }
    printf("\n");
    int n = 0;
again:
    n++;
    if (n < 5)
        goto again;
    printf("goto: %d\n", n);
    for (int a = 1; a <= 3; a++)
        for (int b = 1; b <= 3; b++)
            printf("%d%c", a * b, b == 3 ? '\n' : ' ');
    return 0;
}
