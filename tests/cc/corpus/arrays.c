#include <stdio.h>

#define N 10

static int counter = 0;

int next_id(void)
{
    static int id = 100;
    counter++;
    return id++;
}

void bubble(int *a, int n)
{
    for (int i = 0; i < n - 1; i++)
        for (int j = 0; j < n - 1 - i; j++)
            if (a[j] > a[j + 1]) {
                int t = a[j];
                a[j] = a[j + 1];
                a[j + 1] = t;
            }
}

int main(void)
{
    int a[N] = { 9, 3, 7, 1, 8, 2, 6, 4, 10, 5 };
    bubble(a, N);
    for (int i = 0; i < N; i++)
        printf("%d%s", a[i], i < N - 1 ? "," : "\n");
    int m[3][3] = { { 1, 2, 3 }, { 4, 5, 6 }, { 7, 8, 9 } };
    int t[3][3];
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            t[j][i] = m[i][j];
    for (int i = 0; i < 3; i++)
        printf("%d %d %d\n", t[i][0], t[i][1], t[i][2]);
    printf("%d %d %d\n", next_id(), next_id(), next_id());
    printf("counter=%d\n", counter);
    char words[3][8] = { "alpha", "beta", "gamma" };
    for (int i = 0; i < 3; i++)
        printf("%s ", words[i]);
    printf("\n");
    const char *names[] = { "x", "yy", "zzz" };
    printf("%s %lu\n", names[2], sizeof(names) / sizeof(names[0]));
    int zero[5] = { 0 };
    printf("%d %d\n", zero[0], zero[4]);
    double d[4] = { 1.5, 2.5 };
    printf("%.1f %.1f %.1f\n", d[0], d[1], d[3]);
    return 0;
}
