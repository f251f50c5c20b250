#include <stdio.h>
#include <stdarg.h>

int sum(int count, ...)
{
    va_list ap;
    int total = 0;
    va_start(ap, count);
    for (int i = 0; i < count; i++)
        total += va_arg(ap, int);
    va_end(ap);
    return total;
}

void log_msg(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    printf("[log] ");
    vprintf(fmt, ap);
    va_end(ap);
}

double avg(int n, ...)
{
    va_list ap;
    double s = 0;
    va_start(ap, n);
    for (int i = 0; i < n; i++)
        s += va_arg(ap, double);
    va_end(ap);
    return s / n;
}

int main(void)
{
    printf("%d %d\n", sum(3, 1, 2, 3), sum(0));
    log_msg("%s has %d items (%.1f%%)\n", "cart", 4, 12.5);
    printf("%.3f\n", avg(4, 1.0, 2.0, 3.5, 4.25));
    char buf[32];
    snprintf(buf, sizeof buf, "%05.2f|%-4d|%x", 3.14159, 7, 48879);
    puts(buf);
    return 0;
}
