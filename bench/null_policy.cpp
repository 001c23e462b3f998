// The floor: a policy server that answers DUNNO to everything and does nothing else (a thread
// per connection, blocking I/O). What it measures is the machine's loopback round trip and
// scheduling, which bound every real server in the same run.
//   null_policy PORT|unix:PATH SECONDS
#include <arpa/inet.h>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string>
#include <sys/socket.h>
#include <sys/un.h>
#include <thread>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc != 3)
        return 2;
    signal(SIGPIPE, SIG_IGN);
    alarm(unsigned(atoi(argv[2]))); // bounded: it stops by itself
    const bool unixSocket = std::strncmp(argv[1], "unix:", 5) == 0;
    const int server = socket(unixSocket ? AF_UNIX : AF_INET, SOCK_STREAM, 0);
    int bound;
    if (unixSocket) {
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        std::strncpy(addr.sun_path, argv[1] + 5, sizeof addr.sun_path - 1);
        unlink(addr.sun_path);
        bound = bind(server, reinterpret_cast<sockaddr *>(&addr), sizeof addr);
    } else {
        const int one = 1;
        setsockopt(server, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(uint16_t(atoi(argv[1])));
        inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
        bound = bind(server, reinterpret_cast<sockaddr *>(&addr), sizeof addr);
    }
    // The largest backlog (the kernel caps it at net.core.somaxconn): the suite opens up to 256
    // connections at once, and the floor must not drop any of them.
    if (bound != 0 || listen(server, SOMAXCONN) != 0)
        return 1;
    for (;;) {
        const int fd = accept(server, nullptr, nullptr);
        if (fd < 0)
            continue;
        std::thread([fd] {
            const int on = 1;
            setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on); // fails harmlessly on unix
            static const char answer[] = "action=DUNNO\n\n";
            std::string buffer;
            char chunk[65536];
            for (;;) {
                const ssize_t n = read(fd, chunk, sizeof chunk);
                if (n <= 0)
                    break;
                buffer.append(chunk, size_t(n));
                size_t end;
                while ((end = buffer.find("\n\n")) != std::string::npos) {
                    buffer.erase(0, end + 2);
                    if (write(fd, answer, sizeof answer - 1) < 0)
                        break;
                }
            }
            close(fd);
        }).detach();
    }
}
