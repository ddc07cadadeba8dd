// The process group of data-parallel training: two ranks (threads of this test) meet over
// Gloo on localhost, average gradients, agree on stopping, share a checkpoint and their random
// generators, and report a missing peer clearly;
// a program that trains in one process refuses a config asking for several.
#include "TrainingTestHelpers.h"
#include "engine/training/DataParallel.h"
#include "engine/util/LocalPort.h"

#include <QTemporaryDir>
#include <QtTest>
#include <arpa/inet.h>
#include <functional>
#include <future>
#include <netinet/in.h>
#include <sys/socket.h>
#include <torch/nn/modules/linear.h>
#include <unistd.h>

using namespace tb::engine;

namespace {

/// A listening socket on a port the kernel picked: the port is taken while it lives.
struct TakenPort {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    int port = 0;

    TakenPort() {
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof(address);
        if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0 &&
            ::listen(fd, 1) == 0 &&
            ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0)
            port = ntohs(address.sin_port);
    }
    ~TakenPort() { ::close(fd); }
};

ProcessGroupSpec spec(int rank, int port, int timeoutS = 60) {
    ProcessGroupSpec s;
    s.rank = rank;
    s.worldSize = 2;
    s.masterPort = port;
    s.timeout = std::chrono::seconds(timeoutS);
    return s;
}

/// Runs `body(rank)` for ranks 0 and 1 at once, each with its own group member.
template <typename Result>
std::pair<Result, Result> onTwoRanks(const std::function<Result(DataParallel&)>& body) {
    const int port = freeLocalPort();
    auto run = [&](int rank) {
        DataParallel member(spec(rank, port));
        return body(member);
    };
    auto one = std::async(std::launch::async, run, 1);
    Result zero = run(0);
    return {zero, one.get()};
}

std::string messageOf(const std::function<void()>& action) {
    try {
        action();
    } catch (const std::exception& e) {
        return e.what();
    }
    return {};
}

} // namespace

