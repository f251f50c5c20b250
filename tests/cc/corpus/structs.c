#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct point {
    int x, y;
};

typedef struct {
    char name[20];
    int age;
    double score;
} Student;

struct node {
    int value;
    struct node *next;
};

struct point add(struct point a, struct point b)
{
    struct point r = { a.x + b.x, a.y + b.y };
    return r;
}

void birthday(Student *s)
{
    s->age++;
}

struct node *push(struct node *head, int v)
{
    struct node *n = malloc(sizeof(struct node));
    n->value = v;
    n->next = head;
    return n;
}

int main(void)
{
    struct point p = { 1, 2 }, q = { .y = 10, .x = 20 };
    struct point r = add(p, q);
    printf("(%d, %d)\n", r.x, r.y);
    Student s;
    strcpy(s.name, "Alice");
    s.age = 20;
    s.score = 91.5;
    birthday(&s);
    printf("%s is %d, score %.1f\n", s.name, s.age, s.score);
    Student class[3] = { { "Bob", 19, 70.0 }, { "Carol", 21, 88.25 }, { "Dan", 22, 64.5 } };
    double total = 0;
    for (int i = 0; i < 3; i++)
        total += class[i].score;
    printf("average %.2f\n", total / 3);
    printf("sizes: %lu %lu %lu\n", sizeof(struct point), sizeof(Student), sizeof(struct node));
    struct node *list = NULL;
    for (int i = 1; i <= 5; i++)
        list = push(list, i * i);
    int count = 0;
    for (struct node *n = list; n; n = n->next) {
        printf("%d ", n->value);
        count++;
    }
    printf("(%d nodes)\n", count);
    while (list) {
        struct node *next = list->next;
        free(list);
        list = next;
    }
    struct point copy = p;
    copy.x = 99;
    printf("%d %d\n", p.x, copy.x);
    return 0;
}
