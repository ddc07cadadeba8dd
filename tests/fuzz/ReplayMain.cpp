// Runs a fuzz target over saved inputs (its seed corpus and every input that once crashed it),
// so the ordinary build's CTest keeps them passing. A TRAINBENCH_FUZZ build links libFuzzer's
// main instead of this one.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace fs = std::filesystem;

namespace {

std::vector<fs::path> inputsUnder(const fs::path& root) {
    std::vector<fs::path> inputs;
    if (fs::is_regular_file(root))
        inputs.push_back(root);
    else if (fs::is_directory(root))
        for (const auto& entry : fs::recursive_directory_iterator(root))
            if (entry.is_regular_file())
                inputs.push_back(entry.path());
    std::sort(inputs.begin(), inputs.end());
    return inputs;
}

std::vector<std::uint8_t> bytesOf(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace

int main(int argc, char** argv) {
    std::size_t replayed = 0;
    for (int i = 1; i < argc; ++i) {
        for (const fs::path& input : inputsUnder(argv[i])) {
            // Named first: a crash further down stops the program before it could say which.
            std::cout << input.string() << std::endl;
            const std::vector<std::uint8_t> bytes = bytesOf(input);
            try {
                LLVMFuzzerTestOneInput(bytes.data(), bytes.size());
            } catch (const std::exception& e) {
                std::cerr << input.string() << ": uncaught " << e.what() << '\n';
                return 1;
            }
            ++replayed;
        }
    }
    std::cout << "replayed " << replayed << " inputs\n";
    // A corpus folder that went missing must not pass as "nothing crashed".
    return replayed > 0 ? 0 : 1;
}
