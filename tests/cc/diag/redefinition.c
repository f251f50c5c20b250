int value = 1;
int value = 2;

int twice(int x) { return 2 * x; }
int twice(int x) { return x + x; }

int main(void)
{
    int a = 1;
    int a = 2;
    return a;
}
