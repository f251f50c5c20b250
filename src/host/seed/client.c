#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <netdb.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#define PORT 8888

int main(int argc, char *argv[])
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s <server>\n", argv[0]);
        return 1;
    }
    struct hostent *he = gethostbyname(argv[1]);
    if (he == NULL) {
        fprintf(stderr, "unknown host %s\n", argv[1]);
        return 1;
    }
    int sock = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons(PORT);
    memcpy(&addr.sin_addr, he->h_addr_list[0], he->h_length);
    if (connect(sock, (struct sockaddr *)&addr, sizeof addr) < 0) {
        perror("connect");
        return 1;
    }
    printf("Connected to %s:%d\n", inet_ntoa(addr.sin_addr), PORT);
    char line[256], buf[512];
    while (fgets(line, sizeof line, stdin) != NULL) {
        send(sock, line, strlen(line), 0);
        ssize_t n = recv(sock, buf, sizeof buf - 1, 0);
        if (n <= 0)
            break;
        buf[n] = '\0';
        printf("%s", buf);
    }
    close(sock);
    return 0;
}
