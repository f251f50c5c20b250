int main(void)
{
    const int limit = 10;
    limit = 20;
    int arr[3];
    arr = 0;
    return limit;
}
