#include <stdio.h>

enum color { RED, GREEN = 5, BLUE };
typedef enum { SMALL = 1, LARGE = 10 } size_kind;

const char *name(enum color c)
{
    switch (c) {
    case RED:
        return "red";
    case GREEN:
        return "green";
    case BLUE:
        return "blue";
    default:
        return "unknown";
    }
}

int main(void)
{
    printf("%s %s %s %s\n", name(RED), name(GREEN), name(BLUE), name(42));
    printf("%d %d %d\n", RED, GREEN, BLUE);
    size_kind k = LARGE;
    printf("%d\n", k);
    for (int i = 0; i < 6; i++) {
        switch (i) {
        case 0:
        case 1:
            printf("small ");
            break;
        case 2:
            printf("two ");
        case 3:
            printf("fall ");
            break;
        default:
            printf("big ");
        }
    }
    printf("\n");
    char op = '*';
    int a = 6, b = 7;
    switch (op) {
    case '+': printf("%d\n", a + b); break;
    case '*': printf("%d\n", a * b); break;
    }
    return 0;
}
