char *name(void)
{
    char buf[16] = "temp";
    return buf;
}

int main(void)
{
    char *p = name();
    int *q = 0;
    if (p == 0 || q == 5)
        return 1;
    return 0;
}
