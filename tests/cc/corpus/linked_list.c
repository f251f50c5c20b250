#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Node {
    char *name;
    int score;
    struct Node *next;
} Node;

Node *insert_sorted(Node *head, const char *name, int score)
{
    Node *n = (Node *)malloc(sizeof *n);
    n->name = malloc(strlen(name) + 1);
    strcpy(n->name, name);
    n->score = score;
    if (head == NULL || score > head->score) {
        n->next = head;
        return n;
    }
    Node *cur = head;
    while (cur->next != NULL && cur->next->score >= score)
        cur = cur->next;
    n->next = cur->next;
    cur->next = n;
    return head;
}

Node *remove_name(Node *head, const char *name)
{
    Node **pp = &head;
    while (*pp) {
        if (strcmp((*pp)->name, name) == 0) {
            Node *dead = *pp;
            *pp = dead->next;
            free(dead->name);
            free(dead);
            break;
        }
        pp = &(*pp)->next;
    }
    return head;
}

void print(const Node *n)
{
    for (; n; n = n->next)
        printf("%-6s %3d\n", n->name, n->score);
    printf("--\n");
}

int main(void)
{
    Node *list = NULL;
    list = insert_sorted(list, "ann", 50);
    list = insert_sorted(list, "bob", 80);
    list = insert_sorted(list, "cy", 65);
    list = insert_sorted(list, "dee", 80);
    print(list);
    list = remove_name(list, "cy");
    list = remove_name(list, "ann");
    print(list);
    return 0;
}
