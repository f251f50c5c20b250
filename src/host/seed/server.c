#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#define PORT 8888
#define BUF_SIZE 1024

int main(void)
{
    int server_fd, client_fd;
    struct sockaddr_in addr, client;
    socklen_t len = sizeof(client);
    char buf[BUF_SIZE];
    int opt = 1;

    server_fd = socket(AF_INET, SOCK_STREAM, 0);
    if (server_fd < 0) {
        perror("socket");
        exit(1);
    }
    setsockopt(server_fd, SOL_SOCKET, SO_REUSEADDR, &opt, sizeof(opt));
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    addr.sin_port = htons(PORT);
    if (bind(server_fd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
        perror("bind");
        exit(1);
    }
    if (listen(server_fd, 5) < 0) {
        perror("listen");
        exit(1);
    }
    printf("Server listening on port %d\n", PORT);
    fflush(stdout);
    while (1) {
        client_fd = accept(server_fd, (struct sockaddr *)&client, &len);
        if (client_fd < 0) {
            perror("accept");
            continue;
        }
        printf("Client connected from %s\n", inet_ntoa(client.sin_addr));
        fflush(stdout);
        ssize_t n;
        while ((n = read(client_fd, buf, sizeof(buf) - 1)) > 0) {
            buf[n] = '\0';
            printf("Received: %s", buf);
            fflush(stdout);
            char reply[BUF_SIZE + 16];
            snprintf(reply, sizeof(reply), "echo: %s", buf);
            write(client_fd, reply, strlen(reply));
        }
        printf("Client disconnected\n");
        fflush(stdout);
        close(client_fd);
    }
    return 0;
}
