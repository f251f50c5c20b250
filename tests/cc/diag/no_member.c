struct point { int x; int y; };

int main(void)
{
    struct point p;
    p.z = 3;
    int n = 4;
    n.x = 1;
    return p.x;
}
