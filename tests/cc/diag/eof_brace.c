int main(void)
{
    int x = 1;
    if (x) {
        x++;
    return 0;
}
