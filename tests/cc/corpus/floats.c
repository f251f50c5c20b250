#include <stdio.h>
#include <math.h>

int main(void)
{
    double a = 1.0 / 3.0;
    float f = 1.0f / 3.0f;
    printf("%f %.10f %e %g\n", a, a, a, a);
    printf("%f %.10f\n", f, f);
    printf("%g %g %g %g\n", 100000.0, 1000000.0, 0.0001, 123.456);
    printf("%8.3f|%-8.2f|%+.1f\n", 3.14159, 2.5, 1.0);
    printf("sqrt=%.4f pow=%.1f fabs=%.2f\n", sqrt(2.0), pow(2, 10), fabs(-3.5));
    printf("floor=%.0f ceil=%.0f\n", floor(2.7), ceil(2.1));
    int i = 10;
    double avg = i / 4;
    double avg2 = i / 4.0;
    printf("%.2f %.2f\n", avg, avg2);
    double x = 0.1 + 0.2;
    printf("%.17f %d\n", x, x == 0.3);
    printf("%d\n", (int)(2.5 * 4));
    long double ld = 2.25;
    printf("%.3f\n", (double)ld);
    printf("%5.1f%%\n", 45.678);
    return 0;
}
