struct s { int v; };

int main(void)
{
    struct s a;
    int x = 1;
    int *p = x;
    char *str = 42;
    x = a;
    x = str;
    5 = x;
    return 0;
}
