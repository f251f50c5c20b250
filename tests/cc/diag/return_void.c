void nothing(void)
{
    return 1;
}

int something(void)
{
    return;
}

int main(void)
{
    nothing();
    return something();
}
