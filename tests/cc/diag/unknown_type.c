int main(void)
{
    socklen_t len = 4;
    return len;
}
