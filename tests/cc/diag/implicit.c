int main(void)
{
    printf("hi\n");
    helper(3);
    return 0;
}
