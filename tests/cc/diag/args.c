int add(int a, int b)
{
    return a + b;
}

int main(void)
{
    int s = add(1);
    s += add(1, 2, 3);
    return s;
}
