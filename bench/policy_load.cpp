// Load generator for Postfix policy services: C connections, opened all at once (as Postfix's
// smtpd processes reconnect after the service restarts), then each sending requests one at a
// time (as Postfix does) and timing each answer. Bounded: exactly N requests in all, and a
// deadline. Prints one JSON line: the time until the last connection was open, throughput
// over the whole round (connecting included: a dropped SYN costs the round a second) and
// latency percentiles.
//   policy_load HOST PORT CONNECTIONS REQUESTS ACCOUNTS      (HOST: an IPv4 address or unix:PATH)
// Plain POSIX sockets and threads: nothing of Staffetta's own is measured here.
#include <algorithm>
#include <arpa/inet.h>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <latch>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string>
#include <sys/socket.h>
#include <sys/un.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

// HOST "unix:PATH" is a unix socket (PORT ignored), as Postfix's check_policy_service
// unix:... uses; anything else is an IPv4 address.
int connectTo(const char *host, int port)
{
    if (std::strncmp(host, "unix:", 5) == 0) {
        const int fd = socket(AF_UNIX, SOCK_STREAM, 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        std::strncpy(addr.sun_path, host + 5, sizeof addr.sun_path - 1);
        if (connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0) {
            close(fd);
            return -1;
        }
        return fd;
    }
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(uint16_t(port));
    inet_pton(AF_INET, host, &addr.sin_addr);
    if (connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0) {
        close(fd);
        return -1;
    }
    const int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

// Reads until the blank line that ends a policy answer.
bool readAnswer(int fd, std::string &buffer)
{
    char chunk[4096];
    for (;;) {
        const auto end = buffer.find("\n\n");
        if (end != std::string::npos) {
            buffer.erase(0, end + 2);
            return true;
        }
        const ssize_t n = read(fd, chunk, sizeof chunk);
        if (n <= 0)
            return false;
        buffer.append(chunk, size_t(n));
    }
}

std::string request(long i, int accounts)
{
    const long account = i % accounts;
    const std::string user = "user" + std::to_string(account);
    return "request=smtpd_access_policy\nprotocol_state=RCPT\nprotocol_name=ESMTP\n"
           "client_address=192.0.2." +
           std::to_string(1 + account % 250) +
           "\nclient_name=client.example\nhelo_name=client.example\nsasl_method=PLAIN\n"
           "sasl_username=" +
           user + "\nsender=" + user + "@bench.test\nrecipient=r" + std::to_string(i) +
           "@ext.example\nrecipient_count=0\nqueue_id=\nsize=0\ninstance=bench." +
           std::to_string(i) + "\n\n";
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 6) {
        fprintf(stderr, "usage: policy_load HOST PORT CONNECTIONS REQUESTS ACCOUNTS\n");
        return 2;
    }
    const char *host = argv[1];
    const int port = atoi(argv[2]);
    const int connections = std::max(1, atoi(argv[3]));
    const long total = std::max(1L, atol(argv[4]));
    const int accounts = std::max(1, atoi(argv[5]));
    const auto deadline = Clock::now() + std::chrono::seconds(120);

    std::vector<std::vector<double>> latencies(static_cast<size_t>(connections));
    std::vector<Clock::time_point> connectedAt(static_cast<size_t>(connections));
    std::atomic<long> next{0};
    std::atomic<long> failures{0};
    std::vector<std::thread> threads;
    // Every thread waits for `go`, so the connections are opened at once; the requests start
    // when the last one is open, so the connecting is timed apart from them.
    std::latch go(1);
    std::latch open(connections);
    for (int c = 0; c < connections; ++c) {
        threads.emplace_back([&, c] {
            go.wait();
            const int fd = connectTo(host, port);
            connectedAt[size_t(c)] = Clock::now();
            open.arrive_and_wait();
            if (fd < 0) {
                ++failures;
                return;
            }
            std::string buffer;
            for (long i = next++; i < total && Clock::now() < deadline; i = next++) {
                const std::string r = request(i, accounts);
                const auto t0 = Clock::now();
                if (write(fd, r.data(), r.size()) != ssize_t(r.size()) || !readAnswer(fd, buffer)) {
                    ++failures;
                    break;
                }
                latencies[size_t(c)].push_back(
                    std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
            }
            close(fd);
        });
    }
    const auto start = Clock::now();
    go.count_down();
    for (auto &t : threads)
        t.join();
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    const double connectMs = std::chrono::duration<double, std::milli>(
                                 *std::max_element(connectedAt.begin(), connectedAt.end()) - start)
                                 .count();
    std::vector<double> all;
    for (const auto &l : latencies)
        all.insert(all.end(), l.begin(), l.end());
    std::sort(all.begin(), all.end());
    auto pct = [&all](double p) {
        return all.empty() ? 0.0 : all[std::min(all.size() - 1, size_t(p * double(all.size())))];
    };
    printf("{\"connections\": %d, \"requests\": %zu, \"failures\": %ld, \"seconds\": %.3f, "
           "\"connect_ms\": %.1f, \"rps\": %.0f, \"p50_us\": %.0f, \"p99_us\": %.0f}\n",
           connections, all.size(), failures.load(), seconds, connectMs,
           double(all.size()) / seconds, pct(0.50), pct(0.99));
    return failures.load() == 0 ? 0 : 1;
}
