int main(void)
{
    printf("hi\n");
    notify(3);
    return 0;
}
