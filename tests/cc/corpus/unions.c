#include <stdio.h>
#include <string.h>

union value {
    int i;
    float f;
    unsigned char bytes[4];
};

struct tagged {
    enum { INT, TEXT } kind;
    union {
        int number;
        char text[12];
    } u;
};

struct rect {
    struct { int x, y; } origin;
    int w, h;
};

int area(struct rect r) { return r.w * r.h; }

struct rect grow(struct rect r, int by)
{
    r.w += by;
    r.h += by;
    return r;
}

int main(void)
{
    union value v;
    v.i = 0x41424344;
    printf("%c%c%c%c %zu\n", v.bytes[0], v.bytes[1], v.bytes[2], v.bytes[3], sizeof v);
    v.f = 1.0f;
    printf("%08x\n", v.i);
    struct tagged t[2];
    t[0].kind = INT;
    t[0].u.number = 42;
    t[1].kind = TEXT;
    strcpy(t[1].u.text, "hello");
    for (int i = 0; i < 2; i++) {
        if (t[i].kind == INT)
            printf("int %d\n", t[i].u.number);
        else
            printf("text %s\n", t[i].u.text);
    }
    struct rect r = { { 1, 2 }, 3, 4 };
    struct rect g = grow(r, 2);
    printf("%d %d %d %d area %d -> %d\n", g.origin.x, g.origin.y, g.w, g.h, area(r), area(g));
    struct rect *pr = &g;
    pr->origin.x = 10;
    printf("%d %zu\n", g.origin.x, sizeof(struct rect));
    int *ip = (int[]){ 5, 6, 7 };
    printf("%d\n", ip[1] + ip[2]);
    struct rect z = { .w = 9 };
    printf("%d %d\n", z.w, z.h);
    return 0;
}
