#include <stdio.h>
#include <stdbool.h>
#include <stdint.h>
#include <limits.h>

typedef unsigned long ulong;

static bool is_even(int n) { return n % 2 == 0; }

int main(void)
{
    int a = 5, b = 10;
    int max = a > b ? a : b;
    printf("max=%d\n", max);
    int i = 0;
    int arr[5] = { 0 };
    arr[i] = i;
    i++;
    arr[++i] = 7;
    printf("i=%d arr=%d %d %d\n", i, arr[0], arr[1], arr[2]);
    int x = 10;
    x += 5;
    x -= 3;
    x *= 2;
    x /= 4;
    printf("x=%d\n", x);
    printf("even: %d %d\n", is_even(4), is_even(7));
    bool t = 5;
    printf("bool=%d\n", t);
    uint8_t u8 = 255;
    u8++;
    int32_t s32 = INT_MIN;
    printf("u8=%u s32=%d max=%d\n", u8, s32, INT_MAX);
    ulong big = ULONG_MAX;
    printf("ulong=%lu\n", big);
    printf("sizeof: %zu %zu %zu %zu %zu %zu\n", sizeof(char), sizeof(short), sizeof(int), sizeof(long), sizeof(void *), sizeof(double));
    int c = (a, b);
    printf("comma=%d\n", c);
    printf("logic: %d %d %d\n", a && 0, a || 0, !a);
    const int k = 3;
    printf("k=%d\n", k * 2);
    printf("%5s|%-5s|%05d|%x|%X|%o|%#x\n", "ab", "cd", 42, 255, 255, 8, 255);
    printf("%c%c%c\n", 'C', 65 + 1, '\x41');
    printf("%p\n", (void *)0);
    return 0;
}
