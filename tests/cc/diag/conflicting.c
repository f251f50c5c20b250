int main(void)
{
    return compute(2);
}

double compute(int n)
{
    return n * 1.5;
}
