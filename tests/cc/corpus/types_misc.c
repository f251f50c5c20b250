#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <stdint.h>
#include <stddef.h>

typedef struct { char name[10]; short s; long l; char c; } rec;
struct node { int v; struct node *left, *right; };

struct node *insert(struct node *t, int v) {
    if (!t) { t = calloc(1, sizeof *t); t->v = v; return t; }
    if (v < t->v) t->left = insert(t->left, v); else t->right = insert(t->right, v);
    return t;
}
void inorder(struct node *t) { if (!t) return; inorder(t->left); printf("%d ", t->v); inorder(t->right); }
int cmp(const void *a, const void *b) { const rec *x = a, *y = b; return strcmp(x->name, y->name); }
static int counter(void) { static int n; return ++n; }
int main(void) {
    rec r[3] = { {"zed", 1, 2, 'a'}, {"amy", 3, 4, 'b'}, {"moe", 5, 6, 'c'} };
    qsort(r, 3, sizeof(rec), cmp);
    for (int i = 0; i < 3; i++) printf("%s %d %ld %c\n", r[i].name, r[i].s, r[i].l, r[i].c);
    printf("%zu %zu\n", sizeof(rec), offsetof(rec, l));
    struct node *t = NULL;
    int vals[] = {50, 30, 70, 20, 40, 60, 80};
    for (unsigned i = 0; i < sizeof vals / sizeof *vals; i++) t = insert(t, vals[i]);
    inorder(t); printf("\n");
    char c = -5; unsigned char uc = c; int i = c;
    printf("%d %u %d %x\n", c, uc, i, (unsigned)c);
    uint32_t big = 4000000000u; int32_t neg = (int32_t)big;
    printf("%u %d %lu\n", big, neg, (unsigned long)big * 2);
    short sh = 40000; printf("%d\n", sh);
    long long ll = 1LL << 62; printf("%lld %llx\n", ll, ll);
    printf("%d %d %d\n", counter(), counter(), counter());
    int a = 7, b = 2; printf("%d %d %d %d\n", a / b, a % b, -a / b, -a % b);
    double d = 7 / 2; float f = 7 / 2.0f; printf("%f %f %.10f\n", d, f, (double)(float)0.1);
    printf("%5.2s|%-6.3f|%+d|% d|%%|%c\n", "abc", 3.14159, 5, 5, 'x');
    int arr[2][3] = {{1,2,3},{4,5,6}}; int (*row)[3] = arr; printf("%d %d\n", row[1][2], *(*(arr+1)+1));
    char *strs[] = {"one", "two", "three"}; char **pp = strs; printf("%s %c\n", *(pp+2), **pp);
    printf("%d\n", (int)strlen(strs[2]) + (strs[1][1] == 'w'));
    unsigned x = 0xF0F0; printf("%u %u %u\n", x >> 4, x & 0xFF, ~x);
    int neg_shift = -1; printf("%d %u\n", neg_shift >> 1, (unsigned)neg_shift >> 28);
    printf("%d\n", 1 ? 2 : 3.0 > 1);
    printf("%g %g\n", 1e-5, 123456789.0);
    return 0;
}