class TestDataParallel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        if (const std::string reason = dataParallelUnavailableReason(); !reason.empty())
            QSKIP(reason.c_str());
    }

    void gradientsBecomeTheirMeanAndStopsAreShared() {
        using Grads = std::vector<float>;
        const auto [zero, one] = onTwoRanks<std::pair<Grads, bool>>([](DataParallel& member) {
            torch::nn::Linear layer(2, 1);
            const float r = static_cast<float>(member.rank());
            layer->weight.mutable_grad() = torch::full({1, 2}, 1.0F + r);   // 1 and 2
            layer->bias.mutable_grad() = torch::full({1}, 10.0F * (1 + r)); // 10 and 20
            const bool stop = member.averageGradients(layer->parameters(), member.rank() == 1);
            return std::make_pair(Grads{layer->weight.grad()[0][0].item<float>(),
                                        layer->weight.grad()[0][1].item<float>(),
                                        layer->bias.grad()[0].item<float>()},
                                  stop);
        });
        QCOMPARE(zero.first, (Grads{1.5F, 1.5F, 15.0F}));
        QCOMPARE(one.first, zero.first);
        QVERIFY(zero.second); // rank 1 asked to stop: rank 0 hears it in the same step
        QVERIFY(one.second);
    }

    void rankZeroDecidesAndSumsAddUp() {
        const auto [zero, one] =
            onTwoRanks<std::pair<std::int64_t, double>>([](DataParallel& member) {
                const std::int64_t verdict = member.fromRankZero(member.rank() == 0 ? 2 : 0);
                return std::make_pair(verdict, member.sum(0.25 + member.rank()));
            });
        QCOMPARE(zero.first, std::int64_t{2});
        QCOMPARE(one.first, std::int64_t{2});
        QCOMPARE(zero.second, 1.5);
        QCOMPARE(one.second, 1.5);
    }

    void rankZerosBytesAndEveryRanksTensorReachEveryRank() {
        using Gathered = std::pair<std::string, std::vector<float>>;
        const std::string checkpoint("a checkpoint\0with a zero byte", 29);
        const auto [zero, one] = onTwoRanks<Gathered>([&](DataParallel& member) {
            const std::string bytes =
                member.fromRankZero(member.rank() == 0 ? checkpoint : std::string("other"));
            std::vector<float> byRank;
            for (const torch::Tensor& t : member.gather(torch::full({3}, 1.0F + member.rank())))
                byRank.push_back(t[2].item<float>());
            return Gathered{bytes, byRank};
        });
        QCOMPARE(zero.first, checkpoint);
        QCOMPARE(one.first, checkpoint);
        QCOMPARE(zero.second, (std::vector<float>{1.0F, 2.0F}));
        QCOMPARE(one.second, zero.second);
    }

    void everyRankStartsFromRankZerosWeights() {
        // The ranks are threads here, sharing LibTorch's global generator: the weights are set
        // by hand, not seeded.
        const auto [zero, one] = onTwoRanks<std::vector<float>>([](DataParallel& member) {
            torch::nn::Linear layer(3, 1);
            {
                torch::NoGradGuard noGrad;
                layer->weight.fill_(1.0 + member.rank()); // different before the broadcast
                layer->bias.fill_(10.0 + member.rank());
            }
            member.broadcastFromRankZero(*layer);
            return std::vector<float>{layer->weight[0][0].item<float>(),
                                      layer->weight[0][2].item<float>(),
                                      layer->bias[0].item<float>()};
        });
        QCOMPARE(zero, (std::vector<float>{1.0F, 1.0F, 10.0F}));
        QCOMPARE(one, zero);
    }

    void aTakenPortIsNamed() {
        const TakenPort taken;
        const std::string message = messageOf([&] { DataParallel member(spec(0, taken.port)); });
        QVERIFY2(message.find("cannot serve the rendezvous on 127.0.0.1:" +
                              std::to_string(taken.port)) != std::string::npos,
                 message.c_str());
        QVERIFY(message.find("dist.master_port") != std::string::npos);
    }

    void aPeerThatNeverComesTimesOut() {
        const std::string message =
            messageOf([] { DataParallel member(spec(0, freeLocalPort(), 2)); });
        QVERIFY2(message.find("could not join the 2 processes") != std::string::npos,
                 message.c_str());
        QVERIFY(message.find("within 2 s") != std::string::npos);
    }

    void aOneProcessProgramRefusesAGroup() {
        if (!tb::test::haveFashionMnist())
            QSKIP("Fashion-MNIST is not installed (apt install dataset-fashion-mnist)");
        Config config = tb::test::quickMlpConfig();
        config.set("dist.world_size", std::int64_t{4});
        const QTemporaryDir dir;
        RunOptions options; // no rank: the desktop app's case
        options.databasePath = dir.filePath("group.db").toStdString();
        RunController controller;
        const StartResult result = controller.start(config, options);
        QVERIFY(!result.started);
        QCOMPARE(result.issues.size(), std::size_t{1});
        QCOMPARE(result.issues.front().field, std::string("dist.world_size"));
        QVERIFY2(result.issues.front().message.find("trainbench-cli train --nproc 4") !=
                     std::string::npos,
                 result.issues.front().message.c_str());
        QVERIFY(!QFile::exists(dir.filePath("group.db"))); // nothing written

        options.continueRunId = 7; // going on with such a run names the command that can
        const StartResult continued = controller.start(config, options);
        QVERIFY(!continued.started);
        QVERIFY2(continued.issues.front().message.find("in its 4 processes with `trainbench-cli "
                                                       "continue 7`") != std::string::npos,
                 continued.issues.front().message.c_str());
    }

    void aPeerThatLeavesIsReported() {
        const int port = freeLocalPort();
        auto leaver =
            std::async(std::launch::async, [port] { DataParallel member(spec(1, port)); });
        DataParallel member(spec(0, port));
        leaver.get(); // rank 1 is gone
        const std::string message = messageOf([&] { member.sum(1.0); });
        QVERIFY2(message.find("lost the other processes") != std::string::npos, message.c_str());
    }
};

QTEST_GUILESS_MAIN(TestDataParallel)
#include "tst_dataparallel.moc"
