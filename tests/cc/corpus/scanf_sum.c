#include <stdio.h>

int main(void)
{
    int count;
    double total = 0;
    char name[32];
    if (scanf("%31s", name) != 1)
        return 1;
    if (scanf("%d", &count) != 1)
        return 2;
    for (int i = 0; i < count; i++) {
        double v;
        if (scanf("%lf", &v) != 1)
            return 3;
        total += v;
    }
    printf("%s: %d values, total %.2f\n", name, count, total);
    int c = getchar();
    printf("next char code %d\n", c);
    int x;
    int r = scanf("%d", &x);
    printf("at end: %d\n", r);
    return 0;
}
