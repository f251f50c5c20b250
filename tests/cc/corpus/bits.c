#include <stdio.h>

#define BIT(n) (1u << (n))
#define SQUARE(x) ((x) * (x))
#define MAX(a, b) ((a) > (b) ? (a) : (b))
#define VERSION "1.2"

int main(void)
{
    unsigned int flags = 0;
    flags |= BIT(3);
    flags |= BIT(0);
    printf("flags=%u hex=%x\n", flags, flags);
    flags &= ~BIT(0);
    printf("flags=%u\n", flags);
    printf("xor=%d shl=%d shr=%d\n", 12 ^ 10, 1 << 10, -16 >> 2);
    unsigned char c = 250;
    c += 10;
    printf("wrap uchar=%d\n", c);
    int big = 2147483647;
    big++;
    printf("wrap int=%d\n", big);
    unsigned u = 0;
    u--;
    printf("wrap unsigned=%u\n", u);
    printf("square=%d max=%d version=%s\n", SQUARE(3 + 1), MAX(4, 9), VERSION);
    long l = 1L << 40;
    printf("long=%ld\n", l);
    int x = 5;
    x <<= 2;
    x ^= 3;
    x %= 7;
    printf("x=%d\n", x);
    printf("neg mod=%d div=%d\n", -7 % 3, -7 / 2);
    printf("char arith=%d\n", 'a' + 1);
    signed char sc = -1;
    unsigned char uc = sc;
    printf("%d %d\n", sc, uc);
    printf("%d\n", (int)3.99);
    printf("%.2f\n", 7 / 2.0);
    printf("%d\n", 7 / 2);
#ifdef DEBUG
    printf("debug\n");
#else
    printf("release\n");
#endif
#ifndef VERSION
    printf("no version\n");
#endif
    return 0;
}
